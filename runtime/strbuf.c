/*
 * strbuf.c — the growable output buffer the JSON encoder and the
 * explanation renderer append to (model.h).
 *
 * The runtime never stops on out-of-memory, so an allocation failure only
 * marks the buffer failed; later appends do nothing and the caller checks
 * `failed` once at the end instead of after every append.  While `data` is
 * not NULL it is kept NUL-terminated, so callers may print it directly.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

#define SB_MIN_CAP 256

/* Makes room for n more bytes plus the terminating NUL. */
static int sb_reserve(lp_strbuf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return -1;
	if (n >= SIZE_MAX - b->len) {
		b->failed = 1;
		return -1;
	}
	need = b->len + n + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : SB_MIN_CAP;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	p = realloc(b->data, cap);
	if (!p) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void lp_sb_put(lp_strbuf *b, const char *s, size_t n)
{
	/* n == 0 may come with s == NULL, which memcpy must not see. */
	if (n == 0 || sb_reserve(b, n))
		return;
	memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void lp_sb_puts(lp_strbuf *b, const char *s)
{
	lp_sb_put(b, s, strlen(s));
}

void lp_sb_printf(lp_strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Try the room already there first; most appends fit. */
	if (sb_reserve(b, 0))
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->data[b->len] = '\0';
		b->failed = 1;
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		b->data[b->len] = '\0';
		if (sb_reserve(b, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/*
 * JSON needs only '"', '\\' and the control characters escaped; bytes from
 * 0x80 up are passed through, since every string the runtime writes is
 * UTF-8 already (the decoder rejects anything else).
 */
void lp_sb_json_string(lp_strbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;

	lp_sb_put(b, "\"", 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[6];
		size_t elen = 2;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		/* Copy the plain run before this byte in one go. */
		lp_sb_put(b, s + run, i - run);
		run = i + 1;
		esc[0] = '\\';
		switch (c) {
		case '"':  esc[1] = '"'; break;
		case '\\': esc[1] = '\\'; break;
		case '\n': esc[1] = 'n'; break;
		case '\r': esc[1] = 'r'; break;
		case '\t': esc[1] = 't'; break;
		default:
			esc[1] = 'u';
			esc[2] = '0';
			esc[3] = '0';
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			elen = 6;
			break;
		}
		lp_sb_put(b, esc, elen);
	}
	lp_sb_put(b, s + run, n - run);
	lp_sb_put(b, "\"", 1);
}

void lp_sb_free(lp_strbuf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = 0;
}
