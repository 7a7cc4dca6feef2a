/*
 * names.c — name-to-index tables for one schema, so that decoding a
 * request looks up an enum member (a country among 291) by hashing, not by
 * comparing it with every name.  Built once per schema; read-only after,
 * so many threads may share one.
 */
#include <stdlib.h>
#include <string.h>

/* header-only: nothing for libpacta's users to link */
#define XXH_INLINE_ALL
#include <xxhash.h>

#include "model.h"

typedef struct entry {
	uint32_t index1;      /* index + 1; 0 is empty */
	uint32_t hash;        /* of the name, compared before the name */
} entry;

typedef struct table {
	entry *slot;
	uint32_t *len;        /* per index: the name's length */
	uint32_t mask;
} table;

struct lp_names {
	const lp_schema *s;
	table fields;
	table *enums;         /* one per enum */
};

static uint32_t hash(const char *s, size_t n)
{
	/* XXH3: a few words at a time, where a byte-at-a-time hash spent
	 * more on a 20-byte field name than the lookup saves (the names are
	 * the schema's; a request's text can only miss, never collide on
	 * purpose with a name that is not there) */
	return (uint32_t)XXH3_64bits(s, n);
}

static int fill(table *t, const char *const *names, uint32_t n)
{
	uint32_t cap = 8;
	while (cap < 2 * n)
		cap *= 2;
	t->slot = calloc(cap, sizeof *t->slot);
	t->len = calloc(n ? n : 1, sizeof *t->len);
	if (!t->slot || !t->len)
		return -1;
	t->mask = cap - 1;
	for (uint32_t i = 0; i < n; i++) {
		t->len[i] = (uint32_t)strlen(names[i]);
		uint32_t h = hash(names[i], t->len[i]), j = h & t->mask;
		while (t->slot[j].index1)
			j = (j + 1) & t->mask;
		t->slot[j] = (entry){ i + 1, h };
	}
	return 0;
}

lp_names *lp_names_new(const lp_schema *s)
{
	lp_names *nm = calloc(1, sizeof *nm);
	if (!nm)
		return NULL;
	nm->s = s;
	nm->enums = calloc(s->nenums ? s->nenums : 1, sizeof *nm->enums);
	if (!nm->enums) {
		free(nm);
		return NULL;
	}
	const char **fnames = calloc(s->nfields ? s->nfields : 1, sizeof *fnames);
	if (!fnames) {
		lp_names_free(nm);
		return NULL;
	}
	for (uint32_t i = 0; i < s->nfields; i++)
		fnames[i] = s->fields[i].name;
	int bad = fill(&nm->fields, fnames, s->nfields);
	free(fnames);
	if (bad) {
		lp_names_free(nm);
		return NULL;
	}
	for (uint32_t i = 0; i < s->nenums; i++) {
		if (fill(&nm->enums[i], s->enums[i].members, s->enums[i].nmembers) != 0) {
			lp_names_free(nm);
			return NULL;
		}
	}
	return nm;
}

void lp_names_free(lp_names *nm)
{
	if (!nm)
		return;
	free(nm->fields.slot);
	free(nm->fields.len);
	for (uint32_t i = 0; nm->enums && i < nm->s->nenums; i++) {
		free(nm->enums[i].slot);
		free(nm->enums[i].len);
	}
	free(nm->enums);
	free(nm);
}

/* The index of the name `s` (n bytes, which may hold NUL: a JSON
 * "\u0000") among `names`, or UINT32_MAX: by hash, then length, then
 * bytes, without a strlen per probe. */
static uint32_t find(const table *t, const char *const *names, size_t stride,
		     const char *s, size_t n)
{
	uint32_t h = hash(s, n);
	for (uint32_t j = h & t->mask; t->slot[j].index1; j = (j + 1) & t->mask) {
		uint32_t i = t->slot[j].index1 - 1;
		if (t->slot[j].hash != h || t->len[i] != n)
			continue;
		const char *m = *(const char *const *)((const char *)names + i * stride);
		if (memcmp(m, s, n) == 0)
			return i;
	}
	return UINT32_MAX;
}

uint32_t lp_names_member(const lp_names *nm, uint32_t en, const char *s, size_t n)
{
	const lp_enum_desc *e = &nm->s->enums[en];
	return e->nmembers ? find(&nm->enums[en], e->members, sizeof(const char *), s, n) : UINT32_MAX;
}

uint32_t lp_names_field(const lp_names *nm, const char *s, size_t n)
{
	/* the names are members of the field descriptors: every stride-th
	 * pointer from the first */
	if (!nm->s->nfields)
		return UINT32_MAX;
	return find(&nm->fields, &nm->s->fields[0].name, sizeof(lp_field_desc), s, n);
}
