/*
 * model.c — the names of the model's enumerations, the layout of a
 * decision buffer and the conversion between a request's one-word-per-slot
 * and packed forms (runtime/model.h).
 *
 * Every backend writes its decision into one caller-provided block carved
 * here, so the interpreter and the native modules agree on where each
 * bitset lives without allocating anything per request.
 */
#include <string.h>

#include <sodium.h>

#include "model.h"

const char *const lp_kind_names[PK__COUNT] = {
#define X(k, s) [k] = s,
	LP_KINDS(X)
#undef X
};

const char *const lp_outcome_names[PO__COUNT] = {
#define X(k, s) [k] = s,
	LP_OUTCOMES(X)
#undef X
};

const char *const lp_action_names[PA__COUNT] = {
#define X(k, s) [k] = s,
	LP_ACTIONS(X)
#undef X
};

const char *const lp_combine_names[PC__COUNT] = {
#define X(k, s) [k] = s,
	LP_COMBINES(X)
#undef X
};

const char *const lp_clause_kind_names[CK__COUNT] = {
#define X(k, s) [k] = s,
	LP_CLAUSE_KINDS(X)
#undef X
};

const char *const lp_bearer_names[PB__COUNT] = {
#define X(k, s) [k] = s,
	LP_BEARERS(X)
#undef X
};

/*
 * The block holds every 64-bit array first and the 32-bit exempted_by
 * array last, so each array is naturally aligned as long as the block is
 * 8-byte aligned, and the whole 64-bit part can be cleared with one memset.
 * This is the one place the order is decided: the interpreter carves its
 * buffer with it, and compiler/codegen.c stores a module's decision at
 * these offsets.
 */
void lp_block_offsets(const lp_schema *s, lp_block_layout *l)
{
	uint32_t cw = (uint32_t)LP_BITWORDS(s->nclauses);

	l->oblig_set = 0;
	l->oblig_val = l->oblig_set + (uint32_t)LP_BITWORDS(s->noblig);
	l->fast_end = l->oblig_val + s->noblig_slots;
	l->grounds = l->fast_end;
	l->discretionary = l->grounds + cw;
	l->fired = l->discretionary + cw;
	l->exempted = l->fired + (uint32_t)LP_BITWORDS(s->nrules);
	l->oblig_src = l->exempted + cw;
	l->exempted_by = l->oblig_src + s->noblig * cw;
}

uint64_t lp_layout_fingerprint(const lp_schema *s, const lp_place *places, uint32_t data_size)
{
	crypto_generichash_state st;
	lp_block_layout l;
	uint8_t h[8];
	uint64_t fp = 0;

	crypto_generichash_init(&st, NULL, 0, sizeof h);
	crypto_generichash_update(&st, (const uint8_t *)&data_size, sizeof data_size);
	/* the places field by field, not the structs' bytes (their padding) */
	for (uint32_t i = 0; i < s->nfields; i++) {
		uint8_t p[7] = { (uint8_t)places[i].at, (uint8_t)(places[i].at >> 8),
				 (uint8_t)(places[i].at >> 16), (uint8_t)(places[i].at >> 24),
				 places[i].width, places[i].bit, places[i].is_signed };

		crypto_generichash_update(&st, p, sizeof p);
	}
	lp_block_offsets(s, &l);
	crypto_generichash_update(&st, (const uint8_t *)&l, sizeof l);   /* u32s, no padding */
	crypto_generichash_final(&st, h, sizeof h);
	for (unsigned k = 0; k < sizeof h; k++)
		fp |= (uint64_t)h[k] << (8 * k);
	return fp ? fp : 1;
}

size_t lp_decision_size(const lp_schema *s)
{
	lp_block_layout l;

	lp_block_offsets(s, &l);
	size_t bytes = (size_t)l.exempted_by * sizeof(uint64_t)
		       + (size_t)s->nclauses * sizeof(uint32_t);

	/* Round up so that blocks placed back to back stay 8-byte aligned. */
	return (bytes + 7) & ~(size_t)7;
}

void lp_decision_layout(const lp_schema *s, lp_decision_buf *d,
			   void *mem)
{
	uint64_t *w = mem;
	lp_block_layout l;

	lp_block_offsets(s, &l);
	d->outcome = 0;
	d->ground = 0;
	d->grounds = w + l.grounds;
	d->discretionary = w + l.discretionary;
	d->fired = w + l.fired;
	d->exempted = w + l.exempted;
	d->oblig_set = w + l.oblig_set;
	d->oblig_val = w + l.oblig_val;
	d->oblig_src = w + l.oblig_src;
	d->exempted_by = (uint32_t *)(void *)(w + l.exempted_by);
}

void lp_decision_clear(const lp_schema *s, lp_decision_buf *d)
{
	lp_block_layout l;

	d->outcome = 0;
	d->ground = 0;

	lp_block_offsets(s, &l);
	memset(d->grounds - l.grounds, 0, (size_t)l.exempted_by * sizeof(uint64_t));
	/* UINT32_MAX, not 0: clause 0 is a real clause that could exempt. */
	for (uint32_t i = 0; i < s->nclauses; i++)
		d->exempted_by[i] = UINT32_MAX;
}

void lp_pack(const lp_schema *s, const lp_place *places, const uint64_t *slots, uint8_t *data)
{
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		if (f->kind == PK_SET)
			memcpy(data + places[i].at, slots + f->slot, f->nslots * sizeof *slots);
		else
			lp_place_put(&places[i], data, slots[f->slot]);
	}
}

void lp_unpack(const lp_schema *s, const lp_place *places, const uint8_t *data, uint64_t *slots)
{
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];

		if (f->kind == PK_SET)
			memcpy(slots + f->slot, data + places[i].at, f->nslots * sizeof *slots);
		else
			slots[f->slot] = lp_place_get(&places[i], data);
	}
}

int lp_field_named(const lp_schema *s, const char *name)
{
	for (uint32_t i = 0; i < s->nfields; i++)
		if (strcmp(s->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}
