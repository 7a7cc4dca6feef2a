/*
 * names.c — what the JSON codec precomputes for one schema (names.h): the
 * name-to-index tables, so that decoding a request finds a field or an
 * enum member (a country among 291) by hashing, not by comparing it with
 * every name; the fast decoder's per-field records and the request with
 * every default in place, packed as libpacta's requests are; and the
 * quoted labels, obligation names and members the decision encoder copies
 * instead of escaping them on every line.  Built once per schema (libpacta
 * does it when it opens a module, after validate.c has checked that every
 * enum a field names exists); read-only after, so many threads may share
 * one.
 */
#include <stdlib.h>
#include <string.h>

#include "names.h"

/* ---- name tables ---- */

/* Entry e into t, which has room for it. */
static void put(lp_name_table *t, lp_name_entry e)
{
	uint32_t j = lp_name_slot(t, e.head, e.tail, e.len);

	while (t->slot[j].index != UINT32_MAX)
		j = (j + 1) & t->mask;
	t->slot[j] = e;
}

static int fill(lp_name_table *t, const char *const *names, size_t stride,
		uint32_t n)
{
	uint32_t cap = 8, bits = 3;

	while (cap < 2 * (uint64_t)n) {
		cap *= 2;
		bits++;
	}
	t->slot = malloc(cap * sizeof *t->slot);
	if (!t->slot)
		return -1;
	t->mask = cap - 1;
	t->shift = 64 - bits;
	for (uint32_t j = 0; j < cap; j++)
		t->slot[j] = (lp_name_entry){ .index = UINT32_MAX };
	for (uint32_t i = 0; i < n; i++) {
		const char *name = *(const char *const *)((const char *)names + i * stride);
		size_t len = strlen(name);
		lp_name_entry e = { .len = (uint32_t)len, .index = i, .name = name };

		lp_name_key(name, len, name + len, &e.head, &e.tail);
		put(t, e);
	}
	return 0;
}

/* ---- the fast decoder's records ---- */

/* Whether a name can only ever match a JSON string written without
 * escapes, as the fast decoder compares them: printable ASCII, no '"' or
 * '\\'.  The compiler's names always are; a module's descriptor might not
 * hold such names. */
static int plain(const char *name)
{
	for (const unsigned char *c = (const unsigned char *)name; *c; c++)
		if (*c < 0x20 || *c > 0x7e || *c == '"' || *c == '\\')
			return 0;
	return 1;
}

/*
 * The fast decoder writes every default first and the fields of the line
 * over them, where the general one writes each field once; the two agree
 * only when the fields' words tile the request exactly, which the compiler
 * always does but a module's descriptor need not.  Returns whether they
 * do, whether every field is of a kind the fast decoder knows, and
 * whether every name is plain.
 */
static int fast_ok(const lp_schema *s)
{
	uint32_t *owner;
	int ok = s->nfields <= LP_FAST_MAX_FIELDS;

	owner = calloc(s->nslots ? s->nslots : 1, sizeof *owner);
	if (!owner)
		return 0;
	for (uint32_t i = 0; ok && i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		if (f->kind > PK_SET || f->slot > s->nslots || f->nslots > s->nslots - f->slot
		    || (f->kind >= PK_ENUM && f->enum_index >= s->nenums)
		    || (f->kind == PK_SET ? f->nslots < LP_BITWORDS(s->enums[f->enum_index].nmembers)
					  : f->nslots != 1)) {
			ok = 0;
			break;
		}
		for (uint32_t w = f->slot; w < f->slot + f->nslots; w++)
			ok &= owner[w]++ == 0;
		ok &= plain(f->name);
	}
	for (uint32_t e = 0; ok && e < s->nenums; e++)
		for (uint32_t i = 0; ok && i < s->enums[e].nmembers; i++)
			ok = plain(s->enums[e].members[i]);
	for (uint32_t w = 0; ok && w < s->nslots; w++)
		ok = owner[w] == 1;
	free(owner);
	return ok;
}

static int fast_prepare(lp_names *nm)
{
	const lp_schema *s = nm->s;
	uint64_t *words;

	nm->places = calloc(s->nfields + 1, sizeof *nm->places);
	if (!nm->places)
		return -1;
	nm->data_size = lp_request_places(s, nm->places);
	nm->ff = calloc(s->nfields ? s->nfields : 1, sizeof *nm->ff);
	nm->defaults = calloc(nm->data_size / 8, sizeof *nm->defaults);
	nm->required = calloc(LP_BITWORDS(s->nfields) + 1, sizeof *nm->required);
	if (!nm->ff || !nm->defaults || !nm->required)
		return -1;
	nm->fast = fast_ok(s);
	if (!nm->fast)
		return 0;
	/* the defaults in the one-word form first, then packed, as
	 * libpacta's module.c makes a new request's */
	words = calloc(s->nslots + 1, sizeof *words);
	if (!words)
		return -1;
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		lp_fast_field *ff = &nm->ff[i];
		size_t len = strlen(f->name);

		*ff = (lp_fast_field){ .key = { .len = (uint32_t)len, .index = i, .name = f->name },
				       .kind = f->kind, .place = nm->places[i], .nslots = f->nslots,
				       .members = f->kind >= PK_ENUM ? &nm->enums[f->enum_index] : NULL };
		lp_name_key(f->name, len, f->name + len, &ff->key.head, &ff->key.tail);
		if (f->has_default)
			memcpy(words + f->slot, f->defval, f->nslots * sizeof(uint64_t));
		else
			lp_bit_set(nm->required, i);
	}
	lp_pack(s, nm->places, words, (uint8_t *)nm->defaults);
	free(words);
	return 0;
}

/* ---- the encoder's quoted strings ---- */

/* Appends `s` quoted, then `suffix`, to `sb`; its length goes in q->len.
 * The text pointers are set once the buffer stops moving (place). */
static void quote(lp_strbuf *sb, lp_quoted *q, const char *s, const char *suffix)
{
	size_t at = sb->len;

	lp_sb_json_string(sb, s, strlen(s));
	lp_sb_puts(sb, suffix);
	q->len = (uint32_t)(sb->len - at);
}

/* The strings were appended in this order, one after the other. */
static void place(lp_quoted *q, uint32_t n, const char **at)
{
	for (uint32_t i = 0; i < n; i++) {
		q[i].text = *at;
		*at += q[i].len;
	}
}

static int quote_all(lp_names *nm)
{
	const lp_schema *s = nm->s;
	lp_strbuf sb = { 0 };
	const char *at;

	nm->labels = calloc(s->nclauses + 1, sizeof *nm->labels);
	nm->obligs = calloc(s->noblig + 1, sizeof *nm->obligs);
	nm->members = calloc(s->nenums + 1, sizeof *nm->members);
	if (!nm->labels || !nm->obligs || !nm->members)
		return -1;
	for (uint32_t e = 0; e < s->nenums; e++) {
		nm->members[e] = calloc(s->enums[e].nmembers + 1, sizeof **nm->members);
		if (!nm->members[e])
			return -1;
	}
	for (uint32_t c = 0; c < s->nclauses; c++)
		quote(&sb, &nm->labels[c], s->clauses[c].label, "");
	for (uint32_t j = 0; j < s->noblig; j++)
		quote(&sb, &nm->obligs[j], s->obligs[j].name, ": ");
	for (uint32_t e = 0; e < s->nenums; e++)
		for (uint32_t i = 0; i < s->enums[e].nmembers; i++)
			quote(&sb, &nm->members[e][i], s->enums[e].members[i], "");
	if (sb.failed) {
		lp_sb_free(&sb);
		return -1;
	}
	nm->text = sb.data;     /* NULL when there is nothing to quote */
	at = nm->text;
	place(nm->labels, s->nclauses, &at);
	place(nm->obligs, s->noblig, &at);
	for (uint32_t e = 0; e < s->nenums; e++)
		place(nm->members[e], s->enums[e].nmembers, &at);
	return 0;
}

/* ---- the whole ---- */

lp_names *lp_names_new(const lp_schema *s)
{
	lp_names *nm = calloc(1, sizeof *nm);

	if (!nm)
		return NULL;
	nm->s = s;
	nm->enums = calloc(s->nenums ? s->nenums : 1, sizeof *nm->enums);
	/* the field names are members of the descriptors: every stride-th
	 * pointer from the first */
	if (!nm->enums || fill(&nm->fields, s->nfields ? &s->fields[0].name : NULL,
			       sizeof(lp_field_desc), s->nfields) != 0) {
		lp_names_free(nm);
		return NULL;
	}
	for (uint32_t i = 0; i < s->nenums; i++) {
		if (fill(&nm->enums[i], s->enums[i].members, sizeof(const char *),
			 s->enums[i].nmembers) != 0) {
			lp_names_free(nm);
			return NULL;
		}
	}
	if (fast_prepare(nm) != 0 || quote_all(nm) != 0) {
		lp_names_free(nm);
		return NULL;
	}
	return nm;
}

void lp_names_free(lp_names *nm)
{
	if (!nm)
		return;
	free(nm->fields.slot);
	for (uint32_t i = 0; nm->enums && i < nm->s->nenums; i++)
		free(nm->enums[i].slot);
	free(nm->enums);
	free(nm->places);
	free(nm->ff);
	free(nm->defaults);
	free(nm->required);
	free(nm->labels);
	free(nm->obligs);
	for (uint32_t e = 0; nm->members && e < nm->s->nenums; e++)
		free(nm->members[e]);
	free(nm->members);
	free(nm->text);
	free(nm);
}

/* `name` read as entry `index` of table t too. */
static int alias(lp_name_table *t, uint32_t index, const char *name)
{
	size_t len = strlen(name);
	uint32_t used = 0, cap = t->mask + 1;
	lp_name_entry e = { .len = (uint32_t)len, .index = index, .name = name };

	if (lp_name_find(t, name, len, name + len) != UINT32_MAX)
		return -1;
	for (uint32_t j = 0; j < cap; j++)
		used += t->slot[j].index != UINT32_MAX;
	if (2 * ((uint64_t)used + 1) > cap) {
		/* kept at most half full, as fill() makes it */
		lp_name_table g = { .mask = 2 * cap - 1, .shift = t->shift - 1 };

		g.slot = malloc(2 * (size_t)cap * sizeof *g.slot);
		if (!g.slot)
			return -1;
		for (uint32_t j = 0; j < 2 * cap; j++)
			g.slot[j] = (lp_name_entry){ .index = UINT32_MAX };
		for (uint32_t j = 0; j < cap; j++)
			if (t->slot[j].index != UINT32_MAX)
				put(&g, t->slot[j]);
		free(t->slot);
		*t = g;
	}
	lp_name_key(name, len, name + len, &e.head, &e.tail);
	put(t, e);
	return 0;
}

int lp_names_alias(lp_names *nm, uint32_t field, const char *name)
{
	return field < nm->s->nfields ? alias(&nm->fields, field, name) : -1;
}

int lp_names_alias_member(lp_names *nm, uint32_t en, uint32_t member, const char *name)
{
	return en < nm->s->nenums && member < nm->s->enums[en].nmembers ? alias(&nm->enums[en], member, name) : -1;
}

uint32_t lp_names_member(const lp_names *nm, uint32_t en, const char *s, size_t n)
{
	return lp_name_find(&nm->enums[en], s, n, s + n);
}

uint32_t lp_names_field(const lp_names *nm, const char *s, size_t n)
{
	return lp_name_find(&nm->fields, s, n, s + n);
}
