/* check_load.c — imports: search order, relative paths, once, cycles,
 * what an import may read. */
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"

static char dir[64];

static void put(const char *rel, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, rel);
	char *slash = strrchr(path, '/');
	*slash = 0;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
	ck_assert_int_eq(system(cmd), 0);
	*slash = '/';
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	strcpy(dir, "/tmp/pacta-load-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

typedef struct lt {
	tc t;
	load_opts o;
} lt;

static int load(lt *l, const char *main_rel, const char *incdir)
{
	tc *t = &l->t;
	memset(l, 0, sizeof *l);
	tc_init(t);
	if (incdir)
		vec_push(t->ar, &l->o.include_dirs, arena_printf(t->ar, "%s/%s", dir, incdir));
	char *path = arena_printf(t->ar, "%s/%s", dir, main_rel);
	load_program(&t->prog, &l->o, path);
	fflush(t->errf);
	return t->dg.errors;
}

START_TEST(test_std_import_via_I)
{
	lt l;
	put("lib/std/x.pacta", "enum e { a }\n");
	put("main.pacta", "import std.x\nimport std.x\n");
	ck_assert_int_eq(load(&l, "main.pacta", "lib"), 0);
	ck_assert_int_eq(l.t.prog.files.len, 2);   /* loaded once */
	tc_free(&l.t);
}
END_TEST

START_TEST(test_std_import_via_env)
{
	lt l;
	put("env/std/y.pacta", "enum e { a }\n");
	put("main.pacta", "import std.y\n");
	char p[160];
	snprintf(p, sizeof p, "%s/nowhere:%s/env", dir, dir);
	setenv("PACTA_PATH", p, 1);
	ck_assert_int_eq(load(&l, "main.pacta", NULL), 0);
	unsetenv("PACTA_PATH");
	tc_free(&l.t);
}
END_TEST

START_TEST(test_I_before_env)
{
	lt l;
	put("a/std/z.pacta", "enum from_a { a }\n");
	put("b/std/z.pacta", "enum from_b { b }\n");
	put("main.pacta", "import std.z\n");
	char env[128];
	snprintf(env, sizeof env, "%s/b", dir);
	setenv("PACTA_PATH", env, 1);
	ck_assert_int_eq(load(&l, "main.pacta", "a"), 0);
	unsetenv("PACTA_PATH");
	decl *d = l.t.prog.decls.items[1];
	ck_assert_str_eq(d->name, "from_a");
	tc_free(&l.t);
}
END_TEST

START_TEST(test_relative_path_import)
{
	lt l;
	put("sub/part.pacta", "import \"inner/leaf.pacta\"\n");
	put("sub/inner/leaf.pacta", "enum leaf { l }\n");
	put("main.pacta", "import \"sub/part.pacta\"\n");
	ck_assert_int_eq(load(&l, "main.pacta", NULL), 0);
	ck_assert_int_eq(l.t.prog.files.len, 3);
	tc_free(&l.t);
}
END_TEST

/* The files a module carries and the imports between them, whatever
 * directories the files were found in (two files of one name, one found
 * by -I; one file read by two imports); and its source loaded again from
 * them alone. */
START_TEST(test_import_edges)
{
	lt l;
	put("src/helper.pacta", "enum kind { a, b }\n");
	put("inc/lib.pacta", "import \"helper.pacta\"\n");
	put("inc/helper.pacta", "enum mode { up, down }\n");
	put("inc/std/x.pacta", "enum e { x }\n");
	put("src/a.pacta", "import \"helper.pacta\"\nimport \"lib.pacta\"\nimport std.x\n"
	    "import \"../inc/std/x.pacta\"\n");
	ck_assert_int_eq(load(&l, "src/a.pacta", "inc"), 0);
	ck_assert_int_eq(l.t.prog.files.len, 5);
	lw_program lw = { .files = (const srcfile *const *)l.t.prog.files.items, .nfiles = 5 };
	lp_imports im;
	source_imports(&lw, l.t.ar, &im);
	ck_assert_uint_eq(im.nfiles, 4);
	ck_assert_str_eq(im.files[0].name, "helper.pacta");
	ck_assert_str_eq(im.files[0].text, "enum kind { a, b }\n");
	ck_assert_str_eq(im.files[1].name, "lib.pacta");
	ck_assert_str_eq(im.files[2].name, "helper.pacta");
	ck_assert_str_eq(im.files[2].text, "enum mode { up, down }\n");
	ck_assert_str_eq(im.files[3].name, "std.x");
	ck_assert_uint_eq(im.nedges, 5);
	/* the agreement's four imports, then lib.pacta's */
	ck_assert_uint_eq(im.edges[3].from, 0);
	ck_assert_uint_eq(im.edges[3].to, 3);   /* the same file as std.x */
	ck_assert_str_eq(im.edges[3].name, "../inc/std/x.pacta");
	ck_assert_uint_eq(im.edges[4].from, 2);
	ck_assert_uint_eq(im.edges[4].to, 2);
	ck_assert_str_eq(im.edges[4].name, "helper.pacta");

	/* away from every file but the main one: the same texts */
	lt m;
	memset(&m, 0, sizeof m);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -r '%s/src' '%s/inc'", dir, dir);
	ck_assert_int_eq(system(cmd), 0);
	tc *t = &m.t;
	tc_init(t);
	const srcfile *main_file = l.t.prog.files.items[0];
	m.o.main_text = main_file->text;
	m.o.main_len = main_file->len;
	m.o.carried = &im;
	ck_assert_int_eq(load_program(&t->prog, &m.o, "/nowhere/m.so"), 0);
	ck_assert_int_eq(t->dg.errors, 0);
	ck_assert_int_eq(t->prog.files.len, 5);
	for (int i = 1; i < 5; i++)
		ck_assert_str_eq(((srcfile *)t->prog.files.items[i])->text,
		                 ((srcfile *)l.t.prog.files.items[i])->text);
	ck_assert_str_eq(((srcfile *)t->prog.files.items[3])->path, "/nowhere/helper.pacta");
	ck_assert_str_eq(((srcfile *)t->prog.files.items[4])->path, "std/x.pacta");
	tc_free(&m.t);

	/* an import it carries no file for: said, not read from disk */
	lt k;
	memset(&k, 0, sizeof k);
	t = &k.t;
	tc_init(t);
	k.o.main_text = "import \"lib.pacta\"\nimport \"other.pacta\"\n";
	k.o.main_len = strlen(k.o.main_text);
	k.o.carried = &im;
	char *mp = arena_printf(t->ar, "%s/m.so", dir);
	ck_assert_int_ne(load_program(&t->prog, &k.o, mp), 0);
	fflush(t->errf);
	ck_assert_ptr_nonnull(strstr(t->err, "m.so:2:8: error: the module carries no file for this import"));
	tc_free(&k.t);
	tc_free(&l.t);
}
END_TEST

START_TEST(test_import_cycle)
{
	lt l;
	put("a.pacta", "import \"b.pacta\"\n");
	put("b.pacta", "import \"a.pacta\"\n");
	ck_assert_int_eq(load(&l, "a.pacta", NULL), 1);
	ck_assert_ptr_nonnull(strstr(l.t.err, "b.pacta:1:8: error: import cycle"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "note: "));
	tc_free(&l.t);
}
END_TEST

/* A long cycle is shown by its first imports, and a count of the rest. */
START_TEST(test_import_cycle_long)
{
	lt l;
	char name[32], text[64];
	for (int i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "c%d.pacta", i);
		snprintf(text, sizeof text, "import \"c%d.pacta\"\n", (i + 1) % 40);
		put(name, text);
	}
	ck_assert_int_eq(load(&l, "c0.pacta", NULL), 1);
	size_t notes = 0;
	for (const char *p = l.t.err; (p = strstr(p, "note: ")); p++)
		notes++;
	ck_assert_uint_eq(notes, 11);
	ck_assert_ptr_nonnull(strstr(l.t.err, "note: and 29 more imports in the cycle, not shown"));
	tc_free(&l.t);
}
END_TEST

START_TEST(test_import_not_found)
{
	lt l;
	put("main.pacta", "import std.nothing\nimport \"missing.pacta\"\n");
	ck_assert_int_eq(load(&l, "main.pacta", NULL), 2);
	ck_assert_ptr_nonnull(strstr(l.t.err, "import 'std.nothing' not found"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "import \"missing.pacta\" not found"));
	tc_free(&l.t);
}
END_TEST

/* import "F" not beside its importer: in each -I directory, then each of
 * PACTA_PATH; the file beside it first; the error says where it looked. */
START_TEST(test_import_path_search)
{
	lt l;
	char p[160];
	put("srcs/parties.pacta", "enum party_list { pa }\n");
	put("srcs/env.pacta", "enum from_env { fe }\n");
	put("mods/main.pacta", "import \"parties.pacta\"\n");
	unsetenv("PACTA_PATH");
	ck_assert_int_eq(load(&l, "mods/main.pacta", NULL), 1);
	ck_assert_ptr_nonnull(strstr(l.t.err, "import \"parties.pacta\" not found ("));
	ck_assert_ptr_nonnull(strstr(l.t.err, "/mods/parties.pacta); -I DIR or PACTA_PATH names a directory to look in too"));
	tc_free(&l.t);
	ck_assert_int_eq(load(&l, "mods/main.pacta", "srcs"), 0);
	ck_assert_int_eq(l.t.prog.files.len, 2);
	ck_assert_ptr_nonnull(strstr(((srcfile *)l.t.prog.files.items[1])->path, "/srcs/parties.pacta"));
	tc_free(&l.t);
	/* beside the importer first */
	put("mods/parties.pacta", "enum local_list { lo }\n");
	ck_assert_int_eq(load(&l, "mods/main.pacta", "srcs"), 0);
	ck_assert_ptr_nonnull(strstr(((srcfile *)l.t.prog.files.items[1])->path, "/mods/parties.pacta"));
	tc_free(&l.t);
	/* PACTA_PATH, after -I */
	put("mods/main.pacta", "import \"env.pacta\"\n");
	snprintf(p, sizeof p, "%s/nowhere:%s/srcs", dir, dir);
	setenv("PACTA_PATH", p, 1);
	ck_assert_int_eq(load(&l, "mods/main.pacta", NULL), 0);
	ck_assert_ptr_nonnull(strstr(((srcfile *)l.t.prog.files.items[1])->path, "/srcs/env.pacta"));
	tc_free(&l.t);
	put("mods/main.pacta", "import \"none.pacta\"\n");
	ck_assert_int_eq(load(&l, "mods/main.pacta", NULL), 1);
	ck_assert_ptr_nonnull(strstr(l.t.err, "/mods/none.pacta), nor in the -I directories and PACTA_PATH"));
	tc_free(&l.t);
	/* what is there but no source is said */
	put("srcs/none.pacta/x", "");
	ck_assert_int_eq(load(&l, "mods/main.pacta", NULL), 1);
	ck_assert_ptr_nonnull(strstr(l.t.err, "cannot import \"none.pacta\" ("));
	ck_assert_ptr_nonnull(strstr(l.t.err, "/srcs/none.pacta): a directory"));
	tc_free(&l.t);
	unsetenv("PACTA_PATH");
}
END_TEST

/* Imports read sources only: .pacta files in the main file's tree or on
 * the search path, whatever the name or link says. */
START_TEST(test_import_refused)
{
	lt l;
	char target[256], link[256];
	put("outside/x.pacta", "enum e { a }\n");
	put("outside/notes.txt", "a secret line\n");
	put("tree/ok.pacta", "enum ok { o }\n");
	put("tree/main.pacta", "import \"../outside/x.pacta\"\nimport \"../outside/notes.txt\"\n"
	    "import \"link.pacta\"\nimport \"ok.pacta\"\n");
	snprintf(target, sizeof target, "%s/outside/notes.txt", dir);
	snprintf(link, sizeof link, "%s/tree/link.pacta", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert_int_eq(load(&l, "tree/main.pacta", NULL), 3);
	ck_assert_ptr_nonnull(strstr(l.t.err, "main.pacta:1:8: error: cannot import '"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "outside/x.pacta': outside the main file's directory and the "
	                                      "search path (-I DIR allows imports from DIR)"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "outside/notes.txt': not a .pacta file"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "link.pacta': not a .pacta file"));
	ck_assert_ptr_null(strstr(l.t.err, "secret"));
	ck_assert_int_eq(l.t.prog.files.len, 2);   /* main.pacta, ok.pacta */
	tc_free(&l.t);
	/* -I lets imports reach a directory */
	put("tree/main.pacta", "import \"../outside/x.pacta\"\n");
	ck_assert_int_eq(load(&l, "tree/main.pacta", "outside"), 0);
	ck_assert_int_eq(l.t.prog.files.len, 2);
	tc_free(&l.t);
}
END_TEST

/* What is at an import's path, when it is not a source. */
START_TEST(test_import_not_a_file)
{
	lt l;
	char path[256];
	put("d.pacta/x", "");
	put("main.pacta", "import \"d.pacta\"\nimport \"f.pacta\"\nimport \"loop.pacta\"\nimport std.d\n");
	put("lib/std/d.pacta/x", "");
	snprintf(path, sizeof path, "%s/f.pacta", dir);
	ck_assert_int_eq(mkfifo(path, 0600), 0);
	snprintf(path, sizeof path, "%s/loop.pacta", dir);
	ck_assert_int_eq(symlink("loop.pacta", path), 0);
	ck_assert_int_eq(load(&l, "main.pacta", "lib"), 4);
	ck_assert_ptr_nonnull(strstr(l.t.err, "1:8: error: cannot import \"d.pacta\" ("));
	ck_assert_ptr_nonnull(strstr(l.t.err, "/d.pacta): a directory\n"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "/f.pacta): not a regular file\n"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "/loop.pacta): a loop of symbolic links\n"));
	ck_assert_ptr_nonnull(strstr(l.t.err, "4:8: error: cannot import 'std.d' ("));
	ck_assert_ptr_null(strstr(l.t.err, "not found"));
	tc_free(&l.t);
}
END_TEST

START_TEST(test_missing_main)
{
	lt l;
	ck_assert_int_eq(load(&l, "absent.pacta", NULL), 1);
	ck_assert_ptr_nonnull(strstr(l.t.err, "cannot open"));
	tc_free(&l.t);
}
END_TEST

Suite *load_suite(void)
{
	Suite *s = suite_create("load");
	TCase *c = tcase_create("imports");
	tcase_add_checked_fixture(c, setup, teardown);
	tcase_add_test(c, test_std_import_via_I);
	tcase_add_test(c, test_std_import_via_env);
	tcase_add_test(c, test_I_before_env);
	tcase_add_test(c, test_relative_path_import);
	tcase_add_test(c, test_import_cycle);
	tcase_add_test(c, test_import_cycle_long);
	tcase_add_test(c, test_import_not_found);
	tcase_add_test(c, test_import_path_search);
	tcase_add_test(c, test_import_refused);
	tcase_add_test(c, test_import_edges);
	tcase_add_test(c, test_import_not_a_file);
	tcase_add_test(c, test_missing_main);
	suite_add_tcase(s, c);
	return s;
}
