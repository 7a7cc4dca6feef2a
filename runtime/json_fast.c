/*
 * json_fast.c — the fast path of the request decoder (runtime/json.c):
 * one pass over an ordinary, well-formed request line, specialised to the
 * schema through the tables of runtime/names.c, with no tokenizer, no
 * callbacks and no copies, each value stored straight at its place in the
 * packed request a native module reads (model.h, lp_request_places).
 *
 * It takes only what it can decode exactly as the general decoder
 * (lp_json_decode_general, on yajl) would, and declines everything else:
 * a syntax error, an unknown or repeated member, a value of the wrong type
 * or out of range, a string with an escape, a control character or a byte
 * above 0x7e, a missing field without default, an id the general decoder
 * would cut.  A declined line goes to the general decoder, which decodes it
 * or words the error exactly as it always has.  So this file never has to
 * say what is wrong with a line, only that it is not sure; the
 * differential fuzzer (tests/fuzz/fuzz_decode.c) and tests/unit/check_json.c
 * hold the two decoders to the same answers.
 *
 * What it takes is a subset of JSON, checked as strictly as JSON is:
 * white space is ' ', '\t', '\n', '\r'; numbers follow the JSON grammar
 * (integer fields: no fraction or exponent, within int64); literals are
 * spelt out; after the closing brace only white space may follow.
 */
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "names.h"

#define DECLINE (-1)

/* ' ', '\t', '\n', '\r' as bits: a byte above ' ' ends white space with
 * one compare, which is most bytes this sees. */
#define WS ((uint64_t)1 << ' ' | (uint64_t)1 << '\t' | (uint64_t)1 << '\n' | (uint64_t)1 << '\r')

static inline const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (unsigned char)*p <= ' ' && (WS >> (unsigned char)*p & 1))
		p++;
	return p;
}

/*
 * The punctuation between tokens, white space around it: `c` and the
 * white space after it, or NULL when the next byte that is not white
 * space is not `c`.  Writers put one space after ':' and ',' and none
 * before, so that case comes first, without a loop.
 */
static inline const char *punct(const char *p, const char *end, char c)
{
	if (end - p >= 3 && p[0] == c && p[1] == ' ' && (unsigned char)p[2] > ' ')
		return p + 2;
	p = skip_ws(p, end);
	if (p >= end || *p != c)
		return NULL;
	return skip_ws(p + 1, end);
}

/* The first '"' in [p, end), or NULL. */
static inline const char *find_quote(const char *p, const char *end)
{
#ifdef __SSE2__
	const __m128i q = _mm_set1_epi8('"');

	/* sixteen bytes at a time while sixteen are there: never a read
	 * past the line */
	while (end - p >= 16) {
		unsigned m = (unsigned)_mm_movemask_epi8(
			_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), q));

		if (m)
			return p + __builtin_ctz(m);
		p += 16;
	}
#endif
	return memchr(p, '"', (size_t)(end - p));
}

/* The string starting at *pp (which must be '"') as [*s, *s + *n); *pp
 * moves past its closing quote.  The bytes are not checked: a string that
 * equals a schema name is plain, and ids are checked where they are kept. */
static inline int string(const char **pp, const char *end, const char **s, size_t *n)
{
	const char *p = *pp, *q;

	if (p >= end || *p != '"')
		return DECLINE;
	q = find_quote(p + 1, end);
	if (!q)
		return DECLINE;
	*s = p + 1;
	*n = (size_t)(q - p - 1);
	*pp = q + 1;
	return 0;
}

static inline int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* An int64 in JSON's integer syntax, as parse_int (json.c) reads it. */
static inline int integer(const char **pp, const char *end, uint64_t *out)
{
	const char *p = *pp, *d;
	int neg = 0;
	uint64_t v = 0;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	d = p;
	if (p >= end || !is_digit(*p))
		return DECLINE;
	if (*p == '0') {
		p++;                    /* "0", never "01" */
	} else {
		while (p < end && is_digit(*p) && p - d < 19)
			v = v * 10 + (uint64_t)(*p++ - '0');
		if (p < end && is_digit(*p)) {
			/* a twentieth digit: past int64 for sure */
			return DECLINE;
		}
		if (v > (neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX))
			return DECLINE;
	}
	*out = neg ? 0 - v : v;
	*pp = p;
	return 0;
}

/* A number in the JSON grammar, kept as text (ids): -?int frac? exp? */
static inline int number(const char **pp, const char *end)
{
	const char *p = *pp;

	if (p < end && *p == '-')
		p++;
	if (p >= end || !is_digit(*p))
		return DECLINE;
	if (*p == '0')
		p++;
	else
		while (p < end && is_digit(*p))
			p++;
	if (p < end && *p == '.') {
		if (++p >= end || !is_digit(*p))
			return DECLINE;
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		if (++p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !is_digit(*p))
			return DECLINE;
		while (p < end && is_digit(*p))
			p++;
	}
	*pp = p;
	return 0;
}

/* The id member's value: a number, or a string of printable ASCII without
 * escapes; at most 127 bytes either way, as lp_request_id holds them. */
static int id_value(const char **pp, const char *end, lp_request_id *id)
{
	const char *p = *pp, *s;
	size_t n;
	int kind;

	if (p < end && *p == '"') {
		if (string(&p, end, &s, &n))
			return DECLINE;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e
			    || s[i] == '\\')
				return DECLINE;
		kind = 2;
	} else {
		s = p;
		if (number(&p, end))
			return DECLINE;
		n = (size_t)(p - s);
		kind = 1;
	}
	if (n > sizeof id->text - 1)
		return DECLINE;
	id->kind = kind;
	id->truncated = 0;
	id->len = (uint32_t)n;
	memcpy(id->text, s, n);
	id->text[n] = '\0';
	*pp = p;
	return 0;
}

/* After a member or an element: 1, past the ',' and the white space
 * before the next one; 0, past `close`, at the end; or DECLINE. */
static inline int after_item(const char **pp, const char *end, char close)
{
	const char *p = punct(*pp, end, ',');

	if (p) {
		*pp = p;
		return 1;
	}
	p = skip_ws(*pp, end);
	if (p >= end || *p != close)
		return DECLINE;
	*pp = p + 1;
	return 0;
}

/* Whether the string whose text starts at s is the name e: its bytes,
 * then the closing quote (a plain name cannot hold one). */
static inline int is_name(const lp_name_entry *e, const char *s, const char *end)
{
	size_t n = e->len;
	uint64_t head, tail;

	if ((size_t)(end - s) <= n || s[n] != '"')
		return 0;
	lp_name_key(s, n, end, &head, &tail);
	return head == e->head && tail == e->tail && (n <= 16 || lp_name_middle(e->name, s, n));
}

/* A member of an enum, by name. */
static inline int member(const char **pp, const char *end, const lp_name_table *t,
			 uint32_t *m)
{
	const char *s;
	size_t n;

	if (string(pp, end, &s, &n))
		return DECLINE;
	*m = lp_name_find(t, s, n, end);
	return *m == UINT32_MAX ? DECLINE : 0;
}

/* A scalar's value at its place in the packed request: lp_place_put,
 * with the kind known here so that most stores take no switch. */
static inline void put(const lp_fast_field *f, uint8_t *data, uint64_t v)
{
	uint8_t *q = data + f->place.at;

	switch (f->kind) {
	case PK_BOOL:
		*q = (uint8_t)((*q & ~(1u << f->place.bit)) | (unsigned)v << f->place.bit);
		return;
	case PK_DATE: {
		uint32_t d = (uint32_t)v;

		memcpy(q, &d, 4);
		return;
	}
	case PK_ENUM:
		lp_place_put(&f->place, data, v);
		return;
	default:
		memcpy(q, &v, 8);
		return;
	}
}

/* The value of field f, into the packed request. */
static int field(const char **pp, const char *end, const lp_fast_field *f,
		 uint8_t *data)
{
	const char *p = *pp;
	uint64_t v, *w;
	int64_t date;
	uint32_t m;
	int more;

	switch (f->kind) {
	case PK_BOOL:
		if (end - p >= 4 && memcmp(p, "true", 4) == 0) {
			v = 1;
			p += 4;
		} else if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
			v = 0;
			p += 5;
		} else {
			return DECLINE;
		}
		break;
	case PK_INT:
	case PK_DAYS:
	case PK_YEARS:
		if (integer(&p, end, &v))
			return DECLINE;
		break;
	case PK_DATE:
		/* exactly "YYYY-MM-DD": lp_date_parse checks the digits,
		 * dashes and calendar */
		if (end - p < 12 || p[0] != '"' || p[11] != '"'
		    || lp_date_parse(p + 1, 10, &date))
			return DECLINE;
		v = (uint64_t)date;
		p += 12;
		break;
	case PK_ENUM:
		if (member(&p, end, f->members, &m))
			return DECLINE;
		v = m;
		break;
	case PK_SET:
		/* a set's words are whole and aligned in the packed request */
		if (p >= end || *p != '[')
			return DECLINE;
		w = (uint64_t *)(void *)(data + f->place.at);
		memset(w, 0, f->nslots * sizeof *w);
		p = skip_ws(p + 1, end);
		if (p < end && *p == ']') {
			*pp = p + 1;
			return 0;
		}
		do {
			if (member(&p, end, f->members, &m))
				return DECLINE;
			lp_bit_set(w, m);
			more = after_item(&p, end, ']');
		} while (more > 0);
		if (more < 0)
			return DECLINE;
		*pp = p;
		return 0;
	default:
		return DECLINE;
	}
	put(f, data, v);
	*pp = p;
	return 0;
}

int lp_json_decode_fast(const lp_names *nm, const char *line, size_t len,
			uint8_t *data, lp_request_id *id)
{
	const lp_schema *s = nm->s;
	const char *p = line, *end = line + len, *key;
	uint64_t seen[LP_BITWORDS(LP_FAST_MAX_FIELDS)];
	size_t words = LP_BITWORDS(s->nfields), n;
	uint32_t guess = 0;
	int have_id = 0, more;

	if (!nm->fast)
		return DECLINE;
	memset(seen, 0, words * sizeof *seen);
	memcpy(data, nm->defaults, nm->data_size);
	p = skip_ws(p, end);
	if (p >= end || *p != '{')
		return DECLINE;
	p = skip_ws(p + 1, end);
	if (p < end && *p == '}') {
		p++;
	} else {
		do {
			uint32_t i;

			if (p >= end || *p != '"')
				return DECLINE;
			key = p + 1;
			/*
			 * "id" before the fields, as the general decoder
			 * looks for it.  Then the field after the last one in
			 * the schema's order, which is where writers most
			 * often put it; only when it is not that, the key is
			 * looked up.
			 */
			if (end - key >= 3 && key[0] == 'i' && key[1] == 'd' && key[2] == '"') {
				i = UINT32_MAX;
				p = key + 3;
			} else if (guess < s->nfields && is_name(&nm->ff[guess].key, key, end)) {
				i = guess;
				p = key + nm->ff[i].key.len + 1;
			} else {
				if (string(&p, end, &key, &n))
					return DECLINE;
				i = lp_name_find(&nm->fields, key, n, end);
				if (i == UINT32_MAX)
					return DECLINE;
			}
			p = punct(p, end, ':');
			if (!p)
				return DECLINE;
			if (i == UINT32_MAX) {
				if (have_id || id_value(&p, end, id))
					return DECLINE;
				have_id = 1;
			} else {
				if (lp_bit(seen, i))
					return DECLINE;
				lp_bit_set(seen, i);
				if (field(&p, end, &nm->ff[i], data))
					return DECLINE;
				guess = i + 1;
			}
			more = after_item(&p, end, '}');
		} while (more > 0);
		if (more < 0)
			return DECLINE;
	}
	if (skip_ws(p, end) != end)
		return DECLINE;
	for (size_t w = 0; w < words; w++)
		if (nm->required[w] & ~seen[w])
			return DECLINE;
	if (!have_id) {
		id->kind = 0;
		id->truncated = 0;
		id->len = 0;
		id->text[0] = '\0';
	}
	return 0;
}
