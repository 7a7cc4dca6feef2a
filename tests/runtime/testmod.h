/*
 * testmod.h — for the hand-written rule modules in tests/runtime/, which
 * stand in for `pacta build` output while testing libpacta
 * (tests/unit/check_runtime.c).
 *
 * A module is linked with -nostdlib, so nothing here may call a function:
 * the decision block is carved by hand below, mirroring
 * lp_decision_layout() (runtime/model.c) for schemas of at most 64
 * clauses, rules and obligations (one bitset word each), and written in
 * full before the decision is, as module_abi.h asks of decide().  The
 * request is read through tm_get, in the packed layout of model.h.  The unit
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

/* Carves the block and clears it, as lp_decision_clear() would (the
 * obligations first, model.h's lp_block_layout). */
static inline struct tm_block tm_layout(uint64_t *w, uint32_t nclauses,
					uint32_t noblig,
					uint32_t noblig_slots)
{
	struct tm_block b;
	uint32_t setw = noblig ? 1 : 0;   /* LP_BITWORDS(noblig) */
	uint32_t words = 4 + setw + noblig_slots + noblig;

	for (uint32_t i = 0; i < words; i++)
		w[i] = 0;
	b.oblig_set = w;
	b.oblig_val = w + setw;
	b.grounds = w + setw + noblig_slots;
	b.discretionary = b.grounds + 1;
	b.fired = b.grounds + 2;
	b.exempted = b.grounds + 3;
	b.oblig_src = b.grounds + 4;
	b.exempted_by = (uint32_t *)(void *)(w + words);
	/* no clause exempted it */
	for (uint32_t i = 0; i < nclauses; i++)
		b.exempted_by[i] = UINT32_MAX;
	return b;
}

/*
 * The fast entry module_abi.h asks for (lp_fast_fn) — it writes the
 * outcome and the ground into its head word and only the block's first
 * FAST words, the obligations, after it, and returns 0 — made of a FULL
 * one that writes the whole block (at most WORDS words): FULL decides into
 * a block of its own and the obligations are copied out.  libpacta gives
 * the fast entry room for those words alone.
 */
#define TM_FAST(NAME, FULL, WORDS, FAST)                                     \
	static int32_t NAME(const uint64_t *req, uint64_t *head)             \
	{                                                                    \
		uint64_t whole[WORDS];                                       \
		uint32_t r = FULL(req, whole);                               \
		uint8_t *h = (uint8_t *)head;                                \
		h[0] = (uint8_t)(r & 0xff);                                  \
		h[1] = (uint8_t)(r >> 8 & 0xff);                             \
		for (unsigned i = 0; i < (FAST); i++)                        \
			head[1 + i] = whole[i];                              \
		return 0;                                                    \
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

/* Field i of the packed request (model.h) as one word: a scalar, or a
 * set's first word.  The places are worked out on each call, with the
 * runtime's own function: nothing may be kept between calls (threads). */
static inline uint64_t tm_get(const lp_enum_desc *enums, const lp_field_desc *fields,
			      uint32_t nfields, const uint64_t *req, uint32_t i)
{
	lp_schema s = { .enums = enums, .fields = fields, .nfields = nfields };
	lp_place p[64];
	const uint8_t *data = (const uint8_t *)(const void *)req;

	lp_request_places(&s, p);
	if (fields[i].kind == PK_SET)
		return *(const uint64_t *)(const void *)(data + p[i].at);
	return lp_place_get(&p[i], data);
}

#endif
