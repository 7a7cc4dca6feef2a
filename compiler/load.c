/*
 * load.c — reads the main file and everything it imports.
 *
 * `import std.mla` searches std/mla.pacta in each -I directory, then in each
 * directory of PACTA_PATH, then in the installed standard library;
 * `import "x.pacta"` is relative to the importing file, else found in an -I
 * directory or one of PACTA_PATH.  Each file is loaded
 * once (by its real path); an import that reaches a file still being loaded
 * is a cycle.  Declarations land in p->decls in load order: a file's own
 * declarations, then those of its imports, depth first.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>

#include "pactac.h"
#include "parser.h"
#include "../runtime/libpacta.h"

/* Sources larger than this are refused before they are read.
 * PACTA_MAX_SOURCE_MB changes it, from 1 MiB to 2047 MiB: the lexer
 * scans an int's worth of bytes. */
static size_t max_source_bytes(void)
{
	return (size_t)env_limit("PACTA_MAX_SOURCE_MB", 1024, 1, 2047) << 20;
}

typedef struct loaded {
	const char *real;       /* realpath, the identity of a file */
	srcfile *file;
	int in_progress;
	span import_at;         /* where it was first imported from */
} loaded;

/* Each import is loaded where it is met, recursively: a chain of imports
 * longer than this is refused at the import that goes past it, before
 * the recursion can exhaust the stack. */
#define MAX_IMPORT_DEPTH 1000
/* The imports of a cycle shown, one note each. */
#define MAX_CYCLE_NOTES 10

typedef struct loader {
	program *p;
	const load_opts *o;
	vec files;              /* loaded* */
	uint32_t depth;         /* files being loaded, each importing the next */
	vec roots;              /* real paths of the directories imports may
	                           come from */
} loader;

/* The whole of a regular file, NUL-terminated, in *len bytes; NULL with
 * the reason in *why (static storage) when it cannot be read, is not a
 * regular file, or is larger than the limit. */
static char *read_all(const char *path, size_t *len, const char **why)
{
	static char too_large[128];
	size_t max = max_source_bytes();
	struct stat st;
	int fd = lp_open_regular(path, &st);
	if (fd < 0) {
		*why = fd == -2 ? "not a regular file" : strerror(errno);
		return NULL;
	}
	/* the size first, so that a huge file is refused before it is
	 * read; then read on while it grows, up to one byte past the
	 * limit */
	size_t cap = (uint64_t)st.st_size < max ? (size_t)st.st_size + 1 : max + 1;
	char *buf = NULL;
	size_t n = 0;
	if ((uint64_t)st.st_size <= max) {
		buf = xmalloc(cap + 1);
		for (;;) {
			ssize_t r = read(fd, buf + n, cap - n);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				*why = strerror(errno);
				free(buf);
				close(fd);
				return NULL;
			}
			if (r == 0)
				break;
			n += (size_t)r;
			if (n > max)
				break;
			if (n == cap) {
				cap = cap * 2 < max + 1 ? cap * 2 : max + 1;
				buf = xrealloc(buf, cap + 1);
			}
		}
	}
	close(fd);
	if (!buf || n > max) {
		snprintf(too_large, sizeof too_large, "file too large (the limit is %zu MiB; see PACTA_MAX_SOURCE_MB)",
		         max >> 20);
		*why = too_large;
		free(buf);
		return NULL;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Why `path` cannot be a source, or NULL when it is a regular file. */
static const char *not_a_file(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? "not found" : errno == ELOOP ? "a loop of symbolic links" : strerror(errno);
	if (S_ISDIR(st.st_mode))
		return "a directory";
	return S_ISREG(st.st_mode) ? NULL : "not a regular file";
}

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The installed stdlib is found beside the binary (or the library, for
 * the prover plugin), so an installation can move: PREFIX/bin/pacta and
 * PREFIX/lib/libpacta-prove.so.0 use PREFIX/share/pacta/stdlib (as does
 * PREFIX/lib/ARCH/libpacta-prove.so.0), and
 * build/pacta in a source tree uses stdlib/.  NULL when there is none. */
const char *stdlib_dir_beside(const char *file)
{
	static char dir[PATH_MAX];
	char at[PATH_MAX];
	if (!file || (size_t)snprintf(at, sizeof at, "%s", file) >= sizeof at)
		return NULL;
	char *slash = strrchr(at, '/');
	if (!slash)
		return NULL;
	*slash = 0;
	static const char *const rel[] = { "/../share/pacta/stdlib", "/../../share/pacta/stdlib",
	                                    "/../stdlib", "/../../stdlib" };
	for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		if ((size_t)snprintf(dir, sizeof dir, "%s%s", at, rel[i]) >= sizeof dir)
			continue;
		if (is_dir(dir))
			return dir;
	}
	return NULL;
}

const char *default_stdlib_dir(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return NULL;
	exe[n] = 0;
	return stdlib_dir_beside(exe);
}

static int load_file(loader *l, const char *path, span from, const char *name);
static int load_real(loader *l, const char *path, const char *real, span from, const char *name, uint32_t carried);
static int load_carried(loader *l, const char *name, const char *shown, span from);

/* The directories of the search path: -I, PACTA_PATH, then (with
 * `stdlib`) the standard library, in that order. */
static vec search_dirs(loader *l, int stdlib)
{
	program *p = l->p;
	vec dirs = { 0 };
	for (size_t i = 0; i < l->o->include_dirs.len; i++)
		vec_push(p->ar, &dirs, l->o->include_dirs.items[i]);
	const char *env = getenv("PACTA_PATH");
	if (env && *env) {
		char *copy = arena_strndup(p->ar, env, strlen(env));
		for (char *tok = strtok(copy, ":"); tok; tok = strtok(NULL, ":"))
			vec_push(p->ar, &dirs, tok);
	}
	if (stdlib && l->o->stdlib_dir)
		vec_push(p->ar, &dirs, (void *)l->o->stdlib_dir);
	return dirs;
}

/* The first source `rel` in the directories `dirs`, or NULL; *other and
 * *why (when still NULL) the first candidate there that is no source, and
 * what it is. */
static char *search(loader *l, const vec *dirs, const char *rel, const char **other, const char **why)
{
	for (size_t i = 0; i < dirs->len; i++) {
		char *cand = arena_printf(l->p->ar, "%s/%s", (char *)dirs->items[i], rel);
		const char *w = not_a_file(cand);
		if (!w)
			return cand;
		if (!*other && strcmp(w, "not found") != 0)
			*other = cand, *why = w;
	}
	return NULL;
}

static void add_root(loader *l, const char *dir)
{
	char *real = realpath(dir, NULL);
	if (!real)
		return;
	vec_push(l->p->ar, &l->roots, arena_strndup(l->p->ar, real, strlen(real)));
	free(real);
}

/*
 * Imports read sources, and nothing else: a `.pacta` file (by its name
 * and by the name of the file it is) in the main file's directory or
 * below it, or in a directory of the search path or below it.  An
 * import of /etc/shadow or /proc/self/environ would otherwise have its
 * lines shown in the diagnostics.  -I DIR lets imports reach DIR.
 */
static const char *import_refused(const loader *l, const char *path, const char *real)
{
	size_t n = strlen(path), rn = strlen(real);
	if (n < 6 || strcmp(path + n - 6, ".pacta") != 0 || rn < 6 || strcmp(real + rn - 6, ".pacta") != 0)
		return "not a .pacta file";
	for (size_t i = 0; i < l->roots.len; i++) {
		const char *r = l->roots.items[i];
		size_t k = strlen(r);
		if (strncmp(real, r, k) == 0 && (real[k] == '/' || (k == 1 && r[0] == '/')))
			return NULL;
	}
	return "outside the main file's directory and the search path (-I DIR allows imports from DIR)";
}

static int import_std(loader *l, decl *d)
{
	program *p = l->p;
	/* std.mla -> std/mla.pacta */
	char *rel = arena_printf(p->ar, "%s.pacta", d->name);
	for (char *c = rel; *c && strcmp(c, ".pacta") != 0; c++)
		if (*c == '.')
			*c = '/';
	if (l->o->carried)
		return load_carried(l, d->name, rel, d->name_at);
	vec dirs = search_dirs(l, 1);
	const char *other = NULL, *why = NULL;
	char *found = search(l, &dirs, rel, &other, &why);
	if (found)
		return load_file(l, found, d->name_at, d->name);
	if (other)
		diag_error(p->dg, d->name_at, "cannot import '%s' (%s): %s", d->name, other, why);
	else
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
	if (l->o->carried)
		return load_carried(l, d->name, cand, d->name_at);
	const char *why = not_a_file(cand);
	/* none beside the importer: in each -I directory, then each of
	 * PACTA_PATH, as a C compiler looks for #include "F" */
	size_t searched = 0;
	if (why && strcmp(why, "not found") == 0 && d->name[0] != '/') {
		vec dirs = search_dirs(l, 0);
		const char *other = NULL;
		char *found = search(l, &dirs, d->name, &other, &why);
		if (found)
			return load_file(l, found, d->name_at, d->name);
		if (other)
			cand = (char *)other;
		searched = dirs.len;
	}
	if (why) {
		/* the path looked at, when it is not the name imported */
		const char *at = strcmp(cand, d->name) ? arena_printf(p->ar, " (%s)", cand) : "";
		if (strcmp(why, "not found") == 0)
			diag_error(p->dg, d->name_at, "import \"%s\" not found%s%s", d->name, at,
			           searched ? ", nor in the -I directories and PACTA_PATH"
			                    : "; -I DIR or PACTA_PATH names a directory to look in too");
		else
			diag_error(p->dg, d->name_at, "cannot import \"%s\"%s: %s", d->name, at, why);
		return -1;
	}
	return load_file(l, cand, d->name_at, d->name);
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

/* What a file says of itself, read from its tokens (so that a comment or
 * a text block saying "agreement ..." or "import ..." says nothing): an
 * agreement header (`agreement` and its title), and whether it imports
 * the file `quoted` ("name.pacta", quotes included; NULL: not asked). */
typedef struct self_view {
	int header, imports;
} self_view;

static self_view view_of(const char *text, size_t len, const char *quoted)
{
	self_view v = { 0, 0 };
	FILE *quiet = fopen("/dev/null", "w");
	if (!quiet)
		return v;
	compilation cm;
	compilation_init(&cm, quiet);
	/* nothing said: not to the run's collected diagnostics either */
	cm.dg.sink = NULL;
	cm.dg.format = DIAG_TEXT;
	srcfile *f = source_from_text(&cm.prog, "<scan>", text, len);
	lex_token *t = NULL;
	size_t n = f ? lex_tokens(&cm.prog, f, &t) : 0;
	int prev = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].kind == COMMENT)
			continue;
		if (t[i].kind == STRING && prev == AGREEMENT)
			v.header = 1;
		if (t[i].kind == STRING && prev == IMPORT && quoted && t[i].end - t[i].start == strlen(quoted)
		    && !memcmp(f->text + t[i].start, quoted, strlen(quoted)))
			v.imports = 1;
		prev = t[i].kind;
	}
	free(t);
	compilation_free(&cm);
	fclose(quiet);
	return v;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *find_importer(const char *path)
{
	size_t len;
	const char *why;
	char *text = read_all(path, &len, &why);
	char *found = text ? importer_of(path, text) : NULL;
	free(text);
	return found;
}

/* The first agreement of the directory of `path`, by name, that imports
 * it by name (malloc'd), or NULL; with `others`, the other agreements
 * there that import it, each followed by a NUL. */
static char *scan_importers(const char *path, lp_strbuf *others)
{
	size_t len;
	const char *why;
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
	const char *base = slash ? slash + 1 : path;
	char *quoted = xmalloc(strlen(base) + 3);
	sprintf(quoted, "\"%s\"", base);
	DIR *d = opendir(dir);
	vec names = { 0 };
	arena *ar = arena_new();
	for (struct dirent *e; d && (e = readdir(d));) {
		size_t n = strlen(e->d_name);
		if (n > 6 && !strcmp(e->d_name + n - 6, ".pacta") && strcmp(e->d_name, base))
			vec_push(ar, &names, arena_strndup(ar, e->d_name, n));
	}
	if (d)
		closedir(d);
	if (names.len)   /* qsort of no array: undefined */
		qsort(names.items, names.len, sizeof *names.items, by_name);
	char *found = NULL;
	for (size_t i = 0; i < names.len && (!found || others); i++) {
		char *f = arena_printf(ar, "%s/%s", dir, (const char *)names.items[i]);
		char *t = read_all(f, &len, &why);
		self_view v = t ? view_of(t, len, quoted) : (self_view){ 0, 0 };
		const char *shown = strcmp(dir, ".") ? f : (const char *)names.items[i];
		if (v.header && v.imports && !found)
			found = strdup(shown);
		else if (v.header && v.imports)
			lp_sb_put(others, shown, strlen(shown) + 1);
		free(t);
	}
	arena_free(ar);
	free(quoted);
	free(dir);
	return found;
}

char *importer_of(const char *path, const char *text)
{
	return view_of(text, strlen(text), NULL).header ? NULL : scan_importers(path, NULL);
}

void parts_as_whole(const char *a, const char *b, part_pair *pp)
{
	const char *path[2] = { a, b };
	memset(pp, 0, sizeof *pp);
	for (int k = 0; k < 2; k++) {
		const char *why;
		if (!strcmp(path[k], "-") || !(pp->text[k] = read_all(path[k], &pp->len[k], &why))
		    || view_of(pp->text[k], pp->len[k], NULL).header)
			return;
	}
	pp->parts = 1;
	int k = 1;
	lp_strbuf others = { 0 };
	pp->whole = scan_importers(b, &others);
	if (!pp->whole) {
		k = 0;
		pp->whole = scan_importers(a, &others);
	}
	if (pp->whole && !(pp->real = realpath(path[k], NULL))) {
		free(pp->whole);
		pp->whole = NULL;
	}
	if (pp->whole) {
		pp->others = others.data;
		pp->others_len = others.len;
	} else {
		lp_sb_free(&others);
	}
	if (pp->whole)
		fprintf(stderr, "pacta: note: %s and %s have no agreement header: they are compared as parts of "
		        "%s, which imports %s\n", a, b, pp->whole, path[k]);
}

void part_pair_free(part_pair *pp)
{
	free(pp->text[0]);
	free(pp->text[1]);
	free(pp->whole);
	free(pp->real);
	free(pp->others);
}

char *part_as_whole(const char *path, const char *done)
{
	if (!strcmp(path, "-"))
		return NULL;
	char *whole = find_importer(path);
	if (whole)
		fprintf(stderr, "pacta: note: %s has no agreement header: it is %s as part of %s, which imports it\n",
		        path, done, whole);
	return whole;
}

int part_refused(const char *cmd, const char *path)
{
	char *whole = strcmp(path, "-") ? find_importer(path) : NULL;
	if (whole)
		fprintf(stderr, "pacta: %s: %s has no agreement header: it is part of %s, which imports it; "
		        "give that instead\n", cmd, path, whole);
	free(whole);
	return whole != NULL;
}

char *read_stdin_text(size_t *len)
{
	lp_strbuf b = { 0 };
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		lp_sb_put(&b, chunk, n);
	if (ferror(stdin) || b.failed) {
		lp_sb_free(&b);
		return NULL;
	}
	*len = b.len;
	char *text = xmalloc(b.len + 1);
	memcpy(text, b.data ? b.data : "", b.len);
	text[b.len] = 0;
	lp_sb_free(&b);
	return text;
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

/* Whether the chain of imports may go one deeper to `path`; else said. */
static int too_deep(loader *l, const char *path, span from)
{
	if (l->depth < MAX_IMPORT_DEPTH)
		return 0;
	diag_error(l->p->dg, from, "imports nested too deeply: '%s' would be file %u of a chain of imports, "
	           "each importing the next (the limit is %u)", path, l->depth + 1, MAX_IMPORT_DEPTH);
	return 1;
}

/* What the import `name` of a module's source reads: the file the module
 * carries for that import of the file it is written in (lp_imports).
 * Diagnostics name the file `shown`, where the import would find it on
 * disk beside the module (std/x.pacta for `import std.x`). */
static int load_carried(loader *l, const char *name, const char *shown, span from)
{
	program *p = l->p;
	const lp_imports *im = l->o->carried;
	uint32_t in = from.file->carried, e = 0;
	while (e < im->nedges && (im->edges[e].from != in || strcmp(im->edges[e].name, name) != 0))
		e++;
	if (e == im->nedges) {
		diag_error(p->dg, from, "the module carries no file for this import: its source is not the one it "
		           "was built from");
		return -1;
	}
	uint32_t k = im->edges[e].to;
	if (too_deep(l, shown, from))
		return -1;
	l->depth++;
	int rc = load_real(l, shown, arena_printf(p->ar, "module:%u", k), from, name, k + 1);
	l->depth--;
	return rc;
}

static int load_file(loader *l, const char *path, span from, const char *name)
{
	program *p = l->p;
	if (too_deep(l, path, from))
		return -1;
	/* in the arena, not on the stack: this function recurses */
	char *real = realpath(path, NULL);
	/* the caller holds the main file's text: it need not be on disk (an
	 * editor's new buffer, known by the name the editor gives it) */
	if (!real && !from.file && l->o->main_text)
		real = strdup(path);
	if (!real) {
		if (from.file)
			diag_error(p->dg, from, "cannot open '%s': %s", path, strerror(errno));
		else
			diag_plain(p->dg, "cannot open '%s': %s", path, strerror(errno));
		return -1;
	}
	const char *rp = arena_strndup(p->ar, real, strlen(real));
	free(real);
	const char *why = from.file ? import_refused(l, path, rp) : NULL;
	if (why) {
		diag_error(p->dg, from, "cannot import '%s': %s", path, why);
		return -1;
	}
	l->depth++;
	int rc = load_real(l, path, rp, from, name, 0);
	l->depth--;
	return rc;
}

/* The import `name` written in `from`'s file reads file `to`. */
static void add_import(program *p, span from, const char *name, const srcfile *to)
{
	if (!from.file)
		return;
	srcfile *importer = p->files.items[from.file->id];
	src_import *e = arena_alloc(p->ar, sizeof *e);
	e->name = arena_strndup(p->ar, name, strlen(name));
	e->to = to->id;
	vec_push(p->ar, &importer->imports, e);
}

/* load_file, once the file's identity is known (`real`, its real path or
 * the module's file it is): read by the import `name` written in
 * from.file (NULL: the main file), file `carried` - 1 of a module's
 * imports when `carried` is not 0. */
static int load_real(loader *l, const char *path, const char *real, span from, const char *name, uint32_t carried)
{
	program *p = l->p;
	/* the caller holds the main file's text: it need not be on disk */
	int held_main = !from.file && l->o->main_text;
	for (size_t i = 0; i < l->files.len; i++) {
		loaded *f = l->files.items[i];
		if (strcmp(f->real, real) != 0)
			continue;
		if (f->in_progress) {
			diag_error(p->dg, from, "import cycle: '%s' imports itself", f->file->path);
			/* walk the chain of files still loading, newest first;
			 * a long chain is shown by its ends */
			size_t shown = 0, left = 0;
			for (size_t j = l->files.len; j-- > 0;) {
				loaded *g = l->files.items[j];
				if (g->in_progress && g->import_at.file) {
					if (shown < MAX_CYCLE_NOTES)
						diag_note(p->dg, g->import_at, "'%s' is imported here", g->file->path);
					else
						left++;
					shown++;
				}
				if (g == f)
					break;
			}
			if (left)
				diag_note(p->dg, f->import_at, "and %zu more imports in the cycle, not shown", left);
			return -1;
		}
		add_import(p, from, name, f->file);
		return 0;  /* loaded once */
	}
	if (!held_main && !carried && !is_file(path)) {
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
	const lp_source_file *cf = carried ? &l->o->carried->files[carried - 1] : NULL;
	if (!held && cf) {
		held = cf->text;
		len = (size_t)cf->len;
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
	sf->real = real;
	sf->carried = carried;
	if (name)
		sf->import_name = arena_strndup(p->ar, name, strlen(name));
	add_import(p, from, name, sf);
	const char *shown = held && !held_main && (!cf || held != cf->text) && l->o->overlay_shown
	                    ? l->o->overlay_shown(l->o->overlay_ctx, real) : NULL;
	if (shown)
		sf->shown = arena_strndup(p->ar, shown, strlen(shown));

	loaded *lf = arena_alloc(p->ar, sizeof *lf);
	lf->real = real;
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

/* The agreement `-`: standard input, read once (a command may load it
 * more than once) and named <stdin>. */
static int stdin_main(program *p, load_opts *o, const char **path)
{
	static char *in;
	static size_t in_len;
	if (strcmp(*path, "-") && strcmp(*path, STDIN_NAME))
		return 0;
	*path = STDIN_NAME;
	if (o->main_text)
		return 0;
	if (!in && !(in = read_stdin_text(&in_len))) {
		diag_plain(p->dg, "cannot read standard input");
		return -1;
	}
	o->main_text = in;
	o->main_len = in_len;
	return 0;
}

int load_program(program *p, const load_opts *opts, const char *path)
{
	load_opts own = *opts;
	if (stdin_main(p, &own, &path) != 0)
		return -1;
	const load_opts *o = &own;
	loader l = { p, o, { 0 }, 0, { 0 } };
	span none = { 0 };
	/* the main file's directory, then the search path */
	const char *slash = strrchr(path, '/');
	add_root(&l, !slash ? "." : slash == path ? "/" : arena_printf(p->ar, "%.*s", (int)(slash - path), path));
	vec dirs = search_dirs(&l, 1);
	for (size_t i = 0; i < dirs.len; i++)
		add_root(&l, dirs.items[i]);
	return load_file(&l, path, none, NULL);
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

/* The hash a module carries of what it was built from: each file the
 * lowered program read, its length then its text (emit.c, run.c). */
void source_hash(const lw_program *lw, uint8_t out[32])
{
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	for (uint32_t i = 0; i < lw->nfiles; i++) {
		const srcfile *f = lw->files[i];
		uint8_t n[8];
		for (int k = 0; k < 8; k++)
			n[k] = (uint8_t)((uint64_t)f->len >> (8 * k));
		crypto_hash_sha256_update(&st, n, sizeof n);
		crypto_hash_sha256_update(&st, (const unsigned char *)f->text, f->len);
	}
	crypto_hash_sha256_final(&st, out);
}

int source_hash_is(const lw_program *lw, const uint8_t want[32])
{
	uint8_t now[32];
	source_hash(lw, now);
	return memcmp(now, want, sizeof now) == 0;
}

void source_imports(const lw_program *lw, arena *ar, lp_imports *out)
{
	uint32_t n = lw->nfiles ? lw->nfiles - 1 : 0, ne = 0;
	lp_source_file *f = arena_alloc(ar, (n + 1) * sizeof *f);
	for (uint32_t i = 0; i < lw->nfiles; i++)
		ne += (uint32_t)lw->files[i]->imports.len;
	lp_source_import *e = arena_alloc(ar, (ne + 1) * sizeof *e);
	ne = 0;
	for (uint32_t i = 0; i < lw->nfiles; i++) {
		const srcfile *sf = lw->files[i];
		if (i > 0)   /* every file after the main one was imported */
			f[i - 1] = (lp_source_file){ sf->import_name ? sf->import_name : sf->path, sf->text, sf->len };
		for (size_t k = 0; k < sf->imports.len; k++) {
			const src_import *im = sf->imports.items[k];
			e[ne++] = (lp_source_import){ i, im->to - 1, im->name };
		}
	}
	*out = (lp_imports){ f, n, ne, e };
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

int compilation_report(const compilation *cm)
{
	if (cm->dg.errors && cm->prog.files.len && cm->dg.format == DIAG_TEXT)
		fprintf(stderr, "%d error%s\n", cm->dg.errors, cm->dg.errors == 1 ? "" : "s");
	return cm->dg.errors ? 1 : 0;
}

void compilation_free(compilation *cm)
{
	program_release(&cm->prog);
	intern_free(cm->prog.names);
	arena_free(cm->ar);
}
