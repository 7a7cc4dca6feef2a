/*
 * json.c — the JSON Lines codec of `pacta eval` and of libpacta
 * (docs/language.md, "Requests and decisions as JSON"): one request
 * object per line in, one decision (or error) object per line out.
 *
 * The decoder here is the general one: it reads any line and words every
 * error.  An ordinary well-formed line is first offered to the fast
 * decoder (json_fast.c), which takes it only when it decodes it exactly as
 * this one would; everything else comes here.  This one parses with
 * yajl's SAX interface straight into the request slots laid out by the
 * schema (model.h), keeps all its state on the stack, and hands yajl a
 * stack arena so that a typical line costs no malloc at all.  Both are
 * reentrant: nothing is global or static except constant tables.
 *
 * Error messages are an interface (golden tests pin them): they read
 * `line L, column C: field "NAME": MESSAGE`, where C is the 1-based byte
 * column where the offending token starts, and L counts the line ends of
 * a request written over several lines from its first line's number.
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "names.h"

/* ---- a stack arena for yajl ---- */

/*
 * yajl allocates its handle, lexer, state stack and two 2 KiB buffers for
 * every parser; serving them from a block on the decoder's stack keeps the
 * per-line cost down and makes out-of-memory impossible on ordinary lines.
 * Only the newest block can grow in place or be given back; everything
 * else is reclaimed when the decoder returns.  Requests that do not fit
 * fall back to malloc, and free() tells the two apart by address.
 */
#define ARENA_SIZE 8192
#define ARENA_ALIGN _Alignof(max_align_t)

struct arena {
	union {
		max_align_t align;
		unsigned char bytes[ARENA_SIZE];
	} mem;
	size_t used;    /* bytes handed out, headers included */
	size_t last;    /* offset of the newest block's data; SIZE_MAX: none */
};

/* Each block is preceded by a header holding its requested size. */
#define ARENA_HDR ARENA_ALIGN

static size_t arena_round(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static int arena_owns(const struct arena *a, const void *p)
{
	uintptr_t base = (uintptr_t)a->mem.bytes, q = (uintptr_t)p;

	return q >= base && q < base + ARENA_SIZE;
}

static void *arena_malloc(void *ctx, size_t n)
{
	struct arena *a = ctx;
	unsigned char *p;

	if (n > ARENA_SIZE || arena_round(n) + ARENA_HDR > ARENA_SIZE - a->used)
		return malloc(n);
	p = a->mem.bytes + a->used;
	memcpy(p, &n, sizeof n);
	a->last = a->used + ARENA_HDR;
	a->used = a->last + arena_round(n);
	return p + ARENA_HDR;
}

static void arena_free(void *ctx, void *p)
{
	struct arena *a = ctx;

	if (!arena_owns(a, p)) {
		free(p);
		return;
	}
	if ((size_t)((unsigned char *)p - a->mem.bytes) == a->last) {
		a->used = a->last - ARENA_HDR;
		a->last = SIZE_MAX;
	}
}

static void *arena_realloc(void *ctx, void *p, size_t n)
{
	struct arena *a = ctx;
	size_t off, old;
	void *q;

	if (!p)
		return arena_malloc(ctx, n);
	if (!arena_owns(a, p))
		return realloc(p, n);
	off = (size_t)((unsigned char *)p - a->mem.bytes);
	memcpy(&old, a->mem.bytes + off - ARENA_HDR, sizeof old);
	if (off == a->last && n <= ARENA_SIZE
	    && arena_round(n) <= ARENA_SIZE - off) {
		memcpy(a->mem.bytes + off - ARENA_HDR, &n, sizeof n);
		a->used = off + arena_round(n);
		return p;
	}
	q = arena_malloc(ctx, n);
	if (q) {
		memcpy(q, p, old < n ? old : n);
		arena_free(ctx, p);
	}
	return q;
}

/* ---- the decoder's state ---- */

enum vtype { V_NULL, V_FALSE, V_TRUE, V_NUMBER, V_STRING, V_OBJECT, V_ARRAY };

/* What the value of the current member of the request object is for. */
enum member { M_IGNORE, M_ID, M_FIELD };

#define NO_INDEX UINT32_MAX

struct dec {
	const lp_schema *s;
	const lp_names *names;   /* or NULL: look names up one by one */
	const unsigned char *line;
	size_t len;
	yajl_handle h;
	uint64_t *slots;
	uint64_t *seen;         /* one bit per field present in the line */
	lp_request_id *id;
	lp_json_error *err;
	int lineno;
	int failed;             /* err holds the first error of the line */
	int done;               /* the request object has been closed */
	int id_seen;
	/*
	 * yajl says where a token ends but not where it starts, and columns
	 * point at starts: `pos` is the end of the last token a callback
	 * saw, `tok`/`tok_end` the bounds of the token being handled.  In
	 * yajl_complete_parse the offsets are relative to yajl's own padding,
	 * so there a token is taken to run to the end of the line.
	 */
	size_t pos, tok, tok_end;
	int finishing;
	unsigned depth;         /* open objects and arrays */
	unsigned skip;          /* ignoring all at depth >= skip; 0: not */
	int member;             /* enum member, for the value at depth 1 */
	uint32_t field;         /* M_FIELD: index of the field */
	uint32_t hint;          /* where to start looking up the next key */
};

static int is_space(unsigned char c)
{
	/* yajl's lexer also takes \v and \f as whitespace. */
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v'
	       || c == '\f';
}

static size_t skip_space(const struct dec *d, size_t p)
{
	while (p < d->len && is_space(d->line[p]))
		p++;
	return p;
}

/*
 * The start of the token after `pos`: between two tokens that reach a
 * callback there is at most whitespace and one ':' or ','.
 */
static size_t next_token(const struct dec *d)
{
	size_t p = d->pos;

	while (p < d->len && (is_space(d->line[p]) || d->line[p] == ':'
			      || d->line[p] == ','))
		p++;
	return p;
}

/* ---- error messages ---- */

/* At most this many bytes of user text are quoted in a message. */
#define SHOW_MAX 48

/*
 * Quotes user text for a message: '"', '\\' and control characters are
 * escaped as in JSON so the message stays on one line, and long text is
 * cut at a character boundary and marked with "...".  `dst` must hold
 * SHOW_MAX + 4 bytes.
 */
static void show(char *dst, const unsigned char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		unsigned char c = s[i];
		char piece[6];
		size_t plen = 1, used = 1;

		if (c == '"' || c == '\\') {
			piece[0] = '\\';
			piece[1] = (char)c;
			plen = 2;
		} else if (c < 0x20) {
			memcpy(piece, "\\u00", 4);
			piece[4] = hex[c >> 4];
			piece[5] = hex[c & 15];
			plen = 6;
		} else if (c >= 0x80) {
			/* The text was validated, but stay in bounds anyway. */
			plen = c >= 0xf0 ? 4 : c >= 0xe0 ? 3
			       : c >= 0xc0 ? 2 : 1;
			if (plen > n - i)
				plen = n - i;
			memcpy(piece, s + i, plen);
			used = plen;
		} else {
			piece[0] = (char)c;
		}
		if (o + plen > SHOW_MAX) {
			memcpy(dst + o, "...", 3);
			o += 3;
			break;
		}
		memcpy(dst + o, piece, plen);
		o += plen;
		i += used;
	}
	dst[o] = '\0';
}

/* Length of the longest prefix of s[0..n) that is at most max bytes and
 * does not split a UTF-8 sequence. */
static size_t utf8_cut(const unsigned char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && (s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/*
 * Records the first error of the line at byte offset `at`; later errors
 * are dropped so the message names the first problem.  `field` is the
 * field (or unknown member name) concerned, or NULL.
 */
static void fail(struct dec *d, size_t at, const unsigned char *field,
		 size_t flen, const char *msg)
{
	lp_json_error *e = d->err;
	size_t n;

	if (d->failed)
		return;
	d->failed = 1;
	/* a request over several lines (pacta explain's file, a body sent
	 * to pacta serve): the line and column in the text as given */
	size_t start = 0;
	int lines = 0;
	for (size_t i = 0; i < at && i < d->len && d->line; i++)
		if (d->line[i] == '\n') {
			lines++;
			start = i + 1;
		}
	e->line = d->lineno + lines;
	e->column = at - start > (size_t)INT32_MAX - 1 ? 0 : (int)(at - start) + 1;
	e->field[0] = '\0';
	if (field) {
		char shown[SHOW_MAX + 4];

		n = memchr(field, '\0', flen) ? strlen((const char *)field)
					      : flen;
		n = utf8_cut(field, n, sizeof e->field - 1);
		memcpy(e->field, field, n);
		e->field[n] = '\0';
		show(shown, field, flen);
		snprintf(e->text, sizeof e->text,
			 "line %d, column %d: field \"%s\": %s", e->line,
			 e->column, shown, msg);
	} else {
		snprintf(e->text, sizeof e->text, "line %d, column %d: %s",
			 e->line, e->column, msg);
	}
}

static void fail_field(struct dec *d, size_t at, const char *msg)
{
	const char *name = d->s->fields[d->field].name;

	fail(d, at, (const unsigned char *)name, strlen(name), msg);
}

/* ---- checking strings ---- */

static unsigned hex4(const unsigned char *s)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		unsigned c = s[i];

		v = v * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

/*
 * yajl checks UTF-8 only loosely (it accepts overlong forms, surrogates
 * and code points above U+10FFFF) and turns unpaired \u surrogates into
 * garbage, so the raw text of each string we use is checked here instead,
 * strictly (RFC 3629).  Returns the offset of the first bad byte or
 * escape, or n.  yajl has already checked that escapes are well formed.
 */
static size_t bad_utf8(const unsigned char *s, size_t n, int *escape)
{
	size_t i = 0;

	*escape = 0;
	while (i < n) {
		unsigned c = s[i];
		unsigned lo = 0x80, hi = 0xbf;
		size_t len;

		if (c < 0x80) {
			if (c != '\\') {
				i++;
			} else if (s[i + 1] != 'u') {
				i += 2;
			} else {
				unsigned u = hex4(s + i + 2);

				*escape = 1;
				if (u >= 0xdc00 && u <= 0xdfff)
					return i;
				if (u < 0xd800 || u > 0xdbff) {
					i += 6;
					continue;
				}
				if (i + 12 > n || s[i + 6] != '\\'
				    || s[i + 7] != 'u')
					return i;
				u = hex4(s + i + 8);
				if (u < 0xdc00 || u > 0xdfff)
					return i;
				i += 12;
				*escape = 0;
			}
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;      /* overlong */
			if (c == 0xed)
				hi = 0x9f;      /* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;      /* overlong */
			if (c == 0xf4)
				hi = 0x8f;      /* above U+10FFFF */
		} else {
			return i;
		}
		if (len > n - i || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
		i += len;
	}
	return n;
}

/*
 * Checks the string token being handled; on failure records the error.
 * Only strings that are kept (ids) or rejected need it: a string that
 * equals a schema name or parses as a date is plain ASCII, and that check
 * is cheaper, which matters on the hot path.  (yajl turns an unpaired
 * high surrogate into '?', which no identifier contains.)
 */
static int check_string(struct dec *d, int of_field)
{
	const unsigned char *raw = d->line + d->tok + 1;
	size_t n, bad;
	int escape;

	/* Strings always close inside yajl_parse, never while finishing,
	 * but do not trust offsets that are not ours. */
	if (d->finishing || d->tok_end < d->tok + 2 || d->tok_end > d->len)
		return 0;
	n = d->tok_end - d->tok - 2;
	bad = bad_utf8(raw, n, &escape);
	if (bad == n)
		return 0;
	if (of_field)   /* a field's value: named, as its other errors are */
		fail_field(d, d->tok + 1 + bad, escape ? "unpaired surrogate in a \\u escape" : "invalid UTF-8");
	else
		fail(d, d->tok + 1 + bad, NULL, 0, escape ? "unpaired surrogate in a \\u escape" : "invalid UTF-8");
	return -1;
}

/* ---- looking up names ---- */

/* Whether a schema name equals s[0..n), which may contain NUL bytes. */
static int name_eq(const char *name, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (name[i] == '\0' || (unsigned char)name[i] != s[i])
			return 0;
	return name[n] == '\0';
}

/*
 * Linear, but starting after the field found last: requests usually list
 * their fields in the schema's order, so most lookups compare once.
 */
static uint32_t find_field(struct dec *d, const unsigned char *s, size_t n)
{
	uint32_t nf = d->s->nfields, i = d->hint;

	if (d->names)
		return lp_names_field(d->names, (const char *)s, n);
	for (uint32_t k = 0; k < nf; k++, i++) {
		if (i >= nf)
			i = 0;
		if (name_eq(d->s->fields[i].name, s, n)) {
			d->hint = i + 1;
			return i;
		}
	}
	return NO_INDEX;
}

static uint32_t find_member(const struct dec *d, uint32_t en, const unsigned char *s,
			    size_t n)
{
	const lp_enum_desc *e = &d->s->enums[en];
	if (d->names)
		return lp_names_member(d->names, en, (const char *)s, n);
	for (uint32_t i = 0; i < e->nmembers; i++)
		if (name_eq(e->members[i], s, n))
			return i;
	return NO_INDEX;
}

/* ---- values ---- */

/* Returns 0, -1 for a number with a fraction or exponent, -2 when it does
 * not fit in int64.  yajl has checked the JSON number syntax. */
static int parse_int(const unsigned char *s, size_t n, int64_t *out)
{
	int neg = n > 0 && s[0] == '-';
	uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : INT64_MAX;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '.' || s[i] == 'e' || s[i] == 'E')
			return -1;
	for (size_t i = neg; i < n; i++) {
		unsigned dig = s[i] - '0';

		if (v > (lim - dig) / 10)
			return -2;
		v = v * 10 + dig;
	}
	/* Negating in uint64 then converting avoids overflow at INT64_MIN;
	 * gcc defines the conversion as modular. */
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
}

static int date_shaped(const unsigned char *s, size_t n)
{
	if (n != 10)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int dash = i == 4 || i == 7;

		if (dash ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return 0;
	}
	return 1;
}

/* A short description of a value for "expected ..., got X" messages. */
static void describe(char *dst, enum vtype vt, const unsigned char *s,
		     size_t n)
{
	static const char *const words[] = {
		[V_NULL] = "null", [V_FALSE] = "false", [V_TRUE] = "true",
		[V_OBJECT] = "an object", [V_ARRAY] = "an array",
	};

	if (vt == V_STRING) {
		dst[0] = '"';
		show(dst + 1, s, n);
		strcat(dst, "\"");
	} else if (vt == V_NUMBER) {
		show(dst, s, n);
	} else {
		strcpy(dst, words[vt]);
	}
}

static void take_id(struct dec *d, enum vtype vt, const unsigned char *s,
		    size_t n)
{
	lp_request_id *id = d->id;
	size_t max = sizeof id->text - 1, k;

	if (vt == V_NUMBER) {
		k = n;
		if (k > max) {
			/* Cut where the text is still a JSON number. */
			k = max;
			while (k > 1 && (s[k - 1] == '.' || s[k - 1] == 'e'
					 || s[k - 1] == 'E' || s[k - 1] == '+'
					 || s[k - 1] == '-'))
				k--;
			id->truncated = 1;
		}
		id->kind = 1;
	} else if (vt == V_STRING) {
		if (check_string(d, 0))
			return;
		/* text is NUL-terminated, so a \u0000 ends it. */
		k = memchr(s, '\0', n) ? strlen((const char *)s) : n;
		if (k < n)
			id->truncated = 1;
		if (k > max) {
			k = utf8_cut(s, k, max);
			id->truncated = 1;
		}
		id->kind = 2;
	} else {
		fail(d, d->tok, NULL, 0, "\"id\" must be a string or a number");
		return;
	}
	memcpy(id->text, s, k);
	id->text[k] = '\0';
	id->len = (uint32_t)k;
	/* A cut id could match another request's: the line is an error,
	 * answered without an id (as a line whose id cannot be read), so
	 * that no answer is matched with the wrong request; its line number
	 * finds it. */
	if (id->truncated) {
		fail(d, d->tok, NULL, 0, k < n && vt == V_STRING && memchr(s, '\0', n)
		     ? "\"id\" contains \\u0000, which an id cannot hold"
		     : "\"id\" is longer than 127 bytes, the most an id can hold");
		id->kind = 0;
		id->len = 0;
		id->text[0] = '\0';
	}
}

/*
 * A name the schema does not have: a field's (f NULL) or a value of
 * field f's enum, with the one it nearest resembles, if any is near
 * enough (runtime/suggest.c: a typo, a case, a part of the name).
 */
static void unknown_value(struct dec *d, const lp_field_desc *f,
			  const unsigned char *s, size_t n)
{
	char word[65], msg[SHOW_MAX + 128], shown[SHOW_MAX + 4], hint[96] = "";
	lp_suggest sg;

	if (n < sizeof word && !memchr(s, '\0', n)) {
		memcpy(word, s, n);
		word[n] = '\0';
		lp_suggest_init(&sg, word);
		if (f) {
			const lp_enum_desc *e = &d->s->enums[f->enum_index];

			for (uint32_t i = 0; i < e->nmembers; i++)
				lp_suggest_add(&sg, e->members[i]);
		} else {
			for (uint32_t i = 0; i < d->s->nfields; i++)
				lp_suggest_add(&sg, d->s->fields[i].name);
		}
		if (sg.best)
			snprintf(hint, sizeof hint, " (did you mean \"%.64s\"?)", sg.best);
	}
	if (!f) {
		snprintf(msg, sizeof msg, "unknown field%s", hint);
		fail(d, d->tok, s, n, msg);
		return;
	}
	show(shown, s, n);
	snprintf(msg, sizeof msg, "unknown value \"%s\"%s", shown, hint);
	fail_field(d, d->tok, msg);
}

/*
 * Stores the value of field d->field.  Returns 1 when the value is the
 * array of a set, whose elements follow, else 0.
 */
static int field_value(struct dec *d, enum vtype vt, const unsigned char *s,
		       size_t n)
{
	const lp_field_desc *f = &d->s->fields[d->field];
	const lp_enum_desc *e;
	uint64_t *w = d->slots + f->slot;
	char msg[2 * SHOW_MAX + 64], shown[SHOW_MAX + 8];
	int64_t v;
	uint32_t m;
	int r;

	switch (f->kind) {
	case PK_BOOL:
		if (vt == V_TRUE || vt == V_FALSE) {
			w[0] = vt == V_TRUE;
			return 0;
		}
		fail_field(d, d->tok, "expected true or false");
		return 0;
	case PK_INT:
	case PK_DAYS:
	case PK_YEARS:
		r = vt == V_NUMBER ? parse_int(s, n, &v) : -1;
		if (r == 0) {
			w[0] = (uint64_t)v;
			return 0;
		}
		fail_field(d, d->tok, r == -2 ? "integer out of range"
					      : "expected an integer");
		return 0;
	case PK_DATE:
		if (vt == V_STRING) {
			if (lp_date_parse((const char *)s, n, &v) == 0) {
				w[0] = (uint64_t)v;
				return 0;
			}
			if (check_string(d, 1))
				return 0;
			if (date_shaped(s, n)) {
				char why[64];

				show(shown, s, n);
				lp_date_why((const char *)s, n, why, sizeof why);
				snprintf(msg, sizeof msg, *why ? "invalid date \"%s\" (%s)" : "invalid date \"%s\"%s",
					 shown, why);
				fail_field(d, d->tok, msg);
				return 0;
			}
		}
		describe(shown, vt, s, n);
		snprintf(msg, sizeof msg,
			 "expected a date \"YYYY-MM-DD\", got %s", shown);
		fail_field(d, d->tok, msg);
		return 0;
	case PK_ENUM:
		e = &d->s->enums[f->enum_index];
		if (vt != V_STRING) {
			show(shown, (const unsigned char *)e->name,
			     strlen(e->name));
			snprintf(msg, sizeof msg,
				 "expected a string naming a value of %s",
				 shown);
			fail_field(d, d->tok, msg);
			return 0;
		}
		m = find_member(d, f->enum_index, s, n);
		if (m != NO_INDEX) {
			w[0] = m;
			return 0;
		}
		if (check_string(d, 1))
			return 0;
		unknown_value(d, f, s, n);
		return 0;
	case PK_SET:
		if (vt == V_ARRAY) {
			memset(w, 0, f->nslots * sizeof *w);
			return 1;
		}
		fail_field(d, d->tok, "expected an array of strings");
		return 0;
	}
	fail_field(d, d->tok, "field of unknown kind in the schema");
	return 0;
}

/* One element of the array of a set field. */
static void set_element(struct dec *d, enum vtype vt, const unsigned char *s,
			size_t n)
{
	const lp_field_desc *f = &d->s->fields[d->field];
	uint32_t m;

	if (vt != V_STRING) {
		fail_field(d, d->tok, "expected an array of strings");
		return;
	}
	m = find_member(d, f->enum_index, s, n);
	if (m != NO_INDEX) {
		lp_bit_set(d->slots + f->slot, m);
		return;
	}
	if (check_string(d, 1))
		return;
	unknown_value(d, f, s, n);
}

/* The value of a member of the request object; returns 1 when it is a
 * container whose contents are to be read rather than skipped. */
static int member_value(struct dec *d, enum vtype vt, const unsigned char *s,
			size_t n)
{
	if (d->member == M_ID)
		take_id(d, vt, s, n);
	else if (d->member == M_FIELD && !d->failed)
		return field_value(d, vt, s, n);
	return 0;
}

void lp_name_list_add(lp_name_list *l, const char *open, char quote, const char *name)
{
	if (!l->more && l->n + strlen(name) + 32 < sizeof l->text)
		l->n += (size_t)snprintf(l->text + l->n, sizeof l->text - l->n, "%s%c%s%c",
					 l->listed++ ? ", " : open, quote, name, quote);
	else
		l->more++;
}

void lp_name_list_end(lp_name_list *l, const char *open, const char *close)
{
	/* the 32 bytes kept free by each name added hold the rest */
	if (l->more)
		l->n += (size_t)snprintf(l->text + l->n, sizeof l->text - l->n, "%s%zu more",
					 l->listed ? " and " : open, l->more);
	if (l->n)
		l->n += (size_t)snprintf(l->text + l->n, sizeof l->text - l->n, "%s", close);
}

/*
 * A field missing from the line takes its default; one without a default
 * is an error, reported at the closing brace since it has no place of its
 * own.  The error names the first such field, and the message the others,
 * so that one answer says all that the line lacks.
 */
static void finish_request(struct dec *d)
{
	const lp_schema *s = d->s;
	lp_name_list others = { 0 };
	char msg[180];
	int first = -1;

	if (d->failed)
		return;
	/* a word of fields at a time, only those the line left out */
	for (size_t w = 0; w < LP_BITWORDS(s->nfields); w++) {
		uint64_t missing = ~d->seen[w];

		if (w == s->nfields / 64)
			missing &= ((uint64_t)1 << (s->nfields % 64)) - 1;
		for (; missing; missing &= missing - 1) {
			uint32_t i = (uint32_t)(w * 64) + (uint32_t)__builtin_ctzll(missing);
			const lp_field_desc *f = &s->fields[i];
			uint64_t *to = d->slots + f->slot;

			if (!f->has_default) {
				if (first < 0)
					first = (int)i;
				else
					lp_name_list_add(&others, "; so are ", '"', f->name);
				continue;
			}
			if (f->nslots == 1)
				to[0] = f->defval[0];
			else
				memcpy(to, f->defval, f->nslots * sizeof *to);
		}
	}
	if (first < 0)
		return;
	lp_name_list_end(&others, "; so are ", "");
	snprintf(msg, sizeof msg, "missing (no default)%s", others.text);
	d->field = (uint32_t)first;
	fail_field(d, d->tok, msg);
}

/* ---- yajl events ---- */

static void on_open(struct dec *d, enum vtype vt)
{
	d->depth++;
	if (d->skip)
		return;
	if (d->depth == 1) {
		if (vt != V_OBJECT) {
			fail(d, d->tok, NULL, 0, "expected a JSON object");
			d->skip = 1;
		}
		return;
	}
	if (d->depth == 2 && member_value(d, vt, NULL, 0) && !d->failed)
		return;
	if (d->depth == 3)
		fail_field(d, d->tok, "expected an array of strings");
	d->skip = d->depth;
}

static void on_close(struct dec *d)
{
	if (d->skip) {
		if (--d->depth < d->skip)
			d->skip = 0;
		return;
	}
	if (d->depth == 1) {
		finish_request(d);
		d->done = 1;
	}
	d->depth--;
}

static void on_key(struct dec *d, const unsigned char *s, size_t n)
{
	uint32_t i;

	if (d->skip)
		return;
	d->member = M_IGNORE;
	/* The id is looked for even after an error, so that the error can
	 * still be reported against it. */
	if (n == 2 && s[0] == 'i' && s[1] == 'd') {
		if (d->id_seen) {
			fail(d, d->tok, NULL, 0, "duplicate \"id\"");
			return;
		}
		d->id_seen = 1;
		d->member = M_ID;
		return;
	}
	if (d->failed)
		return;
	i = find_field(d, s, n);
	if (i == NO_INDEX) {
		if (check_string(d, 0))
			return;
		unknown_value(d, NULL, s, n);
		return;
	}
	d->field = i;
	if (lp_bit(d->seen, i)) {
		fail_field(d, d->tok, "duplicate field");
		return;
	}
	lp_bit_set(d->seen, i);
	d->member = M_FIELD;
}

static void on_value(struct dec *d, enum vtype vt, const unsigned char *s,
		     size_t n)
{
	if (d->skip)
		return;
	if (d->depth == 0)
		fail(d, d->tok, NULL, 0, "expected a JSON object");
	else if (d->depth == 1)
		member_value(d, vt, s, n);
	else if (!d->failed)
		set_element(d, vt, s, n);
}

enum event {
	EV_NULL, EV_FALSE, EV_TRUE, EV_NUMBER, EV_STRING,
	EV_MAP_START, EV_KEY, EV_MAP_END, EV_ARRAY_START, EV_ARRAY_END
};

/* Every yajl callback comes here, so token positions are kept in one
 * place.  Always returns 1: the parse goes on after an error so that an
 * "id" later in the line is still found. */
static int event(void *ctx, enum event ev, const unsigned char *s, size_t n)
{
	struct dec *d = ctx;

	d->tok = next_token(d);
	d->tok_end = d->finishing ? d->len : yajl_get_bytes_consumed(d->h);
	switch (ev) {
	case EV_NULL:        on_value(d, V_NULL, s, n); break;
	case EV_FALSE:       on_value(d, V_FALSE, s, n); break;
	case EV_TRUE:        on_value(d, V_TRUE, s, n); break;
	case EV_NUMBER:      on_value(d, V_NUMBER, s, n); break;
	case EV_STRING:      on_value(d, V_STRING, s, n); break;
	case EV_MAP_START:   on_open(d, V_OBJECT); break;
	case EV_ARRAY_START: on_open(d, V_ARRAY); break;
	case EV_KEY:         on_key(d, s, n); break;
	case EV_MAP_END:
	case EV_ARRAY_END:   on_close(d); break;
	}
	d->pos = d->tok_end;
	return 1;
}

static int cb_null(void *ctx)
{
	return event(ctx, EV_NULL, NULL, 0);
}

static int cb_boolean(void *ctx, int b)
{
	return event(ctx, b ? EV_TRUE : EV_FALSE, NULL, 0);
}

static int cb_number(void *ctx, const char *s, size_t n)
{
	return event(ctx, EV_NUMBER, (const unsigned char *)s, n);
}

static int cb_string(void *ctx, const unsigned char *s, size_t n)
{
	return event(ctx, EV_STRING, s, n);
}

static int cb_start_map(void *ctx)
{
	return event(ctx, EV_MAP_START, NULL, 0);
}

static int cb_map_key(void *ctx, const unsigned char *s, size_t n)
{
	return event(ctx, EV_KEY, s, n);
}

static int cb_end_map(void *ctx)
{
	return event(ctx, EV_MAP_END, NULL, 0);
}

static int cb_start_array(void *ctx)
{
	return event(ctx, EV_ARRAY_START, NULL, 0);
}

static int cb_end_array(void *ctx)
{
	return event(ctx, EV_ARRAY_END, NULL, 0);
}

/* yajl_number takes every number as text, so integers are checked here
 * and ids keep their exact spelling. */
static const yajl_callbacks callbacks = {
	.yajl_null = cb_null,
	.yajl_boolean = cb_boolean,
	.yajl_number = cb_number,
	.yajl_string = cb_string,
	.yajl_start_map = cb_start_map,
	.yajl_map_key = cb_map_key,
	.yajl_end_map = cb_end_map,
	.yajl_start_array = cb_start_array,
	.yajl_end_array = cb_end_array,
};

/* ---- syntax errors ---- */

/*
 * yajl's reasons, reworded to read like the rest of the messages.  The
 * column points at the start of the offending token, except for faults
 * inside a string (at_char), where yajl stops on the very character.
 * yajl's own offset is not used elsewhere because it lands after the
 * token for some errors and on it for others.
 */
static const struct {
	const char *yajl, *text;
	int at_char;
} reasons[] = {
	{ "trailing garbage", "unexpected text after the object", 0 },
	{ "premature EOF", "unexpected end of line", 0 },
	{ "invalid object key (must be a string)",
	  "expected a member name in double quotes", 0 },
	{ "object key and value must be separated by a colon (':')",
	  "expected ':' after the member name", 0 },
	{ "after key and value, inside map, I expect ',' or '}'",
	  "expected ',' or '}' after a member", 0 },
	{ "after array element, I expect ',' or ']'",
	  "expected ',' or ']' after an array element", 0 },
	{ "unallowed token at this point in JSON text", "expected a value", 0 },
	{ "invalid char in json text.", "unexpected character", 0 },
	{ "invalid string in json text.",
	  "invalid literal (expected true, false or null)", 0 },
	{ "invalid character inside string.",
	  "control character in a string", 1 },
	{ "inside a string, '\\' occurs before a character which it may not.",
	  "invalid escape in a string", 1 },
	{ "invalid (non-hex) character occurs after '\\u' inside string.",
	  "invalid \\u escape in a string", 1 },
	{ "malformed number, a digit is required after the exponent.",
	  "malformed number", 0 },
	{ "malformed number, a digit is required after the decimal point.",
	  "malformed number", 0 },
	{ "malformed number, a digit is required after the minus sign.",
	  "malformed number", 0 },
	{ "probable comment found in input text, comments are not enabled.",
	  "comments are not allowed", 0 },
};

#define NREASONS (sizeof reasons / sizeof reasons[0])

/* Whether the string holding byte `at` (where yajl stopped inside it) is
 * the value of the field being read, or one element of it: its opening
 * quote follows the ':' of that field's member, or '[' or ',' within its
 * array.  A key is not: it follows '{' or ','. */
static int in_field_string(const struct dec *d, size_t at)
{
	size_t q = at < d->len ? at : d->len;

	if (d->member != M_FIELD || d->failed)
		return 0;
	/* back to the opening quote: one not escaped by a backslash */
	for (;;) {
		size_t k;

		if (q == 0)
			return 0;
		if (d->line[--q] != '"')
			continue;
		for (k = q; k > 0 && d->line[k - 1] == '\\'; k--)
			;
		if ((q - k) % 2 == 0)
			break;
	}
	while (q > 0 && is_space(d->line[q - 1]))
		q--;
	if (q == 0)
		return 0;
	return (d->depth == 1 && d->line[q - 1] == ':')
	       || (d->depth == 2 && (d->line[q - 1] == '[' || d->line[q - 1] == ','));
}

static void syntax_error(struct dec *d)
{
	unsigned char *ytext;
	const char *reason = "syntax error";
	char msg[160];
	size_t at, off, p, n;
	int at_char = 0;

	/* A line that is not JSON is told so, whatever was found wrong with
	 * its fields before the place where it stops being JSON: the fixes
	 * then come in the order a reader makes them. */
	d->failed = 0;
	/* yajl_get_error gives "lexical error: REASON\n" or
	 * "parse error: REASON\n". */
	ytext = yajl_get_error(d->h, 0, d->line, d->len);
	if (ytext) {
		const char *r = strstr((const char *)ytext, "error: ");

		r = r ? r + 7 : (const char *)ytext;
		n = strcspn(r, "\n");
		for (size_t i = 0; i < NREASONS; i++) {
			if (strlen(reasons[i].yajl) == n
			    && memcmp(reasons[i].yajl, r, n) == 0) {
				reason = reasons[i].text;
				at_char = reasons[i].at_char;
				break;
			}
		}
	}
	off = d->finishing ? d->len + 1 : yajl_get_bytes_consumed(d->h);
	if (at_char && !d->finishing) {
		at = off;
	} else {
		/* The offending token is the first after the last one seen,
		 * unless a ':' or ',' came first and was accepted. */
		at = p = skip_space(d, d->pos);
		if (p < d->len && (d->line[p] == ':' || d->line[p] == ',')
		    && off > p + 1)
			at = skip_space(d, p + 1);
		if (d->finishing && at < d->len && d->line[at] == '"')
			reason = "unterminated string";
		/* requests in a file whose lines end in a lone CR (old Mac
		 * files) arrive as one line */
		if (d->done && memchr(d->line + d->pos, '\r', at - d->pos))
			reason = "unexpected text after the object (a carriage return alone "
				 "ends no line: lines end with LF or CRLF)";
	}
	snprintf(msg, sizeof msg, "malformed JSON: %s", reason);
	if (at_char && !d->finishing && in_field_string(d, at))
		fail_field(d, at, msg);
	else
		fail(d, at, NULL, 0, msg);
	if (ytext)
		yajl_free_error(d->h, ytext);
}

/* ---- decoding ---- */

int lp_json_decode_request(const lp_schema *s, const char *line,
			      size_t len, int lineno, uint64_t *slots,
			      lp_request_id *id, lp_json_error *err)
{
	return lp_json_decode_general(s, NULL, line, len, lineno, slots, id, err);
}

/*
 * The fast decoder (json_fast.c) takes the ordinary line; whatever it
 * declines, the general decoder reads, and it alone words errors.  A line
 * the fast decoder takes leaves `err` saying nothing, as a line decoded
 * by the general one does.
 */
int lp_json_decode_packed(const lp_schema *s, const lp_names *names,
			  const char *line, size_t len, int lineno,
			  uint8_t *data, uint64_t *slots, lp_request_id *id,
			  lp_json_error *err)
{
	lp_request_id id_scratch;

	if (lp_json_decode_fast(names, line, len, data, id ? id : &id_scratch) == 0) {
		if (err) {
			err->line = 0;
			err->column = 0;
			err->field[0] = '\0';
			err->text[0] = '\0';
		}
		return 0;
	}
	if (lp_json_decode_general(s, names, line, len, lineno, slots, id, err) != 0)
		return -1;
	lp_pack(s, names->places, slots, data);
	return 0;
}

int lp_json_decode_general(const lp_schema *s, const lp_names *names,
			   const char *line, size_t len, int lineno,
			   uint64_t *slots, lp_request_id *id,
			   lp_json_error *err)
{
	struct arena ar;
	yajl_alloc_funcs af = { arena_malloc, arena_realloc, arena_free, &ar };
	lp_request_id id_scratch;
	lp_json_error err_scratch;
	struct dec d;
	size_t seen_bytes = LP_BITWORDS(s->nfields) * sizeof(uint64_t);
	yajl_status st;

	memset(&d, 0, sizeof d);
	d.s = s;
	d.names = names;
	d.line = (const unsigned char *)line;
	d.len = len;
	d.slots = slots;
	d.id = id ? id : &id_scratch;
	d.err = err ? err : &err_scratch;
	d.lineno = lineno;
	d.id->kind = 0;
	d.id->text[0] = '\0';
	d.id->len = 0;
	d.id->truncated = 0;
	memset(d.err, 0, sizeof *d.err);
	ar.used = 0;
	ar.last = SIZE_MAX;

	if (skip_space(&d, 0) == len) {
		fail(&d, 0, NULL, 0, "empty line");
		return -1;
	}
	d.seen = arena_malloc(&ar, seen_bytes ? seen_bytes : 1);
	d.h = d.seen ? yajl_alloc(&callbacks, &af, &d) : NULL;
	if (!d.h) {
		fail(&d, 0, NULL, 0, "out of memory");
		if (d.seen)
			arena_free(&ar, d.seen);
		return -1;
	}
	memset(d.seen, 0, seen_bytes);
	/* Strings are checked strictly by check_string() instead. */
	yajl_config(d.h, yajl_dont_validate_strings, 1);

	st = yajl_parse(d.h, d.line, len);
	/*
	 * yajl_complete_parse is needed when the line ended inside a token
	 * (a number or literal at the very end, or a truncated line), but
	 * costs a buffer, so it is skipped when the object closed and only
	 * whitespace follows.
	 */
	if (st == yajl_status_ok
	    && !(d.done && skip_space(&d, d.pos) == len)) {
		d.finishing = 1;
		st = yajl_complete_parse(d.h);
	}
	if (st != yajl_status_ok)
		syntax_error(&d);
	yajl_free(d.h);
	arena_free(&ar, d.seen);
	return d.failed ? -1 : 0;
}

/* ---- encoding ---- */

/*
 * Every decision of `pacta eval` passes through here, so the encoder
 * copies what it can from the schema's name tables (names.h): labels,
 * obligation names and members quoted once per module, not escaped again
 * on every line.  Without the tables (`nm` NULL, for callers that have
 * only a schema) it quotes as it goes; the text is the same either way.
 */

/* Appends n bytes; the common case inline, without the NUL that
 * lp_sb_put writes after every append (finish() writes it once). */
static inline void put(lp_strbuf *out, const char *s, size_t n)
{
	if (out->cap - out->len > n) {
		memcpy(out->data + out->len, s, n);
		out->len += n;
	} else {
		lp_sb_put(out, s, n);
	}
}

#define PUT_LIT(out, lit) put(out, lit, sizeof lit - 1)

static void finish(lp_strbuf *out)
{
	if (out->data && out->len < out->cap)
		out->data[out->len] = '\0';
}

static void put_string(lp_strbuf *out, const char *s)
{
	lp_sb_json_string(out, s, strlen(s));
}

static void put_quoted(lp_strbuf *out, const lp_quoted *q)
{
	put(out, q->text, q->len);
}

static void put_label(lp_strbuf *out, const lp_schema *s, const lp_names *nm,
		      uint32_t c)
{
	if (nm)
		put_quoted(out, &nm->labels[c]);
	else
		put_string(out, s->clauses[c].label);
}

static void put_member(lp_strbuf *out, const lp_schema *s, const lp_names *nm,
		       uint32_t e, uint32_t i)
{
	if (nm)
		put_quoted(out, &nm->members[e][i]);
	else
		put_string(out, s->enums[e].members[i]);
}

/* As "%" PRId64 writes it. */
static void put_int(lp_strbuf *out, int64_t v)
{
	char buf[24], *p = buf + sizeof buf;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	put(out, p, (size_t)(buf + sizeof buf - p));
}

static void put_id(lp_strbuf *out, const lp_request_id *id)
{
	if (!id || (id->kind != 1 && id->kind != 2))
		return;
	PUT_LIT(out, "\"id\": ");
	if (id->kind == 1)
		put(out, id->text, strnlen(id->text, sizeof id->text));
	else
		put_string(out, id->text);
	PUT_LIT(out, ", ");
}

/* The first bit set in w at or after i and below n, or n: most words of
 * a decision are empty, so the loops over its bits go a word at a time. */
static inline uint32_t next_bit(const uint64_t *w, uint32_t n, uint32_t i)
{
	while (i < n) {
		uint64_t b = w[i / 64] >> (i % 64);

		if (b) {
			i += (uint32_t)__builtin_ctzll(b);
			return i < n ? i : n;
		}
		i = (i / 64 + 1) * 64;
	}
	return n;
}

#define EACH_BIT(c, w, n) \
	for (uint32_t c = next_bit(w, n, 0); c < (n); c = next_bit(w, n, c + 1))

static void encode_value(const lp_schema *s, const lp_names *nm, int kind,
			 uint32_t enum_index, const uint64_t *words,
			 lp_strbuf *out)
{
	char buf[17];
	int first = 1;

	switch (kind) {
	case PK_BOOL:
		if (words[0])
			PUT_LIT(out, "true");
		else
			PUT_LIT(out, "false");
		return;
	case PK_INT:
	case PK_DAYS:
	case PK_YEARS:
		put_int(out, (int64_t)words[0]);
		return;
	case PK_DATE:
		/* "YYYY-MM-DD" needs no escaping */
		lp_date_format((int64_t)words[0], buf + 1);
		buf[0] = '"';
		buf[11] = '"';
		put(out, buf, 12);
		return;
	case PK_ENUM:
		if (enum_index < s->nenums && words[0] < s->enums[enum_index].nmembers)
			put_member(out, s, nm, enum_index, (uint32_t)words[0]);
		else
			PUT_LIT(out, "null");
		return;
	case PK_SET:
		if (enum_index >= s->nenums)
			break;
		PUT_LIT(out, "[");
		EACH_BIT(i, words, s->enums[enum_index].nmembers) {
			if (!first)
				PUT_LIT(out, ", ");
			put_member(out, s, nm, enum_index, i);
			first = 0;
		}
		PUT_LIT(out, "]");
		return;
	}
	PUT_LIT(out, "null");
}

/* Out-of-range values can only come from a faulty evaluator; they are
 * written as null rather than trusted. */
void lp_json_encode_value(const lp_schema *s, int kind,
			     uint32_t enum_index, const uint64_t *words,
			     lp_strbuf *out)
{
	encode_value(s, NULL, kind, enum_index, words, out);
	finish(out);
}

void lp_json_encode_request(const lp_schema *s, const uint64_t *slots,
                               lp_strbuf *out)
{
	lp_sb_puts(out, "{");
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		lp_sb_printf(out, "%s\"%s\": ", i ? ", " : "", f->name);
		lp_json_encode_value(s, f->kind, f->enum_index, slots + f->slot, out);
	}
	lp_sb_puts(out, "}");
}

static void put_grounds(const lp_schema *s, const lp_names *nm,
			const lp_decision_buf *d, lp_strbuf *out)
{
	int first = 1;

	if (d->ground == PG_DEFAULT) {
		PUT_LIT(out, "\"grounds\": [\"default\"]");
		return;
	}
	if (d->ground == PG_AGREEMENT) {
		PUT_LIT(out, "\"grounds\": [\"agreement\"]");
		return;
	}
	PUT_LIT(out, "\"grounds\": [");
	EACH_BIT(c, d->grounds, s->nclauses) {
		if (!first)
			PUT_LIT(out, ", ");
		put_label(out, s, nm, c);
		first = 0;
	}
	PUT_LIT(out, "]");
}

/* "discretionary": the grounds that are `may refuse` only; absent when
 * there are none. */
static void put_discretionary(const lp_schema *s, const lp_names *nm,
			      const lp_decision_buf *d, lp_strbuf *out)
{
	int first = 1;

	if (d->ground != PG_CLAUSES)
		return;
	EACH_BIT(c, d->discretionary, s->nclauses) {
		if (first)
			PUT_LIT(out, ", \"discretionary\": [");
		else
			PUT_LIT(out, ", ");
		put_label(out, s, nm, c);
		first = 0;
	}
	if (!first)
		PUT_LIT(out, "]");
}

/* Whether the decision reports an obligation. */
static int any_obligation(const lp_schema *s, const lp_decision_buf *d)
{
	EACH_BIT(j, d->oblig_set, s->noblig) {
		if (lp_oblig_reported(s, d, j))
			return 1;
	}
	return 0;
}

static void put_obligations(const lp_schema *s, const lp_names *nm,
			    const lp_decision_buf *d, lp_strbuf *out)
{
	int first = 1;

	PUT_LIT(out, ", \"obligations\": {");
	EACH_BIT(j, d->oblig_set, s->noblig) {
		const lp_oblig_desc *o = &s->obligs[j];

		if (!lp_oblig_reported(s, d, j))
			continue;
		if (!first)
			PUT_LIT(out, ", ");
		if (nm) {
			put_quoted(out, &nm->obligs[j]);
		} else {
			put_string(out, o->name);
			PUT_LIT(out, ": ");
		}
		if (o->combine == PC_FLAG)
			PUT_LIT(out, "true");
		else
			encode_value(s, nm, o->kind, o->enum_index,
				     d->oblig_val + o->slot, out);
		first = 0;
	}
	PUT_LIT(out, "}");
}

static void put_trace(const lp_schema *s, const lp_names *nm,
		      const lp_decision_buf *d, lp_strbuf *out)
{
	int first = 1;

	PUT_LIT(out, ", \"trace\": {\"fired\": [");
	EACH_BIT(r, d->fired, s->nrules) {
		const lp_rule_desc *rd = &s->rules[r];

		if (!first)
			PUT_LIT(out, ", ");
		PUT_LIT(out, "{\"clause\": ");
		put_label(out, s, nm, rd->clause);
		PUT_LIT(out, ", \"action\": ");
		put_string(out, rd->action < PA__COUNT
				? lp_action_names[rd->action] : "?");
		if (rd->action == PA_OBLIGE && rd->oblig < s->noblig) {
			PUT_LIT(out, ", \"obligation\": ");
			put_string(out, s->obligs[rd->oblig].name);
		}
		PUT_LIT(out, "}");
		first = 0;
	}
	PUT_LIT(out, "], \"exempted\": [");
	first = 1;
	EACH_BIT(c, d->exempted, s->nclauses) {
		uint32_t by = d->exempted_by[c];

		if (!first)
			PUT_LIT(out, ", ");
		PUT_LIT(out, "{\"clause\": ");
		put_label(out, s, nm, c);
		if (by < s->nclauses) {
			PUT_LIT(out, ", \"by\": ");
			put_label(out, s, nm, by);
		}
		PUT_LIT(out, "}");
		first = 0;
	}
	PUT_LIT(out, "]}");
}

void lp_json_encode_decision(const lp_schema *s,
				const lp_decision_buf *d,
				const lp_request_id *id, int with_trace,
				lp_strbuf *out)
{
	lp_json_encode_decision_n(s, NULL, d, id, with_trace, out);
}

void lp_json_encode_decision_n(const lp_schema *s, const lp_names *nm,
			       const lp_decision_buf *d,
			       const lp_request_id *id, int with_trace,
			       lp_strbuf *out)
{
	PUT_LIT(out, "{");
	put_id(out, id);
	switch (d->outcome) {
	case PO_GRANT:  PUT_LIT(out, "\"outcome\": \"grant\", "); break;
	case PO_REFER:  PUT_LIT(out, "\"outcome\": \"refer\", "); break;
	case PO_REFUSE: PUT_LIT(out, "\"outcome\": \"refuse\", "); break;
	default:        PUT_LIT(out, "\"outcome\": \"?\", "); break;
	}
	put_grounds(s, nm, d, out);
	put_discretionary(s, nm, d, out);
	/* "obligations" is always there for a grant or a referral, empty or
	 * not (as version 1 wrote it); a refusal has it only when it carries
	 * obligations (those declared `on refuse`). */
	if (d->outcome == PO_GRANT || d->outcome == PO_REFER || any_obligation(s, d))
		put_obligations(s, nm, d, out);
	if (with_trace)
		put_trace(s, nm, d, out);
	PUT_LIT(out, "}");
	finish(out);
}

void lp_json_encode_error(const lp_request_id *id,
			     const lp_json_error *err, lp_strbuf *out)
{
	PUT_LIT(out, "{");
	put_id(out, id);
	PUT_LIT(out, "\"error\": ");
	put_string(out, err ? err->text : "unknown error");
	PUT_LIT(out, "}");
	finish(out);
}
