/*
 * names.c — name-to-index tables for one schema, so that decoding a
 * request looks up an enum member (a country among 291) by hashing, not by
 * comparing it with every name.  Built once per schema; read-only after,
 * so many threads may share one.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

typedef struct table {
	uint32_t *slot;       /* index + 1; 0 is empty */
	uint32_t mask;
} table;

struct pacta_names {
	const pacta_schema *s;
	table fields;
	table *enums;         /* one per enum */
};

static uint32_t hash(const char *s, size_t n)
{
	/* FNV-1a: short keys, no adversary can make the schema's names */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

static int fill(table *t, const char *const *names, uint32_t n)
{
	uint32_t cap = 8;
	while (cap < 2 * n)
		cap *= 2;
	t->slot = calloc(cap, sizeof *t->slot);
	if (!t->slot)
		return -1;
	t->mask = cap - 1;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t j = hash(names[i], strlen(names[i])) & t->mask;
		while (t->slot[j])
			j = (j + 1) & t->mask;
		t->slot[j] = i + 1;
	}
	return 0;
}

pacta_names *pacta_names_new(const pacta_schema *s)
{
	pacta_names *nm = calloc(1, sizeof *nm);
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
		pacta_names_free(nm);
		return NULL;
	}
	for (uint32_t i = 0; i < s->nfields; i++)
		fnames[i] = s->fields[i].name;
	int bad = fill(&nm->fields, fnames, s->nfields);
	free(fnames);
	if (bad) {
		pacta_names_free(nm);
		return NULL;
	}
	for (uint32_t i = 0; i < s->nenums; i++) {
		if (fill(&nm->enums[i], s->enums[i].members, s->enums[i].nmembers) != 0) {
			pacta_names_free(nm);
			return NULL;
		}
	}
	return nm;
}

void pacta_names_free(pacta_names *nm)
{
	if (!nm)
		return;
	free(nm->fields.slot);
	for (uint32_t i = 0; nm->enums && i < nm->s->nenums; i++)
		free(nm->enums[i].slot);
	free(nm->enums);
	free(nm);
}

uint32_t pacta_names_member(const pacta_names *nm, uint32_t en, const char *s, size_t n)
{
	const table *t = &nm->enums[en];
	const pacta_enum_desc *e = &nm->s->enums[en];
	for (uint32_t j = hash(s, n) & t->mask; t->slot[j]; j = (j + 1) & t->mask) {
		const char *m = e->members[t->slot[j] - 1];
		/* the name may hold NUL bytes (a JSON "\u0000"): compare lengths */
		if (strlen(m) == n && memcmp(m, s, n) == 0)
			return t->slot[j] - 1;
	}
	return UINT32_MAX;
}

uint32_t pacta_names_field(const pacta_names *nm, const char *s, size_t n)
{
	const table *t = &nm->fields;
	for (uint32_t j = hash(s, n) & t->mask; t->slot[j]; j = (j + 1) & t->mask) {
		const char *m = nm->s->fields[t->slot[j] - 1].name;
		if (strlen(m) == n && memcmp(m, s, n) == 0)
			return t->slot[j] - 1;
	}
	return UINT32_MAX;
}
