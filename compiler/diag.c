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
#include <string.h>

#include "pactac.h"

#define ECHO_MAX 160   /* bytes of a long source line shown around the caret */

void diag_init(diag *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
	d->max_errors = 50;
}

void span_linecol(span s, uint32_t *line, uint32_t *col)
{
	uint32_t l = 1, c = 1;
	const char *t = s.file ? s.file->text : NULL;
	for (uint32_t i = 0; t && i < s.start && i < s.file->len; i++) {
		if (t[i] == '\n') {
			l++;
			c = 1;
		} else {
			c++;
		}
	}
	*line = l;
	*col = c;
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
	/* Show a window of a very long line, keeping the caret inside. */
	uint32_t from = b, to = e;
	if (to - from > ECHO_MAX) {
		from = s.start > b + ECHO_MAX / 2 ? s.start - ECHO_MAX / 2 : b;
		to = from + ECHO_MAX < e ? from + ECHO_MAX : e;
	}
	for (uint32_t i = from; i < to; i++) {
		unsigned char ch = (unsigned char)f->text[i];
		fputc(ch == '\t' || ch >= 0x20 ? ch : '?', o);
	}
	fputc('\n', o);
	for (uint32_t i = from; i < s.start; i++)
		fputc(f->text[i] == '\t' ? '\t' : ' ', o);
	fputc('^', o);
	uint32_t end = s.end < to ? s.end : to;
	for (uint32_t i = s.start + 1; i < end; i++)
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
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	report(d, at, "error", fmt, ap);
	va_end(ap);
	if (d->max_errors && d->errors == d->max_errors)
		fprintf(d->out ? d->out : stderr,
		        "pacta: too many errors; further errors are counted, not shown\n");
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
