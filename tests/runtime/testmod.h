/*
 * testmod.h — for the hand-written rule modules in tests/runtime/, which
 * stand in for `pacta build` output while testing libpacta
 * (tests/unit/check_runtime.c).
 *
 * A module is linked with -nostdlib, so nothing here may call a function:
 * the decision block is carved by hand below, mirroring
 * lp_decision_layout() (runtime/model.c) for schemas of at most 64
 * clauses, rules and obligations (one bitset word each), and written in
 * full before the decision is, as module_abi.h asks of decide().  The unit
 * tests compare the decisions' JSON with what the runtime's encoder
 * writes, so a drift between the two layouts shows there.
 */
#ifndef PACTA_TESTMOD_H
#define PACTA_TESTMOD_H

#include <stdint.h>

#include "module_abi.h"

#define TM_EXPORT __attribute__((visibility("default")))
#define TM_COUNT(a) (uint32_t)(sizeof(a) / sizeof((a)[0]))

struct tm_block {
	uint64_t *grounds, *discretionary, *fired, *exempted, *oblig_set, *oblig_val;
	uint64_t *oblig_src;            /* one word per obligation */
	uint32_t *exempted_by;
};

/* Carves the block and clears it, as lp_decision_clear() would. */
static inline struct tm_block tm_layout(uint64_t *w, uint32_t nclauses,
					uint32_t noblig,
					uint32_t noblig_slots)
{
	struct tm_block b;
	uint32_t words = 5 + noblig_slots + noblig;

	for (uint32_t i = 0; i < words; i++)
		w[i] = 0;
	b.grounds = w;
	b.discretionary = w + 1;
	b.fired = w + 2;
	b.exempted = w + 3;
	b.oblig_set = w + 4;
	b.oblig_val = w + 5;
	b.oblig_src = w + 5 + noblig_slots;
	b.exempted_by = (uint32_t *)(void *)(w + words);
	/* no clause exempted it */
	for (uint32_t i = 0; i < nclauses; i++)
		b.exempted_by[i] = UINT32_MAX;
	return b;
}

static inline void tm_set(uint64_t *w, unsigned i)
{
	*w |= (uint64_t)1 << i;
}

static inline int tm_has(uint64_t w, unsigned i)
{
	return (int)((w >> i) & 1);
}

#define TM_RESULT(outcome, ground) \
	((uint32_t)(outcome) | (uint32_t)(ground) << 8)

#endif
