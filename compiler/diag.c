/*
 * diag.c — diagnostics in the manner of a C compiler:
 *
 *   file:line:col: error: message
 *   the source line
 *           ^~~~~
 *
 * Locations travel as byte offsets; line and column are computed only here,
 * when something is printed.  Errors are counted and collected so that one
 * run reports several; after `max_errors` only the count goes on.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "pactac.h"

#define ECHO_MAX 160   /* bytes of a long source line shown around the caret */

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->max_errors = (int)env_limit("PACTA_MAX_ERRORS", 50, 0, 1000000);
}

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

void span_linecol(span s, uint32_t *line, uint32_t *col)
{
	*line = 1;
	*col = 1;
	if (!s.file)
		return;
	srcfile *f = (srcfile *)s.file;  /* the index is a cache */
	if (!f->line_starts)
		index_lines(f);
	uint32_t lo = 0, hi = f->nlines;
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (f->line_starts[mid] <= s.start)
			lo = mid;
		else
			hi = mid;
	}
	*line = lo + 1;
	*col = s.start - f->line_starts[lo] + 1;
}

/* The bytes of the character at i (before `to`): a UTF-8 sequence, or one
 * byte that is not UTF-8. */
static uint32_t next_char(const srcfile *f, uint32_t i, uint32_t to)
{
	size_t n = i < to ? lp_utf8_len(f->text + i, to - i) : 1;
	return n ? (uint32_t)n : 1;
}

/* Prints the line holding `s.start` and a caret line under the span. */
static void echo_source(FILE *o, span s)
{
	const srcfile *f = s.file;
	if (!f || s.start > f->len)
		return;
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
	}
	/* Control bytes and bytes that are not UTF-8 are shown as '?', one
	 * column each, so the caret line stays aligned and the terminal safe. */
	for (uint32_t i = from; i < to; i++) {
		unsigned char ch = (unsigned char)f->text[i];
		size_t n = lp_utf8_len(f->text + i, to - i);
		/* C1 controls (U+0080 to U+009F) act in some terminals */
		if (n == 2 && ch == 0xc2 && (unsigned char)f->text[i + 1] < 0xa0) {
			fputc('?', o);
			i++;
		} else if (n > 1) {
			fwrite(f->text + i, 1, n, o);
			i += (uint32_t)n - 1;
		} else {
			fputc(ch == '\t' || (ch >= 0x20 && ch < 0x7f) ? ch : '?', o);
		}
	}
	fputc('\n', o);
	/* one column for each character shown, as above */
	uint32_t i = from;
	for (; i < s.start; i += next_char(f, i, to))
		fputc(f->text[i] == '\t' ? '\t' : ' ', o);
	fputc('^', o);
	uint32_t end = s.end < to ? s.end : to;
	for (i += next_char(f, i, to); i < end; i += next_char(f, i, to))
		fputc('~', o);
	fputc('\n', o);
}

static void report(diag *d, span at, const char *kind, const char *fmt,
                   va_list ap)
{
	FILE *o = d->out ? d->out : stderr;
	if (at.file) {
		uint32_t line, col;
		span_linecol(at, &line, &col);
		fprintf(o, "%s:%u:%u: %s: ", at.file->path, line, col, kind);
	} else {
		fprintf(o, "pacta: %s: ", kind);
	}
	vfprintf(o, fmt, ap);
	fputc('\n', o);
	echo_source(o, at);
}

static int printing(diag *d)
{
	return d->max_errors == 0 || d->errors <= d->max_errors;
}

void diag_error(diag *d, span at, const char *fmt, ...)
{
	d->errors++;
	if (!printing(d)) {
		/* said once, at the first error not shown: not when the
		 * last error shown happens to be the last of all */
		if (d->errors == d->max_errors + 1)
			fprintf(d->out ? d->out : stderr,
			        "pacta: too many errors; further errors are counted, not shown\n");
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "error", fmt, ap);
	va_end(ap);
}

void diag_note(diag *d, span at, const char *fmt, ...)
{
	if (!printing(d))
		return;
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "note", fmt, ap);
	va_end(ap);
}

void diag_plain(diag *d, const char *fmt, ...)
{
	d->errors++;
	va_list ap;
	va_start(ap, fmt);
	span none = {0};
	report(d, none, "error", fmt, ap);
	va_end(ap);
}

void program_release(struct program *p)
{
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
