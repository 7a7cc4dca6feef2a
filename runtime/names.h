/*
 * names.h — what runtime/names.c builds once per schema and the JSON codec
 * reads on every line: name tables (field and enum member names to
 * indices), and the fast request decoder's and the decision encoder's
 * precomputed pieces (runtime/json_fast.c, runtime/json.c).
 *
 * Internal to the runtime; model.h declares only the opaque lp_names and
 * its lookups.  The tables are read-only once built, so any number of
 * threads may share them.
 */
#ifndef PACTA_NAMES_H
#define PACTA_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model.h"

/*
 * One name in an open-addressed table.  A name is keyed by its length and
 * two 8-byte words, its first and its last eight bytes (zero-padded when
 * shorter): for names of up to 16 bytes these are the whole name, so most
 * lookups compare three integers and never call memcmp.
 */
typedef struct lp_name_entry {
	uint64_t head, tail;
	uint32_t len;
	uint32_t index;         /* UINT32_MAX: an empty slot */
	const char *name;
} lp_name_entry;

typedef struct lp_name_table {
	lp_name_entry *slot;
	uint32_t mask;          /* slots - 1; slots a power of two */
	uint32_t shift;         /* 64 - log2(slots) */
} lp_name_table;

/* A string, already JSON-quoted: '"...", escapes and all. */
typedef struct lp_quoted {
	const char *text;
	uint32_t len;
} lp_quoted;

/* What the fast decoder needs of a field, in one small record: where its
 * value goes in the packed request (model.h, lp_request_places) and how
 * many words a set takes there. */
typedef struct lp_fast_field {
	lp_name_entry key;             /* its name, keyed as in the tables */
	uint8_t kind;                  /* enum pk_kind */
	lp_place place;
	uint32_t nslots;
	const lp_name_table *members;  /* PK_ENUM, PK_SET: of its enum */
} lp_fast_field;

/* The fast decoder handles schemas with at most this many fields (its
 * bitset of the fields seen lives on the stack); larger ones take the
 * general decoder. */
#define LP_FAST_MAX_FIELDS 4096

struct lp_names {
	const lp_schema *s;
	lp_name_table fields;     /* "id" is not in it: it is not a field */
	lp_name_table *enums;     /* one per enum */

	/* Where each field lies in the packed request and its size in
	 * bytes: the layout libpacta's requests have, computed by the same
	 * function (model.h). */
	lp_place *places;         /* per field */
	uint32_t data_size;

	/* The fast decoder (json_fast.c); `fast` is 0 when the schema is
	 * one it does not take (see lp_names_new). */
	int fast;
	lp_fast_field *ff;        /* per field */
	uint64_t *defaults;       /* data_size bytes: the packed request with
	                             every default in place */
	uint64_t *required;       /* BITWORDS(nfields): fields without one */

	/* The encoder (json.c): labels, obligation names and enum members,
	 * quoted once. */
	lp_quoted *labels;        /* per clause */
	lp_quoted *obligs;        /* per obligation: "NAME": */
	lp_quoted **members;      /* per enum, per member */
	char *text;               /* the storage of every quoted string */
};

/* The key of a name: see lp_name_entry.  `s` may be read up to `limit`
 * (at least s + n): where eight bytes are there, the short names take one
 * load instead of a byte loop. */
static inline void lp_name_key(const char *s, size_t n, const char *limit,
			       uint64_t *head, uint64_t *tail)
{
	uint64_t h = 0, t = 0;

	if (n >= 8) {
		memcpy(&h, s, 8);
		memcpy(&t, s + n - 8, 8);
	} else if ((size_t)(limit - s) >= 8 && n > 0) {
		/* one load, then keep the first n bytes in memory order: the
		 * same word as copying n bytes into a zeroed one */
		memcpy(&h, s, 8);
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		h &= ~(uint64_t)0 >> (64 - 8 * n);
#else
		h &= ~(uint64_t)0 << (64 - 8 * n);
#endif
	} else {
		memcpy(&h, s, n);
	}
	*head = h;
	*tail = t;
}

/* Whether two names of n > 16 bytes whose first and last eight agree
 * agree in between: a word at a time, the last word overlapping the tail
 * (field names run to 20 or 30 bytes; a call to memcmp cost more). */
static inline int lp_name_middle(const char *a, const char *b, size_t n)
{
	for (size_t i = 8; i < n - 8; i += 8) {
		uint64_t x, y;
		size_t at = i + 8 <= n - 8 ? i : n - 16;

		memcpy(&x, a + at, 8);
		memcpy(&y, b + at, 8);
		if (x != y)
			return 0;
	}
	return 1;
}

static inline uint32_t lp_name_slot(const lp_name_table *t, uint64_t head,
				    uint64_t tail, size_t n)
{
	uint64_t x = (head ^ (tail << 29 | tail >> 35) ^ (uint64_t)n)
		     * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(x >> t->shift);
}

/* The index of name s[0..n) (which may hold NUL bytes), or UINT32_MAX. */
static inline uint32_t lp_name_find(const lp_name_table *t, const char *s,
				    size_t n, const char *limit)
{
	uint64_t head, tail;
	uint32_t j;

	lp_name_key(s, n, limit, &head, &tail);
	for (j = lp_name_slot(t, head, tail, n);; j = (j + 1) & t->mask) {
		const lp_name_entry *e = &t->slot[j];

		if (e->index == UINT32_MAX)
			return UINT32_MAX;
		if (e->len == n && e->head == head && e->tail == tail
		    && (n <= 16 || lp_name_middle(e->name, s, n)))
			return e->index;
	}
}

#endif
