/*
 * diag.c — diagnostics in the manner of a C compiler:
 *
 *   file:line:col: error: message
 *   the source line
 *           ^~~~~
 *           fix
 *
 * Locations travel as byte offsets; line and column are computed only here,
 * when something is printed, and columns count characters (UTF-8), so the
 * caret lands under the character meant whatever precedes it.  Errors are
 * counted and collected so that one run reports several; after
 * `max_errors` only the count goes on.
 *
 * The same diagnostics go to tools: one JSON object a line
 * (--diagnostics=json), one SARIF log for the run (--diagnostics=sarif,
 * diag_finish), or a sink (the language server, lsp.c).  For those a
 * diagnostic is built up — message, notes, fixes — and finished when the
 * next one begins or on diag_flush; text is printed as it comes.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include <yajl/yajl_gen.h>

#include "pactac.h"

#define ECHO_MAX 160   /* bytes of a long source line shown around the caret */

/* The run's settings (main.c), taken by every diag_init. */
static int cfg_format = DIAG_TEXT;
static int cfg_color = -1;        /* -1: auto */

void diag_configure(int format, int color)
{
	cfg_format = format;
	cfg_color = color;
}

int diag_configured_format(void)
{
	return cfg_format;
}

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->max_errors = (int)env_limit("PACTA_MAX_ERRORS", 50, 0, 1000000);
	d->max_warnings = (int)env_limit("PACTA_MAX_WARNINGS", 500, 0, 1000000);
	d->format = cfg_format;
	if (cfg_color >= 0) {
		d->color = cfg_color;
	} else {
		/* auto: a terminal, unless NO_COLOR is set (to anything) */
		const char *nc = getenv("NO_COLOR");
		FILE *o = out ? out : stderr;
		d->color = (!nc || !*nc) && isatty(fileno(o));
	}
}

/* Characters (or UTF-16 units) in f->text[from, to); a byte that is not
 * UTF-8 counts one. */
static uint32_t count_chars(const srcfile *f, uint32_t from, uint32_t to, int utf16)
{
	uint32_t n = 0;
	for (uint32_t i = from; i < to;) {
		uint32_t cp = 0, k = utf8_decode(f->text + i, to - i, &cp);
		if (k == 0)
			k = 1;
		n += utf16 && cp >= 0x10000 ? 2 : 1;
		i += k;
	}
	return n;
}

/* The columns a terminal gives code point cp: 2 for the wide characters
 * of East Asian scripts, 0 for combining marks, else 1 — libc's wcwidth
 * under a UTF-8 locale of this thread's own, whatever the program's. */
static int display_width(uint32_t cp)
{
	static locale_t utf8;
	static int tried;
	if (cp < 0x80)
		return 1;
	if (!tried) {
		tried = 1;
		utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	}
	if (!utf8)
		return 1;
	locale_t old = uselocale(utf8);
	int w = wcwidth((wchar_t)cp);
	uselocale(old);
	return w < 0 ? 1 : w;
}

/* The terminal columns of the text from..to (characters otherwise
 * shown one column each, as echo_source shows them). */
static uint32_t count_columns(const srcfile *f, uint32_t from, uint32_t to)
{
	uint32_t n = 0;
	for (uint32_t i = from; i < to;) {
		uint32_t cp = 0, k = utf8_decode(f->text + i, to - i, &cp);
		n += k > 1 && !(cp >= 0x80 && cp < 0xa0) ? (uint32_t)display_width(cp) : 1;
		i += k ? k : 1;
	}
	return n;
}

/* ---- lines and columns ---- */

/* Line starts are indexed once per file, so that locating many spans (the
 * clause table of a large agreement) costs a binary search each. */
static void index_lines(srcfile *f)
{
	uint32_t n = 1;
	for (size_t i = 0; i < f->len; i++)
		n += f->text[i] == '\n';
	f->line_starts = xmalloc(n * sizeof(uint32_t));
	f->line_starts[0] = 0;
	f->nlines = 1;
	for (size_t i = 0; i < f->len; i++)
		if (f->text[i] == '\n')
			f->line_starts[f->nlines++] = (uint32_t)i + 1;
}

void srcfile_release(srcfile *f)
{
	free(f->line_starts);
	f->line_starts = NULL;
}

static uint32_t line_of(const srcfile *cf, uint32_t off)
{
	srcfile *f = (srcfile *)cf;  /* the index is a cache */
	if (!f->line_starts)
		index_lines(f);
	uint32_t lo = 0, hi = f->nlines;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

void src_linecol(const srcfile *f, uint32_t off, int utf16, uint32_t *line, uint32_t *col)
{
	if (off > f->len)
		off = (uint32_t)f->len;
	uint32_t l = line_of(f, off);
	*line = l + 1;
	*col = count_chars(f, f->line_starts[l], off, utf16) + 1;
}

uint32_t src_line(const srcfile *f, uint32_t off)
{
	return line_of(f, off > f->len ? (uint32_t)f->len : off) + 1;
}

uint32_t src_offset(const srcfile *cf, uint32_t line, uint32_t col16)
{
	srcfile *f = (srcfile *)cf;
	if (!f->line_starts)
		index_lines(f);
	if (line >= f->nlines)
		return (uint32_t)f->len;
	uint32_t i = f->line_starts[line], n = 0;
	while (i < f->len && f->text[i] != '\n' && n < col16) {
		uint32_t cp = 0, k = utf8_decode(f->text + i, f->len - i, &cp);
		if (k == 0)
			k = 1;
		n += cp >= 0x10000 ? 2 : 1;
		i += k;
	}
	return i;
}

void span_linecol(span s, uint32_t *line, uint32_t *col)
{
	*line = 1;
	*col = 1;
	if (!s.file)
		return;
	src_linecol(s.file, s.start, 0, line, col);
}

/* ---- text ---- */

#define C_BOLD "\033[1m"
#define C_RESET "\033[0m"

static const char *const sev_names[] = { "error", "warning", "note" };
static const char *const sev_colors[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };

/* Prints the line holding `s.start` and a caret line under the span: as
 * many columns as each character takes on a terminal (two for a wide one,
 * none for a combining mark), tabs kept, so the caret stays under its
 * character. */
static void echo_source(diag *d, FILE *o, span s)
{
	const srcfile *f = s.file;
	if (!f || s.start > f->len || !f->len)
		return;   /* an empty file has no line to show */
	uint32_t b = s.start, e = s.start;
	while (b > 0 && f->text[b - 1] != '\n')
		b--;
	while (e < f->len && f->text[e] != '\n')
		e++;
	if (e > s.start && f->text[e - 1] == '\r')   /* a CRLF line end */
		e--;
	/* Show a window of a very long line, keeping the caret inside. */
	uint32_t from = b, to = e;
	if (to - from > ECHO_MAX) {
		from = s.start > b + ECHO_MAX / 2 ? s.start - ECHO_MAX / 2 : b;
		to = from + ECHO_MAX < e ? from + ECHO_MAX : e;
		/* not in the middle of a character */
		while (from > b && ((unsigned char)f->text[from] & 0xc0) == 0x80)
			from--;
		while (to < e && ((unsigned char)f->text[to] & 0xc0) == 0x80)
			to++;
	}
	/* Control bytes and bytes that are not UTF-8 are shown as '?', one
	 * column each, so the caret line stays aligned and the terminal safe. */
	for (uint32_t i = from; i < to;) {
		unsigned char ch = (unsigned char)f->text[i];
		uint32_t cp = 0, n = utf8_decode(f->text + i, to - i, &cp);
		if (n > 1 && !(cp >= 0x80 && cp < 0xa0)) {
			fwrite(f->text + i, 1, n, o);
			i += n;
		} else {
			fputc(ch == '\t' || (ch >= 0x20 && ch < 0x7f) ? ch : '?', o);
			i += n ? n : 1;
		}
	}
	fputc('\n', o);
	uint32_t start = s.start < from ? from : s.start;
	for (uint32_t i = from; i < start;) {
		uint32_t n = utf8_decode(f->text + i, start - i, &(uint32_t){ 0 });
		n = n ? n : 1;
		if (f->text[i] == '\t')
			fputc('\t', o);
		else
			for (uint32_t w = count_columns(f, i, i + n); w > 0; w--)
				fputc(' ', o);
		i += n;
	}
	if (d->color)
		fputs("\033[1;32m", o);
	fputc('^', o);
	uint32_t end = s.end < to ? s.end : to;
	uint32_t cols = end > start ? count_columns(f, start, end) : 0;
	for (uint32_t i = 1; i < cols; i++)
		fputc('~', o);
	if (d->color)
		fputs(C_RESET, o);
	fputc('\n', o);
}

/* The name a file's diagnostics give it (srcfile.shown, else its path). */
static const char *shown_name(const srcfile *f)
{
	return f->shown ? f->shown : f->path;
}

static void print_head(diag *d, FILE *o, span at, const char *path, int sev)
{
	if (d->color)
		fputs(C_BOLD, o);
	if (at.file) {
		uint32_t line, col;
		span_linecol(at, &line, &col);
		fprintf(o, "%s:%u:%u: ", shown_name(at.file), line, col);
	} else if (path) {
		fprintf(o, "%s: ", path);
	} else {
		fputs("pacta: ", o);
	}
	if (d->color)
		fprintf(o, "%s%s:" C_RESET C_BOLD " ", sev_colors[sev], sev_names[sev]);
	else
		fprintf(o, "%s: ", sev_names[sev]);
}

static void print_text(diag *d, span at, const char *path, int sev, const char *lint,
                       const char *msg)
{
	FILE *o = d->out ? d->out : stderr;
	print_head(d, o, at, path, sev);
	fputs(msg, o);
	if (lint)
		fprintf(o, " [%s]", lint);
	if (d->color)
		fputs(C_RESET, o);
	fputc('\n', o);
	echo_source(d, o, at);
}

/* ---- tools: JSON and SARIF ---- */

static void gstr(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

static void gnum(yajl_gen g, long long n)
{
	yajl_gen_integer(g, n);
}

/* {"start": {"line": L, "column": C}, "end": {...}}, 1-based, columns in
 * characters, the end exclusive. */
static void gen_range(yajl_gen g, span at)
{
	uint32_t l, c;
	yajl_gen_map_open(g);
	gstr(g, "start");
	yajl_gen_map_open(g);
	src_linecol(at.file, at.start, 0, &l, &c);
	gstr(g, "line"), gnum(g, l);
	gstr(g, "column"), gnum(g, c);
	yajl_gen_map_close(g);
	gstr(g, "end");
	yajl_gen_map_open(g);
	src_linecol(at.file, at.end, 0, &l, &c);
	gstr(g, "line"), gnum(g, l);
	gstr(g, "column"), gnum(g, c);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
}

static void gen_item_json(yajl_gen g, const diag_item *it)
{
	yajl_gen_map_open(g);
	gstr(g, "file");
	if (it->at.file)
		gstr(g, shown_name(it->at.file));
	else if (it->path)
		gstr(g, it->path);
	else
		yajl_gen_null(g);
	gstr(g, "range");
	if (it->at.file)
		gen_range(g, it->at);
	else
		yajl_gen_null(g);
	gstr(g, "severity"), gstr(g, sev_names[it->severity]);
	if (it->lint)
		gstr(g, "lint"), gstr(g, it->lint);
	gstr(g, "message"), gstr(g, it->message);
	gstr(g, "notes");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < it->nnotes; i++) {
		const diag_note_item *n = &it->notes[i];
		yajl_gen_map_open(g);
		gstr(g, "file");
		if (n->at.file)
			gstr(g, shown_name(n->at.file));
		else
			yajl_gen_null(g);
		gstr(g, "range");
		if (n->at.file)
			gen_range(g, n->at);
		else
			yajl_gen_null(g);
		gstr(g, "message"), gstr(g, n->message);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
	gstr(g, "fixes");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < it->nfixes; i++) {
		yajl_gen_map_open(g);
		gstr(g, "range"), gen_range(g, it->fixes[i].at);
		gstr(g, "replacement"), gstr(g, it->fixes[i].text);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
}

/* SARIF keeps every result of the run (the sources are gone by the end),
 * each as the JSON text of its object. */
static char **sarif_results;
static size_t sarif_n, sarif_cap;
static char **sarif_rules;       /* the lints that fired, for the driver */
static size_t sarif_nrules;

static void gen_region(yajl_gen g, span at)
{
	uint32_t l, c;
	gstr(g, "region");
	yajl_gen_map_open(g);
	src_linecol(at.file, at.start, 0, &l, &c);
	gstr(g, "startLine"), gnum(g, l);
	gstr(g, "startColumn"), gnum(g, c);
	src_linecol(at.file, at.end, 0, &l, &c);
	gstr(g, "endLine"), gnum(g, l);
	gstr(g, "endColumn"), gnum(g, c);
	yajl_gen_map_close(g);
}

/* A location of SARIF: a place in a file (at, or the whole of path), with
 * a message; or, with neither, the message alone (a counterexample). */
static void gen_location(yajl_gen g, span at, const char *path, const char *message)
{
	yajl_gen_map_open(g);
	if (!at.file && !path) {
		gstr(g, "message");
		yajl_gen_map_open(g);
		gstr(g, "text"), gstr(g, message ? message : "");
		yajl_gen_map_close(g);
		yajl_gen_map_close(g);
		return;
	}
	gstr(g, "physicalLocation");
	yajl_gen_map_open(g);
	gstr(g, "artifactLocation");
	yajl_gen_map_open(g);
	gstr(g, "uri"), gstr(g, at.file ? shown_name(at.file) : path);
	yajl_gen_map_close(g);
	if (at.file)
		gen_region(g, at);
	yajl_gen_map_close(g);
	if (message) {
		gstr(g, "message");
		yajl_gen_map_open(g);
		gstr(g, "text"), gstr(g, message);
		yajl_gen_map_close(g);
	}
	yajl_gen_map_close(g);
}

static void gen_item_sarif(yajl_gen g, const diag_item *it)
{
	yajl_gen_map_open(g);
	if (it->lint)
		gstr(g, "ruleId"), gstr(g, it->lint);
	gstr(g, "level"), gstr(g, it->severity == DIAG_ERROR ? "error" : it->severity == DIAG_WARNING ? "warning" : "note");
	gstr(g, "message");
	yajl_gen_map_open(g);
	gstr(g, "text"), gstr(g, it->message);
	yajl_gen_map_close(g);
	if (it->at.file || it->path) {
		gstr(g, "locations");
		yajl_gen_array_open(g);
		gen_location(g, it->at, it->path, NULL);
		yajl_gen_array_close(g);
	}
	if (it->nnotes) {
		gstr(g, "relatedLocations");
		yajl_gen_array_open(g);
		for (size_t i = 0; i < it->nnotes; i++)
			gen_location(g, it->notes[i].at, NULL, it->notes[i].message);
		yajl_gen_array_close(g);
	}
	if (it->nfixes && it->at.file) {
		gstr(g, "fixes");
		yajl_gen_array_open(g);
		for (size_t i = 0; i < it->nfixes; i++) {
			const diag_fixit *fx = &it->fixes[i];
			yajl_gen_map_open(g);
			gstr(g, "description");
			yajl_gen_map_open(g);
			gstr(g, "text");
			char *t = xmalloc(strlen(fx->text) + 32);
			sprintf(t, "write '%s'", fx->text);
			gstr(g, t);
			free(t);
			yajl_gen_map_close(g);
			gstr(g, "artifactChanges");
			yajl_gen_array_open(g);
			yajl_gen_map_open(g);
			gstr(g, "artifactLocation");
			yajl_gen_map_open(g);
			gstr(g, "uri"), gstr(g, shown_name(fx->at.file));
			yajl_gen_map_close(g);
			gstr(g, "replacements");
			yajl_gen_array_open(g);
			yajl_gen_map_open(g);
			gstr(g, "deletedRegion");
			yajl_gen_map_open(g);
			uint32_t l, c;
			src_linecol(fx->at.file, fx->at.start, 0, &l, &c);
			gstr(g, "startLine"), gnum(g, l);
			gstr(g, "startColumn"), gnum(g, c);
			src_linecol(fx->at.file, fx->at.end, 0, &l, &c);
			gstr(g, "endLine"), gnum(g, l);
			gstr(g, "endColumn"), gnum(g, c);
			yajl_gen_map_close(g);
			gstr(g, "insertedContent");
			yajl_gen_map_open(g);
			gstr(g, "text"), gstr(g, fx->text);
			yajl_gen_map_close(g);
			yajl_gen_map_close(g);
			yajl_gen_array_close(g);
			yajl_gen_map_close(g);
			yajl_gen_array_close(g);
			yajl_gen_map_close(g);
		}
		yajl_gen_array_close(g);
	}
	yajl_gen_map_close(g);
}

static char *gen_text(yajl_gen g)
{
	const unsigned char *buf;
	size_t len;
	yajl_gen_get_buf(g, &buf, &len);
	char *s = xmalloc(len + 1);
	memcpy(s, buf, len);
	s[len] = 0;
	return s;
}

static void item_free(diag_item *it)
{
	if (!it)
		return;
	free(it->message);
	for (size_t i = 0; i < it->nnotes; i++)
		free(it->notes[i].message);
	free(it->notes);
	for (size_t i = 0; i < it->nfixes; i++)
		free(it->fixes[i].text);
	free(it->fixes);
	free(it);
}

void diag_flush(diag *d)
{
	diag_item *it = d->cur;
	if (!it)
		return;
	d->cur = NULL;
	if (d->sink) {
		d->sink(d->sink_ctx, it);
	} else if (d->format == DIAG_JSON) {
		yajl_gen g = yajl_gen_alloc(NULL);
		yajl_gen_config(g, yajl_gen_validate_utf8, 0);
		gen_item_json(g, it);
		char *s = gen_text(g);
		FILE *o = d->out ? d->out : stderr;
		fprintf(o, "%s\n", s);
		free(s);
		yajl_gen_free(g);
	} else if (d->format == DIAG_SARIF) {
		yajl_gen g = yajl_gen_alloc(NULL);
		gen_item_sarif(g, it);
		if (sarif_n == sarif_cap)
			sarif_results = xrealloc(sarif_results, (sarif_cap = sarif_cap ? 2 * sarif_cap : 16) * sizeof *sarif_results);
		sarif_results[sarif_n++] = gen_text(g);
		yajl_gen_free(g);
		int known = !it->lint;
		for (size_t i = 0; i < sarif_nrules && !known; i++)
			known = !strcmp(sarif_rules[i], it->lint);
		if (!known) {
			sarif_rules = xrealloc(sarif_rules, (sarif_nrules + 1) * sizeof *sarif_rules);
			sarif_rules[sarif_nrules++] = strdup(it->lint);
		}
	}
	item_free(it);
}

void diag_finish(FILE *out)
{
	if (cfg_format != DIAG_SARIF)
		return;
	/* the results are JSON already: the log around them is written by
	 * hand, the only text here yajl did not make */
	yajl_gen g = yajl_gen_alloc(NULL);
	yajl_gen_map_open(g);
	gstr(g, "name"), gstr(g, "pacta");
	gstr(g, "version"), gstr(g, PACTAC_VERSION_STRING);
	gstr(g, "rules");
	yajl_gen_array_open(g);
	for (size_t i = 0; i < sarif_nrules; i++) {
		yajl_gen_map_open(g);
		gstr(g, "id"), gstr(g, sarif_rules[i]);
		yajl_gen_map_close(g);
		free(sarif_rules[i]);
	}
	yajl_gen_array_close(g);
	yajl_gen_map_close(g);
	char *driver = gen_text(g);
	yajl_gen_free(g);
	fprintf(out, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": %s}, \"results\": [", driver);
	for (size_t i = 0; i < sarif_n; i++) {
		fprintf(out, "%s%s", i ? ", " : "", sarif_results[i]);
		free(sarif_results[i]);
	}
	fputs("]}]}\n", out);
	free(driver);
	free(sarif_results);
	free(sarif_rules);
	sarif_results = NULL;
	sarif_rules = NULL;
	sarif_n = sarif_cap = sarif_nrules = 0;
}

/* ---- the entry points ---- */

static int structured(const diag *d)
{
	return d->sink || d->format != DIAG_TEXT;
}

void diag_details(diag *d, const char *text)
{
	if (!structured(d)) {
		fputs(text, d->out ? d->out : stderr);
		return;
	}
	/* a note a line; the first line's indentation is taken off every
	 * line, what is indented further under it stays so */
	span none = { 0 };
	size_t base = strspn(text, " ");
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		const char *q = p;
		while (q < p + n && *q == ' ' && (size_t)(q - p) < base)
			q++;
		if (q + strspn(q, " ") < p + n)
			diag_note(d, none, "%.*s", (int)(p + n - q), q);
		p += n + (nl != NULL);
	}
}

static int printing(diag *d)
{
	return d->max_errors == 0 || d->errors <= d->max_errors;
}

static void begin(diag *d, int sev, const char *lint, span at, const char *path, const char *fmt, va_list ap)
{
	char *msg;
	if (vasprintf(&msg, fmt, ap) < 0) {
		fputs("pacta: out of memory\n", stderr);
		exit(1);
	}
	if (structured(d)) {
		diag_flush(d);
		diag_item *it = xcalloc(1, sizeof *it);
		it->severity = (uint8_t)sev;
		it->lint = lint;
		it->at = at;
		it->path = path;
		it->message = msg;
		d->cur = it;
		d->shown = 1;
		return;
	}
	/* warnings have a limit of their own, so that a generated agreement
	 * does not bury the errors under its lints */
	d->shown = sev == DIAG_WARNING ? d->max_warnings == 0 || d->warnings <= d->max_warnings : printing(d);
	if (sev == DIAG_WARNING && d->max_warnings && d->warnings == d->max_warnings + 1)
		fprintf(d->out ? d->out : stderr, "pacta: too many warnings; further warnings are counted, not shown\n");
	if (d->shown) {
		print_text(d, at, path, sev, lint, msg);
		d->shown_file = at.file;
		d->shown_start = at.start;
	}
	free(msg);
}

void diag_error(diag *d, span at, const char *fmt, ...)
{
	d->errors++;
	va_list ap;
	va_start(ap, fmt);
	begin(d, DIAG_ERROR, NULL, at, NULL, fmt, ap);
	va_end(ap);
	if (!structured(d) && d->max_errors && d->errors == d->max_errors + 1)
		fprintf(d->out ? d->out : stderr,
		        "pacta: too many errors; further errors are counted, not shown\n");
}

void diag_warning(diag *d, const char *name, span at, const char *fmt, ...)
{
	d->warnings++;
	va_list ap;
	va_start(ap, fmt);
	begin(d, DIAG_WARNING, name, at, NULL, fmt, ap);
	va_end(ap);
}

void diag_note(diag *d, span at, const char *fmt, ...)
{
	if (!d->shown)
		return;
	va_list ap;
	va_start(ap, fmt);
	if (structured(d) && d->cur) {
		char *msg;
		if (vasprintf(&msg, fmt, ap) < 0)
			msg = NULL;
		diag_item *it = d->cur;
		it->notes = xrealloc(it->notes, (it->nnotes + 1) * sizeof *it->notes);
		it->notes[it->nnotes].at = at;
		it->notes[it->nnotes].message = msg ? msg : strdup("");
		it->nnotes++;
	} else if (!structured(d)) {
		char *msg;
		if (vasprintf(&msg, fmt, ap) >= 0) {
			print_text(d, at, NULL, DIAG_NOTE, NULL, msg);
			free(msg);
		}
	}
	va_end(ap);
}

void diag_fix(diag *d, span at, const char *text)
{
	if (!d->shown)
		return;
	if (structured(d)) {
		diag_item *it = d->cur;
		if (!it)
			return;
		it->fixes = xrealloc(it->fixes, (it->nfixes + 1) * sizeof *it->fixes);
		it->fixes[it->nfixes].at = at;
		it->fixes[it->nfixes].text = strdup(text);
		it->nfixes++;
		return;
	}
	/* text: the replacement under the caret line, where it goes, when it
	 * is on the line just shown and is not white space or nothing */
	const srcfile *f = at.file;
	size_t tl = strlen(text);
	while (tl && text[tl - 1] == ' ')
		tl--;
	if (!f || f != d->shown_file || !tl)
		return;
	uint32_t b = at.start, lb = d->shown_start;
	while (b > 0 && f->text[b - 1] != '\n')
		b--;
	while (lb > 0 && f->text[lb - 1] != '\n')
		lb--;
	if (b != lb || at.start - b > ECHO_MAX)
		return;
	FILE *o = d->out ? d->out : stderr;
	for (uint32_t i = b; i < at.start;) {
		uint32_t cp = 0, n = utf8_decode(f->text + i, at.start - i, &cp);
		fputc(f->text[i] == '\t' ? '\t' : ' ', o);
		i += n ? n : 1;
	}
	if (d->color)
		fputs("\033[32m", o);
	fwrite(text, 1, tl, o);
	if (d->color)
		fputs(C_RESET, o);
	fputc('\n', o);
}

void diag_plain(diag *d, const char *fmt, ...)
{
	d->errors++;
	va_list ap;
	va_start(ap, fmt);
	span none = { 0 };
	int max = d->max_errors;
	d->max_errors = 0;   /* a file that cannot be read is always said */
	begin(d, DIAG_ERROR, NULL, none, NULL, fmt, ap);
	d->max_errors = max;
	va_end(ap);
}

void diag_file(diag *d, const char *path, const char *fmt, ...)
{
	d->errors++;
	va_list ap;
	va_start(ap, fmt);
	span none = { 0 };
	int max = d->max_errors;
	d->max_errors = 0;
	begin(d, DIAG_ERROR, NULL, none, path, fmt, ap);
	d->max_errors = max;
	va_end(ap);
}

void program_release(struct program *p)
{
	if (p->dg)
		diag_flush(p->dg);
	for (size_t i = 0; i < p->files.len; i++)
		srcfile_release(p->files.items[i]);
}

/* A limit from the environment (documented in docs/language.md, Limits), or the
 * default when unset or not a number within [lo, hi]. */
long env_limit(const char *name, long def, long lo, long hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return def;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < lo || n > hi) {
		fprintf(stderr, "pacta: ignoring %s=%s (a number from %ld to %ld)\n", name, v, lo, hi);
		return def;
	}
	return n;
}
