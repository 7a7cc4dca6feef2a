/*
 * model.c — the names of the model's enumerations and the layout of a
 * decision buffer (runtime/model.h).
 *
 * Every backend writes its decision into one caller-provided block carved
 * here, so the interpreter and the native modules agree on where each
 * bitset lives without allocating anything per request.
 */
#include <string.h>

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

/*
 * The block holds every 64-bit array first and the 32-bit exempted_by
 * array last, so each array is naturally aligned as long as the block is
 * 8-byte aligned, and the whole 64-bit part can be cleared with one memset.
 */
static size_t decision_words(const lp_schema *s)
{
	size_t cw = LP_BITWORDS(s->nclauses);

	return cw                               /* grounds */
	       + LP_BITWORDS(s->nrules)      /* fired */
	       + cw                             /* exempted */
	       + LP_BITWORDS(s->noblig)      /* oblig_set */
	       + s->noblig_slots                /* oblig_val */
	       + (size_t)s->noblig * cw;        /* oblig_src */
}

size_t lp_decision_size(const lp_schema *s)
{
	size_t bytes = decision_words(s) * sizeof(uint64_t)
		       + (size_t)s->nclauses * sizeof(uint32_t);

	/* Round up so that blocks placed back to back stay 8-byte aligned. */
	return (bytes + 7) & ~(size_t)7;
}

void lp_decision_layout(const lp_schema *s, lp_decision_buf *d,
			   void *mem)
{
	uint64_t *w = mem;
	size_t cw = LP_BITWORDS(s->nclauses);

	d->outcome = 0;
	d->ground = 0;
	d->grounds = w;
	w += cw;
	d->fired = w;
	w += LP_BITWORDS(s->nrules);
	d->exempted = w;
	w += cw;
	d->oblig_set = w;
	w += LP_BITWORDS(s->noblig);
	d->oblig_val = w;
	w += s->noblig_slots;
	d->oblig_src = w;
	w += (size_t)s->noblig * cw;
	d->exempted_by = (uint32_t *)(void *)w;
}

void lp_decision_clear(const lp_schema *s, lp_decision_buf *d)
{
	d->outcome = 0;
	d->ground = 0;
	memset(d->grounds, 0, decision_words(s) * sizeof(uint64_t));
	/* UINT32_MAX, not 0: clause 0 is a real clause that could exempt. */
	for (uint32_t i = 0; i < s->nclauses; i++)
		d->exempted_by[i] = UINT32_MAX;
}
