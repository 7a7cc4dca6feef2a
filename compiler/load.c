/*
 * load.c — reads the main file and everything it imports.
 *
 * `import std.mla` searches std/mla.pacta in each -I directory, then in each
 * directory of PACTA_PATH, then in the installed standard library;
 * `import "x.pacta"` is relative to the importing file.  Each file is loaded
 * once (by its real path); an import that reaches a file still being loaded
 * is a cycle.  Declarations land in p->decls in load order: a file's own
 * declarations, then those of its imports, depth first.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pactac.h"

/* PACTA_MAX_SOURCE_MB changes it, from 1 MiB to 4 GiB. */
#define MAX_SOURCE_BYTES ((size_t)env_limit("PACTA_MAX_SOURCE_MB", 1024, 1, 4096) << 20)

typedef struct loaded {
	const char *real;       /* realpath, the identity of a file */
	srcfile *file;
	int in_progress;
	span import_at;         /* where it was first imported from */
} loaded;

typedef struct loader {
	program *p;
	const load_opts *o;
	vec files;              /* loaded* */
} loader;

static char *read_all(const char *path, size_t *len, const char **why)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		*why = strerror(errno);
		return NULL;
	}
	size_t cap = 4096, n = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap >= MAX_SOURCE_BYTES) {
				*why = "file too large (see PACTA_MAX_SOURCE_MB)";
				free(buf);
				fclose(f);
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		*why = strerror(errno);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = 0;
	*len = n;
	return buf;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The installed stdlib is found beside the binary, so an installation can
 * move: PREFIX/bin/pacta uses PREFIX/share/pacta/stdlib, and build/pacta in
 * a source tree uses stdlib/. */
const char *default_stdlib_dir(void)
{
	static char dir[PATH_MAX];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	static const char *const rel[] = { "/../share/pacta/stdlib", "/../stdlib", "/../../stdlib" };
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		if ((size_t)snprintf(dir, sizeof dir, "%s%s", exe, rel[i]) >= sizeof dir)
			continue;
		if (is_dir(dir))
			return dir;
	}
	return NULL;
}

static int load_file(loader *l, const char *path, span from);

static int import_std(loader *l, decl *d)
{
	program *p = l->p;
	/* std.mla -> std/mla.pacta */
	char *rel = arena_printf(p->ar, "%s.pacta", d->name);
	for (char *c = rel; *c && strcmp(c, ".pacta") != 0; c++)
		if (*c == '.')
			*c = '/';
	vec dirs = { 0 };
	for (size_t i = 0; i < l->o->include_dirs.len; i++)
		vec_push(p->ar, &dirs, l->o->include_dirs.items[i]);
	const char *env = getenv("PACTA_PATH");
	if (env && *env) {
		char *copy = arena_strndup(p->ar, env, strlen(env));
		for (char *tok = strtok(copy, ":"); tok; tok = strtok(NULL, ":"))
			vec_push(p->ar, &dirs, tok);
	}
	if (l->o->stdlib_dir)
		vec_push(p->ar, &dirs, (void *)l->o->stdlib_dir);
	for (size_t i = 0; i < dirs.len; i++) {
		char *cand = arena_printf(p->ar, "%s/%s", (char *)dirs.items[i], rel);
		if (is_file(cand))
			return load_file(l, cand, d->name_at);
	}
	diag_error(p->dg, d->name_at, "import '%s' not found (looked for %s in -I directories, PACTA_PATH and the standard library)",
	           d->name, rel);
	return -1;
}

static int import_path(loader *l, decl *d)
{
	program *p = l->p;
	const char *importer = d->at.file->path;
	const char *slash = strrchr(importer, '/');
	char *cand;
	if (d->name[0] == '/' || !slash)
		cand = arena_printf(p->ar, "%s", d->name);
	else
		cand = arena_printf(p->ar, "%.*s/%s", (int)(slash - importer), importer, d->name);
	if (!is_file(cand)) {
		diag_error(p->dg, d->name_at, "import \"%s\" not found (%s)", d->name, cand);
		return -1;
	}
	return load_file(l, cand, d->name_at);
}

/* Why a file's bytes are not a Pacta source, or NULL: a binary file (a
 * module, an image, an archive), bytes that are not UTF-8, or NUL bytes.
 * Said in one line rather than as a page of lexical errors. */
static const char *not_source(const char *text, size_t len, char *buf, size_t n)
{
	static const struct { const char *magic; size_t len; const char *what; } kinds[] = {
		{ "\x7f" "ELF", 4, "looks like an ELF module; did you mean 'pacta inspect'?" },
		{ "\x89PNG", 4, "looks like a PNG image" },
		{ "%PDF", 4, "looks like a PDF document" },
		{ "\x1f\x8b", 2, "looks like a gzip archive" },
		{ "PK\x03\x04", 4, "looks like a zip archive (a word-processor document?)" },
		{ "\xff\xfe", 2, "is UTF-16 text: save it as UTF-8" },
		{ "\xfe\xff", 2, "is UTF-16 text: save it as UTF-8" },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (len >= kinds[i].len && !memcmp(text, kinds[i].magic, kinds[i].len))
			return kinds[i].what;
	uint32_t line = 1, col = 1;
	for (size_t i = 0; i < len;) {
		uint32_t cp = 0, k = utf8_decode(text + i, len - i, &cp);
		if (k == 0) {
			snprintf(buf, n, "it is not UTF-8 text (byte 0x%02x at line %u, column %u); save it as UTF-8",
			         (unsigned char)text[i], line, col);
			return buf;
		}
		if (cp == 0) {
			snprintf(buf, n, "it holds NUL bytes (line %u, column %u): a binary file?", line, col);
			return buf;
		}
		if (cp == '\n')
			line++, col = 1;
		else
			col++;
		i += k;
	}
	return NULL;
}

/* A file's text (malloc'd, taken) joins the program as its next file. */
static srcfile *add_file(program *p, const char *path, char *text, size_t len)
{
	srcfile *sf = arena_alloc(p->ar, sizeof *sf);
	sf->path = arena_strndup(p->ar, path, strlen(path));
	sf->text = arena_strndup(p->ar, text, len);
	sf->len = len;
	sf->id = (uint32_t)p->files.len;
	free(text);
	vec_push(p->ar, &p->files, sf);
	return sf;
}

srcfile *source_from_text(program *p, const char *name, const char *text, size_t len)
{
	char buf[160];
	const char *why = not_source(text, len, buf, sizeof buf);
	if (why) {
		diag_file(p->dg, name, "not a Pacta source: %s", why);
		return NULL;
	}
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = 0;
	return add_file(p, name, copy, len);
}

srcfile *read_source(program *p, const char *path)
{
	size_t len = 0;
	const char *why = "";
	if (!is_file(path)) {
		diag_plain(p->dg, "cannot open '%s': %s", path, access(path, F_OK) ? strerror(errno) : "not a regular file");
		return NULL;
	}
	char *text = read_all(path, &len, &why);
	if (!text) {
		diag_plain(p->dg, "cannot read '%s': %s", path, why);
		return NULL;
	}
	char buf[160];
	if ((why = not_source(text, len, buf, sizeof buf))) {
		diag_file(p->dg, path, "not a Pacta source: %s", why);
		free(text);
		return NULL;
	}
	return add_file(p, path, text, len);
}

static int load_file(loader *l, const char *path, span from)
{
	program *p = l->p;
	char real[PATH_MAX];
	/* the caller holds the main file's text: it need not be on disk (an
	 * editor's new buffer, known by the name the editor gives it) */
	int held_main = !from.file && l->o->main_text;
	if (!realpath(path, real)) {
		if (held_main && strlen(path) < sizeof real) {
			memcpy(real, path, strlen(path) + 1);
		} else {
			if (from.file)
				diag_error(p->dg, from, "cannot open '%s': %s", path, strerror(errno));
			else
				diag_plain(p->dg, "cannot open '%s': %s", path, strerror(errno));
			return -1;
		}
	}
	for (size_t i = 0; i < l->files.len; i++) {
		loaded *f = l->files.items[i];
		if (strcmp(f->real, real) != 0)
			continue;
		if (f->in_progress) {
			diag_error(p->dg, from, "import cycle: '%s' imports itself", f->file->path);
			/* walk the chain of files still loading, newest first */
			for (size_t j = l->files.len; j-- > 0;) {
				loaded *g = l->files.items[j];
				if (g->in_progress && g->import_at.file)
					diag_note(p->dg, g->import_at, "'%s' is imported here", g->file->path);
				if (g == f)
					break;
			}
			return -1;
		}
		return 0;  /* loaded once */
	}
	if (!held_main && !is_file(path)) {
		if (from.file)
			diag_error(p->dg, from, "cannot open '%s': not a regular file", path);
		else
			diag_plain(p->dg, "cannot open '%s': not a regular file", path);
		return -1;
	}
	size_t len = 0;
	const char *why = "";
	char *text;
	const char *held = NULL;
	if (held_main) {
		/* the caller holds the main file's text (the canonical form) */
		held = l->o->main_text;
		len = l->o->main_len;
	} else if (l->o->overlay) {
		held = l->o->overlay(l->o->overlay_ctx, real, &len);
	}
	if (held) {
		text = xmalloc(len + 1);
		memcpy(text, held, len);
		text[len] = 0;
	} else {
		text = read_all(path, &len, &why);
	}
	if (!text) {
		if (from.file)
			diag_error(p->dg, from, "cannot read '%s': %s", path, why);
		else
			diag_plain(p->dg, "cannot read '%s': %s", path, why);
		return -1;
	}
	char buf[160];
	if ((why = not_source(text, len, buf, sizeof buf))) {
		if (from.file)
			diag_error(p->dg, from, "'%s' is not a Pacta source: %s", path, why);
		else
			diag_file(p->dg, path, "not a Pacta source: %s", why);
		free(text);
		return -1;
	}
	srcfile *sf = add_file(p, path, text, len);

	loaded *lf = arena_alloc(p->ar, sizeof *lf);
	lf->real = arena_strndup(p->ar, real, strlen(real));
	lf->file = sf;
	lf->in_progress = 1;
	lf->import_at = from;
	vec_push(p->ar, &l->files, lf);

	size_t first = p->decls.len;
	parse_file(p, sf);
	size_t last = p->decls.len;
	int rc = 0;
	for (size_t i = first; i < last; i++) {
		decl *d = p->decls.items[i];
		if (d->kind != D_IMPORT)
			continue;
		if ((d->import_is_path ? import_path(l, d) : import_std(l, d)) != 0)
			rc = -1;
	}
	lf->in_progress = 0;
	return rc;
}

int load_program(program *p, const load_opts *o, const char *path)
{
	loader l = { p, o, { 0 } };
	span none = { 0 };
	return load_file(&l, path, none);
}

void compilation_init(compilation *cm, FILE *diagnostics)
{
	memset(cm, 0, sizeof *cm);
	cm->ar = arena_new();
	diag_init(&cm->dg, diagnostics);
	cm->prog.ar = cm->ar;
	cm->prog.names = intern_new(cm->ar);
	cm->prog.dg = &cm->dg;
}

lw_program *compile_file(compilation *cm, const load_opts *o, const char *path,
                         FILE *diagnostics)
{
	compilation_init(cm, diagnostics);
	if (load_program(&cm->prog, o, path) != 0 || cm->dg.errors)
		return NULL;
	cm->chk = check_program(&cm->prog);
	if (cm->dg.errors)
		return NULL;
	return cm->lw = lower_program(cm->chk);
}

void compilation_free(compilation *cm)
{
	program_release(&cm->prog);
	intern_free(cm->prog.names);
	arena_free(cm->ar);
}
