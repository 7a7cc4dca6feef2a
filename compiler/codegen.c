/*
 * codegen.c — the checked program as an LLVM module (LLVM-C API).
 *
 * Two functions decide a request over the flat request (one i64 per
 * scalar slot, a run of i64 words per set), conditions as pure SSA values
 * — bools as i1, scalars as i64, sets as one i64 per word:
 *
 * - `decide` (cg_fast), what pacta_decide calls: the outcome, what decided
 *   it and the obligations that go with it, stopping at the first rule
 *   that settles the outcome — refusing rules, then referring, then
 *   granting, the indexed ones under a switch on their key field, the
 *   others cheapest first, a clause's exemptions worked out only when one
 *   of its rules is tested;
 * - `trace` (cg_trace), the whole decision: a branch for step 0; the
 *   rules keyed on an enum field under a switch on it (rule indexing);
 *   then every other rule, clause by clause in exemption order, each
 *   rule's fired bit set with a branch; then one branch to a refusal or on
 *   to the outcome, grounds and obligations with their sources, every part
 *   taken from the fired words a word at a time.  It writes every word of
 *   the decision block (runtime/model.c's layout).
 *
 * Both return outcome | ground << 8.  No loops; they call nothing and
 * allocate nothing; the only "calls" are LLVM's saturating-arithmetic
 * intrinsics, which are instructions.  The module also carries the
 * descriptor of runtime/module_abi.h, laid out with LLVM types that match
 * the C structs (checked against offsetof when the module is built).
 *
 * The semantics are compiler/eval.c's, step for step; the differential
 * tests hold the two together.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include "pactac.h"
#include "codegen.h"
#include "../runtime/module_abi.h"

typedef struct cg {
	const lw_program *lw;
	arena *ar;
	LLVMContextRef ctx;
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	LLVMTargetDataRef td;
	LLVMTypeRef i1, i8, i16, i32, i64, p8, p64, p32;
	LLVMValueRef req, req8;       /* the packed request, as i64* and i8* */
	lp_place *places;             /* where each field is in it */
	uint32_t data_size;           /* its bytes */
	LLVMValueRef *loaded;         /* per request slot: its word, once
	                                 loaded (memo, below) */
	int branchless;               /* flags put without branches: the
	                                 code is left unoptimised (cg_module) */
	uint32_t known_field;         /* a key field whose value is known */
	uint64_t known_value;         /* here (under its case), or LW_NONE */
	LLVMValueRef submitted;       /* the submission date, or 0 */
	LLVMValueRef **defs;          /* per define: its words, once computed */
	LLVMValueRef *active;         /* per clause: whether active, once
	                                 computed (the fast entry) */
	uint32_t *exempters0, *exempters;   /* per clause: the exempts rules
	                                       naming it, exempters0[c] to
	                                       exempters0[c + 1] */
	uint32_t ndefs;
	struct undo { uint8_t what; uint32_t i; } *undo;   /* memo entries made
	                                 in a condition's branches (cg_branch) */
	size_t nundo, capundo;
	int branched;                 /* a rule's test has branched: what it
	                                 computes now is logged */
	LLVMTypeRef sat_ty;
	LLVMValueRef sadd, ssub;
	uint32_t nconst;              /* private constants made so far */
	const char *bad_layout;       /* a descriptor struct LLVM lays out
	                                 unlike C on this target, or NULL */
} cg;

/* A string literal and its length, for the LLVM-C calls that take both. */
#define LIT(s) s, (sizeof s - 1)

static LLVMValueRef K64(cg *g, int64_t v)
{
	return LLVMConstInt(g->i64, (unsigned long long)v, 1);
}

static LLVMValueRef K32(cg *g, uint32_t v)
{
	return LLVMConstInt(g->i32, v, 0);
}

static LLVMValueRef K1(cg *g, int v)
{
	return LLVMConstInt(g->i1, v ? 1 : 0, 0);
}

static int is_const(LLVMValueRef v, uint64_t k)
{
	return LLVMIsAConstantInt(v) && LLVMConstIntGetZExtValue(v) == k;
}

/* or and select that fold what the builder leaves (a constant with a
 * variable), so that the unoptimised IR stays readable */
static LLVMValueRef build_or(cg *g, LLVMValueRef a, LLVMValueRef b)
{
	return is_const(a, 0) ? b : is_const(b, 0) ? a : LLVMBuildOr(g->b, a, b, "");
}

static LLVMValueRef build_select(cg *g, LLVMValueRef c, LLVMValueRef a, LLVMValueRef b)
{
	return LLVMIsAConstantInt(c) ? (LLVMConstIntGetZExtValue(c) ? a : b) : LLVMBuildSelect(g->b, c, a, b, "");
}

static int is_bool(type t)
{
	return t.kind == PK_BOOL;
}

/* ---- memory ---- */

static LLVMValueRef word_ptr(cg *g, LLVMValueRef base, uint32_t index)
{
	LLVMValueRef idx = K64(g, index);
	return LLVMBuildInBoundsGEP2(g->b, g->i64, base, &idx, 1, "");
}

/* What a block may reuse of what the blocks before it computed: the
 * request's words loaded, the defines, and which clauses are active.  A
 * value computed inside a branch does not dominate the code after the
 * merge, so the memo is saved before a branch and put back after it. */
typedef struct memo {
	LLVMValueRef *loaded;
	LLVMValueRef **defs;
	LLVMValueRef *active;
} memo;

static memo memo_save(cg *g)
{
	size_t nd = g->lw->ndefines, nc = g->lw->schema.nclauses, ns = g->lw->schema.nslots;
	memo m = { arena_alloc(g->ar, (ns + 1) * sizeof *m.loaded), arena_alloc(g->ar, (nd + 1) * sizeof *m.defs),
	           g->active ? arena_alloc(g->ar, (nc + 1) * sizeof *m.active) : NULL };
	memcpy(m.loaded, g->loaded, ns * sizeof *m.loaded);
	memcpy(m.defs, g->defs, nd * sizeof *m.defs);
	if (g->active)
		memcpy(m.active, g->active, nc * sizeof *m.active);
	return m;
}

static void memo_restore(cg *g, const memo *m)
{
	memcpy(g->loaded, m->loaded, g->lw->schema.nslots * sizeof *m->loaded);
	memcpy(g->defs, m->defs, g->lw->ndefines * sizeof *m->defs);
	if (g->active)
		memcpy(g->active, m->active, g->lw->schema.nclauses * sizeof *m->active);
}

/* What a rule's test (cg_branch) computes after its first branch is kept
 * as a log of what the memo gained, forgotten when the blocks it was made
 * in are left (copying the whole memo per condition would cost a large
 * agreement's build dearly); what it computes before, in the block where
 * it starts, dominates what follows and stays. */
enum { MEMO_LOADED, MEMO_DEF, MEMO_ACTIVE };

static void memo_note(cg *g, uint8_t what, uint32_t i)
{
	if (!g->branched)
		return;
	if (g->nundo == g->capundo) {
		g->capundo = g->capundo ? 2 * g->capundo : 64;
		g->undo = xrealloc(g->undo, g->capundo * sizeof *g->undo);
	}
	g->undo[g->nundo].what = what;
	g->undo[g->nundo++].i = i;
}

static size_t memo_mark(cg *g)
{
	return g->nundo;
}

static void memo_rewind(cg *g, size_t mark)
{
	while (g->nundo > mark) {
		const struct undo *u = &g->undo[--g->nundo];
		if (u->what == MEMO_LOADED)
			g->loaded[u->i] = NULL;
		else if (u->what == MEMO_DEF)
			g->defs[u->i] = NULL;
		else
			g->active[u->i] = NULL;
	}
}


/* Word `j` of field `f`'s value in the packed request (model.h,
 * lp_request_places), as an i64: a scalar zero- or sign-extended (j = 0),
 * or a set's word. */
static LLVMValueRef load_field(cg *g, uint32_t f, uint32_t j)
{
	const lp_place *p = &g->places[f];
	uint32_t slot = g->lw->schema.fields[f].slot + j;
	if (f == g->known_field)   /* under its case: a constant */
		return K64(g, g->known_value);
	if (g->loaded[slot])
		return g->loaded[slot];
	/* A bool is read from the whole aligned word it lies in (the packed
	 * fields are whole words, model.h), so that the bools of one word
	 * are one load and LLVM can test several with one mask; the packed
	 * request is little-endian, as are the machines a module is built
	 * for. */
	LLVMTypeRef t = p->width == 0 || p->width == 8 ? g->i64 : p->width == 1 ? g->i8
	              : p->width == 2 ? g->i16 : g->i32;
	int64_t byte = p->width == 0 ? (int64_t)(p->at & ~7u) : (int64_t)p->at + 8 * (int64_t)j;
	LLVMValueRef idx = K64(g, byte);
	LLVMValueRef at = LLVMBuildInBoundsGEP2(g->b, g->i8, g->req8, &idx, 1, "");
	LLVMValueRef v = LLVMBuildLoad2(g->b, t, LLVMBuildBitCast(g->b, at, LLVMPointerType(t, 0), ""), "");
	LLVMSetAlignment(v, p->width ? p->width : 8);
	if (p->width == 0) {
		unsigned bit = (p->at & 7u) * 8 + p->bit;
		if (bit)
			v = LLVMBuildLShr(g->b, v, K64(g, bit), "");
		v = LLVMBuildAnd(g->b, v, K64(g, 1), "");
	}
	if (p->width != 8 && p->width != 0)
		v = p->is_signed ? LLVMBuildSExt(g->b, v, g->i64, "") : LLVMBuildZExt(g->b, v, g->i64, "");
	memo_note(g, MEMO_LOADED, slot);
	return g->loaded[slot] = v;
}

/* A private constant array of i64 words; returns a pointer to word 0. */
static LLVMValueRef const_words(cg *g, LLVMValueRef *w, size_t n)
{
	LLVMTypeRef at = LLVMArrayType(g->i64, (unsigned)n);
	char name[32];
	snprintf(name, sizeof name, "pacta.k%u", g->nconst++);
	LLVMValueRef gv = LLVMAddGlobal(g->mod, at, name);
	LLVMSetInitializer(gv, LLVMConstArray(g->i64, w, (unsigned)n));
	LLVMSetGlobalConstant(gv, 1);
	LLVMSetLinkage(gv, LLVMPrivateLinkage);
	LLVMSetUnnamedAddress(gv, LLVMGlobalUnnamedAddr);
	LLVMValueRef zero[2] = { K64(g, 0), K64(g, 0) };
	return LLVMConstInBoundsGEP2(at, gv, zero, 2);
}

/* An index into n entries, clamped so that a damaged request can never
 * read outside a table (the decoder and the builder reject such values
 * before they get here). */
static LLVMValueRef clamp(cg *g, LLVMValueRef idx, uint64_t n)
{
	LLVMValueRef max = K64(g, (int64_t)(n ? n - 1 : 0));
	LLVMValueRef over = LLVMBuildICmp(g->b, LLVMIntUGT, idx, max, "");
	return LLVMBuildSelect(g->b, over, max, idx, "");
}

/* ---- expressions ---- */

static void cg_expr(cg *g, const expr *e, LLVMValueRef *out);

static LLVMValueRef cg_scalar(cg *g, const expr *e)
{
	LLVMValueRef v;
	cg_expr(g, e, &v);
	return v;
}

static uint32_t words_of(const expr *e)
{
	return type_words(e->ty);
}

static LLVMValueRef *tmp_words(cg *g, uint32_t n)
{
	return arena_alloc(g->ar, (n ? n : 1) * sizeof(LLVMValueRef));
}

static void cg_define(cg *g, uint32_t i, LLVMValueRef *out)
{
	const lw_define *d = &g->lw->defines[i];
	uint32_t n = type_words(d->ty);
	if (!g->defs[i]) {
		LLVMValueRef *w = tmp_words(g, n);
		cg_expr(g, d->value, w);
		memo_note(g, MEMO_DEF, i);
		g->defs[i] = w;
	}
	memcpy(out, g->defs[i], n * sizeof *out);
}

/* Constant sets of at most this many members are tested by comparison. */
#define SMALL_SET 2

/* bit `x` of the set `s` (n words), as i1 */
static LLVMValueRef set_member(cg *g, LLVMValueRef *s, uint32_t n, LLVMValueRef x)
{
	LLVMValueRef word;
	LLVMValueRef hi = LLVMBuildLShr(g->b, x, K64(g, 6), "");
	int all_const = 1;
	for (uint32_t i = 0; i < n; i++)
		all_const &= LLVMIsConstant(s[i]) != 0;
	if (all_const) {
		/* a small constant set: compare with its members, rather than
		 * shift and mask (or load a word of a table) */
		uint32_t pop = 0;
		for (uint32_t i = 0; i < n; i++)
			pop += (uint32_t)__builtin_popcountll(LLVMConstIntGetZExtValue(s[i]));
		if (pop <= SMALL_SET) {
			LLVMValueRef r = K1(g, 0);
			for (uint32_t i = 0; i < n; i++)
				for (uint64_t w = LLVMConstIntGetZExtValue(s[i]); w; w &= w - 1) {
					int64_t m = (int64_t)i * 64 + __builtin_ctzll(w);
					r = LLVMBuildOr(g->b, r, LLVMBuildICmp(g->b, LLVMIntEQ, x, K64(g, m), ""), "");
				}
			return r;
		}
		/* members within 64 of each other (a list of Parties in a
		 * long enum of countries): one shift of a constant word,
		 * no table */
		int64_t lo = -1, top = -1;
		for (uint32_t i = 0; i < n; i++)
			for (uint64_t w = LLVMConstIntGetZExtValue(s[i]); w; w &= w - 1) {
				int64_t m = (int64_t)i * 64 + __builtin_ctzll(w);
				lo = lo < 0 ? m : lo;
				top = m;
			}
		if (n > 1 && lo >= 0 && top - lo < 64) {
			uint64_t mask = 0;
			for (int64_t m = lo; m <= top; m++)
				if (LLVMConstIntGetZExtValue(s[m / 64]) >> (m % 64) & 1)
					mask |= (uint64_t)1 << (m - lo);
			LLVMValueRef d = LLVMBuildSub(g->b, x, K64(g, lo), "");
			if (!(mask & (mask + 1)))   /* a run of members: a range */
				return LLVMBuildICmp(g->b, LLVMIntULT, d, K64(g, top - lo + 1), "");
			LLVMValueRef in = LLVMBuildICmp(g->b, LLVMIntULT, d, K64(g, 64), "");
			LLVMValueRef bit = LLVMBuildAnd(g->b, LLVMBuildLShr(g->b, K64(g, (int64_t)mask),
			                                LLVMBuildAnd(g->b, d, K64(g, 63), ""), ""), K64(g, 1), "");
			return LLVMBuildAnd(g->b, in, LLVMBuildTrunc(g->b, bit, g->i1, ""), "");
		}
	}
	if (n == 1) {
		word = s[0];
	} else if (all_const) {
		LLVMValueRef base = const_words(g, s, n);
		LLVMValueRef idx = clamp(g, hi, n);
		word = LLVMBuildLoad2(g->b, g->i64,
		                      LLVMBuildInBoundsGEP2(g->b, g->i64, base, &idx, 1, ""), "");
	} else {
		word = s[0];
		for (uint32_t i = 1; i < n; i++) {
			LLVMValueRef is = LLVMBuildICmp(g->b, LLVMIntEQ, hi, K64(g, i), "");
			word = LLVMBuildSelect(g->b, is, s[i], word, "");
		}
	}
	LLVMValueRef sh = LLVMBuildAnd(g->b, x, K64(g, 63), "");
	LLVMValueRef bit = LLVMBuildAnd(g->b, LLVMBuildLShr(g->b, word, sh, ""), K64(g, 1), "");
	return LLVMBuildICmp(g->b, LLVMIntNE, bit, K64(g, 0), "");
}

/* Whether `e` is the requesting or requested party: after step 0 it is
 * one of the agreement's parties, all within 64 members of each other. */
static int party_key(cg *g, const expr *e)
{
	const lw_scope *sc = &g->lw->scope;
	if (!sc->has_header || !sc->parties || e->kind != E_NAME || e->ref != REF_FIELD)
		return 0;
	if (e->index != sc->f_requesting && e->index != sc->f_requested)
		return 0;
	int64_t lo = -1, hi = -1;
	for (uint32_t i = 0; i < sc->party_words; i++)
		for (uint64_t w = sc->parties[i]; w; w &= w - 1) {
			hi = (int64_t)i * 64 + __builtin_ctzll(w);
			lo = lo < 0 ? hi : lo;
		}
	return lo >= 0 && hi - lo < 64;
}

/* Whether two expressions say the same, as the checker left them: rows
 * of a table written alike are computed once (lookup_rows). */
static int expr_same(const expr *x, const expr *y, int depth)
{
	if (x == y)
		return 1;
	if (!x || !y || depth > 32 || x->kind != y->kind || x->ival != y->ival || x->unit != y->unit ||
	    x->ref != y->ref || x->ty.kind != y->ty.kind || x->ty.en != y->ty.en || x->nelem != y->nelem)
		return 0;
	if (x->kind == E_LOOKUP || (x->kind == E_NAME && x->ref != REF_MEMBER))
		if (x->index != y->index)
			return 0;
	if (x->kind == E_NAME && x->ref == REF_MEMBER && x->member != y->member)
		return 0;
	if (!expr_same(x->a, y->a, depth + 1) || !expr_same(x->b, y->b, depth + 1) ||
	    !expr_same(x->c, y->c, depth + 1))
		return 0;
	for (uint32_t i = 0; i < x->nelem; i++)
		if (!expr_same(x->elem[i], y->elem[i], depth + 1))
			return 0;
	return 1;
}

/* A table whose entries read the request, looked up: each distinct entry
 * computed once, chosen by the key's membership in the constant set of
 * keys whose entry it is; the entry of the most keys (usually `_`) is
 * the fallback.  A bool table whose other keys lie within 64 members of
 * each other (a list of Parties, a short enum) takes one word: each
 * entry's keys or-ed in when it holds, the key's bit of the word. */
static void lookup_rows(cg *g, const lw_table *t, LLVMValueRef key, uint32_t n, LLVMValueRef *out)
{
	uint32_t nkeys = t->nkeys, kw = (uint32_t)LP_BITWORDS(nkeys), nd = 0;
	if (LLVMIsAConstantInt(key)) {   /* under its case: that entry */
		uint64_t k = LLVMConstIntGetZExtValue(key);
		cg_expr(g, t->by_key[k < nkeys ? k : nkeys - 1], out);
		return;
	}
	const expr **row = arena_alloc(g->ar, (nkeys + 1) * sizeof *row);
	uint32_t *count = arena_alloc(g->ar, (nkeys + 1) * sizeof *count);
	uint64_t *keys = arena_alloc(g->ar, ((size_t)nkeys + 1) * kw * sizeof *keys);
	for (uint32_t k = 0; k < nkeys; k++) {
		uint32_t d = 0;
		while (d < nd && !expr_same(row[d], t->by_key[k], 0))
			d++;
		if (d == nd)
			row[nd++] = t->by_key[k];
		count[d]++;
		keys[(size_t)d * kw + k / 64] |= (uint64_t)1 << (k % 64);
	}
	uint32_t base = 0;
	for (uint32_t d = 1; d < nd; d++)
		if (count[d] > count[base])
			base = d;
	int64_t lo = -1, hi = -1;
	for (uint32_t k = 0; k < nkeys; k++)
		if (!(keys[(size_t)base * kw + k / 64] >> (k % 64) & 1)) {
			lo = lo < 0 ? k : lo;
			hi = k;
		}
	cg_expr(g, row[base], out);
	if (lo < 0)
		return;
	if (n == 1 && is_bool(t->ty) && hi - lo < 64) {
		LLVMValueRef w = K64(g, 0), *v = tmp_words(g, 1);
		for (uint32_t d = 0; d < nd; d++) {
			uint64_t m = 0;
			for (int64_t k = lo; k <= hi; k++)
				m |= (keys[(size_t)d * kw + k / 64] >> (k % 64) & 1) << (k - lo);
			if (!m)
				continue;
			if (d == base)
				v[0] = out[0];
			else
				cg_expr(g, row[d], v);
			w = build_or(g, w, build_select(g, v[0], K64(g, (int64_t)m), K64(g, 0)));
		}
		LLVMValueRef at = lo ? LLVMBuildSub(g->b, key, K64(g, lo), "") : key;
		LLVMValueRef in = LLVMBuildICmp(g->b, LLVMIntULT, at, K64(g, hi - lo + 1), "");
		LLVMValueRef bit = LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, w, LLVMBuildAnd(g->b, at, K64(g, 63), ""), ""),
		                                  g->i1, "");
		out[0] = build_select(g, in, bit, out[0]);
		return;
	}
	LLVMValueRef *v = tmp_words(g, n), *m = tmp_words(g, kw);
	for (uint32_t d = 0; d < nd; d++) {
		if (d == base)
			continue;
		for (uint32_t i = 0; i < kw; i++)
			m[i] = K64(g, (int64_t)keys[(size_t)d * kw + i]);
		LLVMValueRef is = set_member(g, m, kw, key);
		cg_expr(g, row[d], v);
		for (uint32_t j = 0; j < n; j++)
			out[j] = build_select(g, is, v[j], out[j]);
	}
}

static void cg_lookup(cg *g, const expr *e, LLVMValueRef *out)
{
	const lw_table *t = &g->lw->tables[e->index];
	uint32_t n = words_of(e);
	uint32_t nkeys = t->nkeys;
	LLVMValueRef key = cg_scalar(g, e->a);
	if (!t->uses_fields && party_key(g, e->a)) {
		/* keyed by a party, which step 0 has checked: a bool as a bit
		 * of one constant, the bits from the first party's on; other
		 * values as rows up to the last party's, no more.  Clamped: a
		 * key that is no party (the trace can ask) takes the last
		 * party's row, as any fallback does. */
		const lw_scope *sc = &g->lw->scope;
		uint32_t first = LW_NONE, hi = 0;
		for (uint32_t k = 0; k < nkeys; k++)
			if (sc->parties[k / 64] >> (k % 64) & 1) {
				first = first == LW_NONE ? k : first;
				hi = k;
			}
		int bit = is_bool(e->ty) && n == 1;
		uint32_t lo = bit ? first : 0, nrows = hi - lo + 1;
		LLVMValueRef idx = clamp(g, lo ? LLVMBuildSub(g->b, key, K64(g, lo), "") : key, nrows);
		LLVMValueRef *rows = tmp_words(g, nrows * n);
		for (uint32_t k = lo; k <= hi; k++) {
			uint32_t from = sc->parties[k / 64] >> (k % 64) & 1 ? k : hi;
			for (uint32_t j = 0; j < n; j++)
				rows[(k - lo) * n + j] = K64(g, (int64_t)t->rows[(size_t)from * n + j]);
		}
		if (bit) {
			uint64_t mask = 0;
			for (uint32_t k = 0; k < nrows; k++)
				mask |= (uint64_t)(LLVMConstIntGetZExtValue(rows[k]) != 0) << k;
			out[0] = LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, K64(g, (int64_t)mask), idx, ""), g->i1, "");
			return;
		}
		LLVMValueRef base = const_words(g, rows, (size_t)nrows * n);
		LLVMValueRef row = n == 1 ? idx : LLVMBuildMul(g->b, idx, K64(g, n), "");
		for (uint32_t j = 0; j < n; j++) {
			LLVMValueRef at = j ? LLVMBuildAdd(g->b, row, K64(g, j), "") : row;
			LLVMValueRef w = LLVMBuildLoad2(g->b, g->i64,
			                                LLVMBuildInBoundsGEP2(g->b, g->i64, base, &at, 1, ""), "");
			out[j] = is_bool(e->ty) ? LLVMBuildICmp(g->b, LLVMIntNE, w, K64(g, 0), "") : w;
		}
		return;
	}
	if (!t->uses_fields) {
		/* a constant table: one array, nkeys rows of n words */
		LLVMValueRef *rows = tmp_words(g, nkeys * n);
		for (uint32_t k = 0; k < nkeys * n; k++)
			rows[k] = K64(g, (int64_t)t->rows[k]);
		LLVMValueRef base = const_words(g, rows, (size_t)nkeys * n);
		LLVMValueRef row = LLVMBuildMul(g->b, clamp(g, key, nkeys), K64(g, n), "");
		for (uint32_t j = 0; j < n; j++) {
			LLVMValueRef idx = LLVMBuildAdd(g->b, row, K64(g, j), "");
			LLVMValueRef w = LLVMBuildLoad2(g->b, g->i64,
			                                LLVMBuildInBoundsGEP2(g->b, g->i64, base, &idx, 1, ""), "");
			out[j] = is_bool(e->ty) ? LLVMBuildICmp(g->b, LLVMIntNE, w, K64(g, 0), "") : w;
		}
		return;
	}
	lookup_rows(g, t, key, n, out);
}

/* The least and the greatest value the scalar `e` can take, where that is
 * known when the module is built: literals, the request's dates (the
 * decoders and the builder admit only the calendar's), constant tables
 * (their rows), and sums, differences and choices of those; 0 when it is
 * not.  A sum that cannot leave the 64-bit range needs no saturation, nor
 * a date the calendar's end it cannot pass (cg_expr). */
static int expr_range(const lw_program *lw, const expr *e, int64_t *lo, int64_t *hi, int depth)
{
	int64_t alo, ahi, blo, bhi;
	if (depth > 32 || e->ty.kind == PK_SET || e->ty.kind == PK_BOOL)
		return 0;
	switch (e->kind) {
	case E_INT:
	case E_DUR:
	case E_DATE:
		*lo = *hi = e->ival;
		return 1;
	case E_NAME:
		if (e->ref == REF_FIELD && e->ty.kind == PK_DATE) {
			*lo = LP_DATE_MIN;
			*hi = LP_DATE_MAX;
			return 1;
		}
		return e->ref == REF_DEFINE && expr_range(lw, lw->defines[e->index].value, lo, hi, depth + 1);
	case E_LOOKUP: {
		const lw_table *t = &lw->tables[e->index];
		if (t->uses_fields || !t->rows || type_words(t->ty) != 1 || !t->nkeys)
			return 0;
		*lo = *hi = (int64_t)t->rows[0];
		for (uint32_t k = 1; k < t->nkeys; k++) {
			int64_t v = (int64_t)t->rows[k];
			*lo = v < *lo ? v : *lo;
			*hi = v > *hi ? v : *hi;
		}
		return 1;
	}
	case E_IF:
		if (!expr_range(lw, e->b, &alo, &ahi, depth + 1) || !expr_range(lw, e->c, &blo, &bhi, depth + 1))
			return 0;
		*lo = alo < blo ? alo : blo;
		*hi = ahi > bhi ? ahi : bhi;
		return 1;
	case E_ADD:
	case E_SUB:
		if (!expr_range(lw, e->a, &alo, &ahi, depth + 1) || !expr_range(lw, e->b, &blo, &bhi, depth + 1))
			return 0;
		if (e->kind == E_ADD ? __builtin_add_overflow(alo, blo, lo) || __builtin_add_overflow(ahi, bhi, hi)
		                     : __builtin_sub_overflow(alo, bhi, lo) || __builtin_sub_overflow(ahi, blo, hi))
			return 0;
		if (e->ty.kind == PK_DATE) {   /* kept within the calendar */
			*lo = *lo < LP_DATE_MIN ? LP_DATE_MIN : *lo > LP_DATE_MAX ? LP_DATE_MAX : *lo;
			*hi = *hi < LP_DATE_MIN ? LP_DATE_MIN : *hi > LP_DATE_MAX ? LP_DATE_MAX : *hi;
		}
		return 1;
	}
	return 0;
}

static LLVMValueRef sat(cg *g, LLVMValueRef fn, LLVMValueRef a, LLVMValueRef b)
{
	LLVMValueRef args[2] = { a, b };
	return LLVMBuildCall2(g->b, g->sat_ty, fn, args, 2, "");
}

/* `a + b` or `a - b` of numbers, durations or dates: saturated, and a
 * date kept within the calendar, as eval.c does; where the operands'
 * ranges (expr_range) say the sum cannot overflow, or pass an end of the
 * calendar, without. */
static void cg_arith(cg *g, const expr *e, LLVMValueRef *out)
{
	int64_t alo, ahi, blo, bhi, lo, hi;
	int known = expr_range(g->lw, e->a, &alo, &ahi, 0) && expr_range(g->lw, e->b, &blo, &bhi, 0) &&
	            !(e->kind == E_ADD ? __builtin_add_overflow(alo, blo, &lo) || __builtin_add_overflow(ahi, bhi, &hi)
	                               : __builtin_sub_overflow(alo, bhi, &lo) || __builtin_sub_overflow(ahi, blo, &hi));
	LLVMValueRef a = cg_scalar(g, e->a), b = cg_scalar(g, e->b);
	if (known) {
		out[0] = e->kind == E_ADD ? LLVMBuildAdd(g->b, a, b, "") : LLVMBuildSub(g->b, a, b, "");
	} else {
		lo = INT64_MIN;
		hi = INT64_MAX;
		out[0] = sat(g, e->kind == E_ADD ? g->sadd : g->ssub, a, b);
	}
	if (e->ty.kind != PK_DATE)
		return;
	LLVMValueRef dlo = K64(g, LP_DATE_MIN), dhi = K64(g, LP_DATE_MAX);
	if (lo < LP_DATE_MIN)
		out[0] = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, out[0], dlo, ""), dlo, out[0], "");
	if (hi > LP_DATE_MAX)
		out[0] = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSGT, out[0], dhi, ""), dhi, out[0], "");
}

static void cg_expr(cg *g, const expr *e, LLVMValueRef *out)
{
	uint32_t n;
	LLVMValueRef *x, *y;
	switch (e->kind) {
	case E_INT:
	case E_DUR:
	case E_DATE:
		out[0] = K64(g, e->ival);
		return;
	case E_BOOL:
		out[0] = K1(g, (int)e->ival);
		return;
	case E_NAME:
		if (e->ref == REF_MEMBER) {
			out[0] = K64(g, e->member);
		} else if (e->ref == REF_FIELD) {
			const lp_field_desc *f = &g->lw->schema.fields[e->index];
			for (uint32_t i = 0; i < f->nslots; i++)
				out[i] = load_field(g, e->index, i);
			if (is_bool(e->ty))
				out[0] = LLVMBuildICmp(g->b, LLVMIntNE, out[0], K64(g, 0), "");
		} else {
			cg_define(g, e->index, out);
		}
		return;
	case E_SET:
		n = words_of(e);
		for (uint32_t i = 0; i < n; i++)
			out[i] = K64(g, 0);
		for (uint32_t i = 0; i < e->nelem; i++) {
			const expr *m = e->elem[i];
			if (m->kind == E_NAME && m->ref == REF_MEMBER) {
				uint32_t bit = m->member;
				out[bit / 64] = LLVMBuildOr(g->b, out[bit / 64],
				                            K64(g, (int64_t)((uint64_t)1 << (bit % 64))), "");
				continue;
			}
			/* an element computed from the request */
			LLVMValueRef v = cg_scalar(g, m);
			LLVMValueRef hi = LLVMBuildLShr(g->b, v, K64(g, 6), "");
			LLVMValueRef one = LLVMBuildShl(g->b, K64(g, 1), LLVMBuildAnd(g->b, v, K64(g, 63), ""), "");
			for (uint32_t w = 0; w < n; w++) {
				LLVMValueRef is = LLVMBuildICmp(g->b, LLVMIntEQ, hi, K64(g, w), "");
				out[w] = LLVMBuildOr(g->b, out[w], LLVMBuildSelect(g->b, is, one, K64(g, 0), ""), "");
			}
		}
		return;
	case E_LOOKUP:
		cg_lookup(g, e, out);
		return;
	case E_NOT:
		out[0] = LLVMBuildNot(g->b, cg_scalar(g, e->a), "");
		return;
	case E_AND:
		out[0] = LLVMBuildAnd(g->b, cg_scalar(g, e->a), cg_scalar(g, e->b), "");
		return;
	case E_OR:
		out[0] = LLVMBuildOr(g->b, cg_scalar(g, e->a), cg_scalar(g, e->b), "");
		return;
	case E_IMPLIES:
		out[0] = LLVMBuildOr(g->b, LLVMBuildNot(g->b, cg_scalar(g, e->a), ""), cg_scalar(g, e->b), "");
		return;
	case E_IF: {
		LLVMValueRef c = cg_scalar(g, e->a);
		n = words_of(e);
		x = tmp_words(g, n);
		y = tmp_words(g, n);
		cg_expr(g, e->b, x);
		cg_expr(g, e->c, y);
		for (uint32_t i = 0; i < n; i++)
			out[i] = LLVMBuildSelect(g->b, c, x[i], y[i], "");
		return;
	}
	case E_LT:
	case E_LE:
	case E_GT:
	case E_GE: {
		LLVMIntPredicate p = e->kind == E_LT ? LLVMIntSLT : e->kind == E_LE ? LLVMIntSLE
		                   : e->kind == E_GT ? LLVMIntSGT : LLVMIntSGE;
		out[0] = LLVMBuildICmp(g->b, p, cg_scalar(g, e->a), cg_scalar(g, e->b), "");
		return;
	}
	case E_EQ:
	case E_NE:
	case E_OVERLAPS:
	case E_WITHIN: {
		n = words_of(e->a);
		x = tmp_words(g, n);
		y = tmp_words(g, n);
		cg_expr(g, e->a, x);
		cg_expr(g, e->b, y);
		if (e->a->ty.kind != PK_SET) {
			out[0] = LLVMBuildICmp(g->b, e->kind == E_EQ ? LLVMIntEQ : LLVMIntNE, x[0], y[0], "");
			return;
		}
		LLVMValueRef acc = K64(g, 0);
		for (uint32_t i = 0; i < n; i++) {
			LLVMValueRef d;
			if (e->kind == E_OVERLAPS)
				d = LLVMBuildAnd(g->b, x[i], y[i], "");
			else if (e->kind == E_WITHIN)
				d = LLVMBuildAnd(g->b, x[i], LLVMBuildNot(g->b, y[i], ""), "");
			else
				d = LLVMBuildXor(g->b, x[i], y[i], "");
			acc = LLVMBuildOr(g->b, acc, d, "");
		}
		/* EQ and WITHIN: no differing bits; NE and OVERLAPS: some */
		out[0] = LLVMBuildICmp(g->b, e->kind == E_EQ || e->kind == E_WITHIN ? LLVMIntEQ : LLVMIntNE,
		                       acc, K64(g, 0), "");
		return;
	}
	case E_IN:
	case E_NOTIN: {
		LLVMValueRef m = cg_scalar(g, e->a);
		n = words_of(e->b);
		x = tmp_words(g, n);
		cg_expr(g, e->b, x);
		LLVMValueRef r = set_member(g, x, n, m);
		out[0] = e->kind == E_IN ? r : LLVMBuildNot(g->b, r, "");
		return;
	}
	case E_UNION:
	case E_INTER:
	case E_ADD:
	case E_SUB:
		n = words_of(e);
		if (e->ty.kind == PK_SET) {
			x = tmp_words(g, n);
			y = tmp_words(g, n);
			cg_expr(g, e->a, x);
			cg_expr(g, e->b, y);
			for (uint32_t i = 0; i < n; i++)
				out[i] = e->kind == E_UNION ? LLVMBuildOr(g->b, x[i], y[i], "")
				       : e->kind == E_INTER ? LLVMBuildAnd(g->b, x[i], y[i], "")
				       : LLVMBuildAnd(g->b, x[i], LLVMBuildNot(g->b, y[i], ""), "");
			return;
		}
		cg_arith(g, e, out);
		return;
	}
	out[0] = K64(g, 0);
}

static LLVMValueRef cond(cg *g, const lw_rule *r)
{
	LLVMValueRef v = r->when ? cg_scalar(g, r->when) : K1(g, 1);
	if (r->unless)
		v = LLVMBuildAnd(g->b, v, LLVMBuildNot(g->b, cg_scalar(g, r->unless), ""), "");
	return v;
}

/* ---- the bitsets of the decision block ---- */

/* Bit words: word i is w[i] | one[i], `one` the bits known at compile
 * time to be set (rules that always fire), kept apart so that "some rule
 * of this kind fired" folds to true when one of them always does. */
typedef struct bits {
	LLVMValueRef *w;
	uint64_t *one;
	uint32_t n;
} bits;

static bits bits_new(cg *g, size_t nbits)
{
	uint32_t n = (uint32_t)LP_BITWORDS(nbits);
	bits s = { tmp_words(g, n), arena_alloc(g->ar, (n ? n : 1) * sizeof(uint64_t)), n };
	for (uint32_t i = 0; i < s.n; i++) {
		s.w[i] = K64(g, 0);
		s.one[i] = 0;
	}
	return s;
}

/* word i, whole */
static LLVMValueRef bits_word(cg *g, const bits *s, uint32_t i)
{
	return build_or(g, s->w[i], K64(g, (int64_t)s->one[i]));
}

static void bits_put(cg *g, bits *s, size_t i, LLVMValueRef flag)
{
	if (LLVMIsAConstantInt(flag) && !LLVMConstIntGetZExtValue(flag))
		return;
	LLVMValueRef v = LLVMBuildZExt(g->b, flag, g->i64, "");
	if (i % 64)
		v = LLVMBuildShl(g->b, v, K64(g, (int64_t)(i % 64)), "");
	s->w[i / 64] = LLVMBuildOr(g->b, s->w[i / 64], v, "");
}

/* Flag i put into the words with a branch: `if (flag) w |= bit`.
 * The branch weights say "rarely", which keeps LLVM from turning it back
 * into a select; a predicted branch (cmp, jcc) costs less than building
 * the bit (setcc, zero-extend, shift, or), and the rules of an agreement
 * fire in patterns a predictor learns.  It also compiles much faster than
 * one long chain of selects.  Code left unoptimised (a large agreement's
 * trace) gets no branch: LLVM's lowest back-end level keeps a value in a
 * register within a block only, so a word carried from block to block
 * would go through memory at every flag. */
static void bits_put_branch(cg *g, bits *s, size_t i, LLVMValueRef flag)
{
	if (g->branchless) {
		bits_put(g, s, i, flag);
		return;
	}
	LLVMValueRef bit = K64(g, (int64_t)((uint64_t)1 << (i % 64)));
	if (LLVMIsAConstantInt(flag)) {
		if (LLVMConstIntGetZExtValue(flag))
			s->one[i / 64] |= (uint64_t)1 << (i % 64);
		return;
	}
	LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
	unsigned prof = LLVMGetMDKindIDInContext(g->ctx, LIT("prof"));
	LLVMMetadataRef md[3] = {
		LLVMMDStringInContext2(g->ctx, LIT("branch_weights")),
		LLVMValueAsMetadata(K32(g, 1)),
		LLVMValueAsMetadata(K32(g, 1000)),
	};
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef set = LLVMAppendBasicBlockInContext(g->ctx, fn, "fired");
	LLVMBasicBlockRef next = LLVMAppendBasicBlockInContext(g->ctx, fn, "next");
	LLVMValueRef br = LLVMBuildCondBr(g->b, flag, set, next);
	LLVMSetMetadata(br, prof, LLVMMetadataAsValue(g->ctx, LLVMMDNodeInContext2(g->ctx, md, 3)));
	LLVMPositionBuilderAtEnd(g->b, set);
	LLVMValueRef nw = LLVMBuildOr(g->b, s->w[i / 64], bit, "");
	LLVMBuildBr(g->b, next);
	LLVMPositionBuilderAtEnd(g->b, next);
	LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "");
	LLVMValueRef vals[2] = { s->w[i / 64], nw };
	LLVMBasicBlockRef bbs[2] = { from, set };
	LLVMAddIncoming(phi, vals, bbs, 2);
	s->w[i / 64] = phi;
}

static LLVMValueRef bits_nonzero(cg *g, const bits *s)
{
	LLVMValueRef acc = NULL;
	for (uint32_t i = 0; i < s->n; i++)
		if (s->one[i])
			return K1(g, 1);
	for (uint32_t i = 0; i < s->n; i++) {
		if (LLVMIsAConstantInt(s->w[i]) && !LLVMConstIntGetZExtValue(s->w[i]))
			continue;
		acc = acc ? build_or(g, acc, s->w[i]) : s->w[i];
	}
	return acc ? LLVMBuildICmp(g->b, LLVMIntNE, acc, K64(g, 0), "") : K1(g, 0);
}

/* One rule bit to move: from bit `from` of the fired words to bit `to` of
 * a clause bitset. */
typedef struct bitmove {
	uint32_t from, to;
} bitmove;

static int bitmove_cmp(const void *pa, const void *pb)
{
	const bitmove *a = pa, *b = pb;
	/* by source word, target word, then distance: one run per group */
	uint32_t ka[3] = { a->from / 64, a->to / 64, 64 + a->from % 64 - a->to % 64 };
	uint32_t kb[3] = { b->from / 64, b->to / 64, 64 + b->from % 64 - b->to % 64 };
	for (int i = 0; i < 3; i++)
		if (ka[i] != kb[i])
			return ka[i] < kb[i] ? -1 : 1;
	return a->from < b->from ? -1 : a->from > b->from;
}

/* The rules whose action is in `actions` (bits 1 << PA_*) and, for
 * obligations, that impose obligation `oblig`, as constant words over the
 * rule table. */
static uint64_t *rule_mask(cg *g, unsigned actions, uint32_t oblig)
{
	const lp_schema *s = &g->lw->schema;
	uint64_t *m = arena_alloc(g->ar, LP_BITWORDS(s->nrules ? s->nrules : 1) * sizeof *m);
	memset(m, 0, LP_BITWORDS(s->nrules ? s->nrules : 1) * sizeof *m);
	for (uint32_t r = 0; r < s->nrules; r++) {
		const lp_rule_desc *rd = &s->rules[r];
		if ((actions >> rd->action & 1) && (rd->action != PA_OBLIGE || rd->oblig == oblig))
			m[r / 64] |= (uint64_t)1 << (r % 64);
	}
	return m;
}

#define ACT(a) (1u << (a))

/* fired & mask, word by word */
static bits bits_mask(cg *g, const bits *fired, const uint64_t *mask)
{
	bits out = bits_new(g, (size_t)fired->n * 64);
	for (uint32_t i = 0; i < fired->n; i++) {
		out.w[i] = !mask[i] || is_const(fired->w[i], 0) ? K64(g, 0)
		         : mask[i] == UINT64_MAX ? fired->w[i]
		         : LLVMBuildAnd(g->b, fired->w[i], K64(g, (int64_t)mask[i]), "");
		out.one[i] = fired->one[i] & mask[i];
	}
	return out;
}

/* The rule bits `rb` (only the rules of `which` can be set) moved to
 * their clauses' bits, a word at a time: rules sit at a fixed distance
 * from their clause's bit over long runs (usually none: one rule per
 * clause), so each run costs an and, a shift and an or instead of a test
 * per rule. */
static bits rules_to_clauses(cg *g, const bits *rb, const uint64_t *which)
{
	const lp_schema *s = &g->lw->schema;
	bits out = bits_new(g, s->nclauses);
	bitmove *mv = arena_alloc(g->ar, (s->nrules ? s->nrules : 1) * sizeof *mv);
	size_t n = 0;
	for (uint32_t r = 0; r < s->nrules; r++)
		if (which[r / 64] >> (r % 64) & 1)
			mv[n++] = (bitmove){ r, s->rules[r].clause };
	qsort(mv, n, sizeof *mv, bitmove_cmp);
	for (size_t i = 0; i < n;) {
		uint32_t sw = mv[i].from / 64, tw = mv[i].to / 64;
		int shift = (int)(mv[i].from % 64) - (int)(mv[i].to % 64);
		uint64_t mask = 0;
		size_t j;
		for (j = i; j < n && mv[j].from / 64 == sw && mv[j].to / 64 == tw &&
		            (int)(mv[j].from % 64) - (int)(mv[j].to % 64) == shift; j++)
			mask |= (uint64_t)1 << (mv[j].from % 64);
		/* the known bits move at compile time */
		uint64_t k = rb->one[sw] & mask;
		out.one[tw] |= shift > 0 ? k >> shift : k << -shift;
		LLVMValueRef t = rb->w[sw];
		if (is_const(t, 0))
			goto next;
		if (mask != which[sw])   /* other rules of the word may be set */
			t = LLVMBuildAnd(g->b, t, K64(g, (int64_t)mask), "");
		if (shift > 0)
			t = LLVMBuildLShr(g->b, t, K64(g, shift), "");
		else if (shift < 0)
			t = LLVMBuildShl(g->b, t, K64(g, -shift), "");
		out.w[tw] = build_or(g, out.w[tw], t);
	next:
		i = j;
	}
	return out;
}

/* Every word of the block is written, zeros included, so the caller need
 * not clear it first (the stores of constant zeros are cheap, and without
 * builtins they cannot turn into a call to memset). */
static void store_words(cg *g, LLVMValueRef block, uint32_t at, LLVMValueRef *w, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		LLVMBuildStore(g->b, w[i], word_ptr(g, block, at + i));
}

/* ---- rule indexing ----
 *
 * Rules that lower.c keyed on an enum field (lw_rule.key_field) are
 * decided under a switch on that field: a request pays for the rules its
 * values can fire, not for all of them. */

/* The indexed rules of field `f`, decided under a switch on its value:
 * one case per member some rule names, each deciding the rules that
 * member can fire, the fired words merged by phis after.  Defines first
 * computed inside a case are forgotten after it (they would not dominate
 * what follows). */
static void decide_indexed(cg *g, uint32_t f, LLVMValueRef *force, bits *fb)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	size_t nr = s->nrules;
	const lp_field_desc *fd = &s->fields[f];
	uint32_t nmembers = s->enums[fd->enum_index].nmembers;
	LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
	LLVMValueRef keyv = load_field(g, f, 0);
	LLVMBasicBlockRef from = LLVMGetInsertBlock(g->b);
	LLVMBasicBlockRef merge = LLVMAppendBasicBlockInContext(g->ctx, fn, "indexed");
	/* the members some rule names */
	uint64_t *named = arena_alloc(g->ar, LP_BITWORDS(nmembers) * sizeof *named + 8);
	memset(named, 0, LP_BITWORDS(nmembers) * sizeof *named + 8);
	for (size_t r = 0; r < nr; r++)
		if (lw->rules[r].key_field == f)
			for (uint32_t w = 0; w < LP_BITWORDS(nmembers); w++)
				named[w] |= lw->rules[r].key_members[w];
	uint32_t ncases = 0;
	for (uint32_t m = 0; m < nmembers; m++)
		ncases += lp_bit(named, m);
	LLVMValueRef sw = LLVMBuildSwitch(g->b, keyv, merge, ncases);
	memo m0 = memo_save(g);
	/* per incoming edge of the merge: its block and the words */
	LLVMBasicBlockRef *in_bb = arena_alloc(g->ar, (ncases + 1) * sizeof *in_bb);
	LLVMValueRef **in_w = arena_alloc(g->ar, (ncases + 1) * sizeof *in_w);
	in_bb[0] = from;
	in_w[0] = fb->w;
	uint32_t nin = 1;
	for (uint32_t m = 0; m < nmembers; m++) {
		if (!lp_bit(named, m))
			continue;
		LLVMBasicBlockRef cb = LLVMAppendBasicBlockInContext(g->ctx, fn, "case");
		LLVMAddCase(sw, K64(g, m), cb);
		LLVMPositionBuilderAtEnd(g->b, cb);
		bits cf = { tmp_words(g, fb->n), fb->one, fb->n };
		memcpy(cf.w, fb->w, fb->n * sizeof *cf.w);
		g->known_field = f;
		g->known_value = m;
		for (size_t r = 0; r < nr; r++) {
			const lw_rule *ru = &lw->rules[r];
			if (ru->key_field != f || !lp_bit(ru->key_members, m))
				continue;
			LLVMValueRef fr = LLVMBuildAnd(g->b, force[ru->clause], cond(g, ru), "");
			if (is_const(fr, 0))
				continue;
			/* fires whenever the case is taken: not a bit known for
			 * every case (the `one` words are shared) */
			if (LLVMIsAConstantInt(fr))
				fr = LLVMBuildICmp(g->b, LLVMIntEQ, keyv, K64(g, m), "");
			bits_put_branch(g, &cf, r, fr);
		}
		LLVMBuildBr(g->b, merge);
		in_bb[nin] = LLVMGetInsertBlock(g->b);
		in_w[nin++] = cf.w;
		memo_restore(g, &m0);
		g->known_field = LW_NONE;
	}
	LLVMPositionBuilderAtEnd(g->b, merge);
	for (uint32_t w = 0; w < fb->n; w++) {
		int same = 1;
		for (uint32_t i = 1; i < nin; i++)
			same &= in_w[i][w] == in_w[0][w];
		if (same)
			continue;
		LLVMValueRef phi = LLVMBuildPhi(g->b, g->i64, "");
		LLVMValueRef *vals = tmp_words(g, nin);
		for (uint32_t i = 0; i < nin; i++)
			vals[i] = in_w[i][w];
		LLVMAddIncoming(phi, vals, in_bb, nin);
		fb->w[w] = phi;
	}
}

/* ---- the decision function ---- */

static void store_bits(cg *g, LLVMValueRef block, uint32_t at, const bits *s)
{
	for (uint32_t i = 0; i < s->n; i++)
		LLVMBuildStore(g->b, bits_word(g, s, i), word_ptr(g, block, at + i));
}


static void store_zeros(cg *g, LLVMValueRef block, uint32_t from, uint32_t to)
{
	for (uint32_t i = from; i < to; i++)
		LLVMBuildStore(g->b, K64(g, 0), word_ptr(g, block, i));
}

/* A valued obligation's words start from its combination's identity, so
 * that the first imposition sets the value and later ones combine with
 * it. */
static void combine_unit(cg *g, const lp_oblig_desc *od, LLVMValueRef *v)
{
	int64_t unit = od->combine == PC_MIN ? INT64_MAX : od->combine == PC_MAX ? INT64_MIN
	             : od->combine == PC_INTERSECT ? -1 : 0;
	for (uint32_t j = 0; j < od->nslots; j++)
		v[j] = K64(g, unit);
}

/* The value of rule `ru` combined into `v` when `fired`. */
static void combine(cg *g, const lp_oblig_desc *od, LLVMValueRef *v, const lw_rule *ru, LLVMValueRef fired)
{
	LLVMValueRef *nv = tmp_words(g, od->nslots);
	cg_expr(g, ru->value, nv);
	for (uint32_t j = 0; j < od->nslots; j++) {
		LLVMValueRef comb;
		switch (od->combine) {
		case PC_MIN:
			comb = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, nv[j], v[j], ""), nv[j], v[j], "");
			break;
		case PC_MAX:
			comb = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSGT, nv[j], v[j], ""), nv[j], v[j], "");
			break;
		case PC_UNION:
			comb = LLVMBuildOr(g->b, nv[j], v[j], "");
			break;
		default:
			comb = LLVMBuildAnd(g->b, nv[j], v[j], "");
			break;
		}
		v[j] = build_select(g, fired, comb, v[j]);
	}
}

/* 6. The obligations: each one whose rules fired, reported when
 * `reported[o]` holds (it goes with the outcome: a constant where the
 * outcome is known here), with its combined value (worked out by the
 * trace's parts into the block's value words, trace_values) and its
 * sources. */
static void cg_obligations(cg *g, LLVMValueRef block, const lp_block_layout *L, const bits *fb,
                           const LLVMValueRef *reported)
{
	const lp_schema *s = &g->lw->schema;
	size_t cw = LP_BITWORDS(s->nclauses);
	bits oset = bits_new(g, s->noblig);
	LLVMValueRef *oval = tmp_words(g, s->noblig_slots);
	for (uint32_t o = 0; o < s->noblig; o++) {
		const lp_oblig_desc *od = &s->obligs[o];
		LLVMValueRef *v = oval + od->slot;
		if (is_const(reported[o], 0)) {   /* never with this outcome */
			store_zeros(g, block, L->oblig_src + o * (uint32_t)cw, L->oblig_src + (o + 1) * (uint32_t)cw);
			for (uint32_t j = 0; j < od->nslots; j++)
				v[j] = K64(g, 0);
			continue;
		}
		uint64_t *om = rule_mask(g, ACT(PA_OBLIGE), o);
		bits fo = bits_mask(g, fb, om);
		if (!is_const(reported[o], 1))
			for (uint32_t w = 0; w < fo.n; w++) {
				fo.w[w] = build_select(g, reported[o], bits_word(g, &fo, w), K64(g, 0));
				fo.one[w] = 0;
			}
		bits src = rules_to_clauses(g, &fo, om);
		LLVMValueRef has = bits_nonzero(g, &fo);
		store_bits(g, block, L->oblig_src + o * (uint32_t)cw, &src);
		bits_put(g, &oset, o, has);
		for (uint32_t j = 0; j < od->nslots; j++)
			v[j] = od->combine == PC_FLAG ? K64(g, 0)
			     : build_select(g, has, LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->oblig_val + od->slot + j), ""),
			                    K64(g, 0));
	}
	store_bits(g, block, L->oblig_set, &oset);
	store_words(g, block, L->oblig_val, oval, s->noblig_slots);
}

/* Per obligation, whether it goes with a refusal (a constant). */
static LLVMValueRef *reported_on(cg *g, int outcome)
{
	const lp_schema *s = &g->lw->schema;
	LLVMValueRef *rep = tmp_words(g, s->noblig);
	for (uint32_t o = 0; o < s->noblig; o++)
		rep[o] = K1(g, s->obligs[o].on >> outcome & 1);
	return rep;
}

/* A refusal: its grounds are the clauses whose refusing rules fired; the
 * obligations declared `on refuse` that fired, and no others. */
static void decide_refused(cg *g, LLVMValueRef block, const lp_block_layout *L, const bits *fb,
                           const bits *fr, const uint64_t *refuse_mask, int ground)
{
	const lp_schema *s = &g->lw->schema;
	/* this path ends in a return: what is first computed on it does not
	 * dominate the other paths, so it forgets that at the end */
	memo m0 = memo_save(g);
	if (ground == PG_CLAUSES) {
		bits grounds = rules_to_clauses(g, fr, refuse_mask);
		store_bits(g, block, L->grounds, &grounds);
	} else {
		store_zeros(g, block, L->grounds, L->discretionary);
	}
	store_zeros(g, block, L->discretionary, L->fired);
	int any = 0;
	for (uint32_t o = 0; o < s->noblig; o++)
		any |= s->obligs[o].on >> PO_REFUSE & 1;
	if (any) {
		cg_obligations(g, block, L, fb, reported_on(g, PO_REFUSE));
	} else {
		store_zeros(g, block, L->oblig_set, L->fast_end);
		store_zeros(g, block, L->oblig_src, L->exempted_by);
	}
	LLVMBuildRet(g->b, K32(g, PO_REFUSE | (uint32_t)(ground << 8)));
	memo_restore(g, &m0);
}

/* No refusal: referred if a referring rule (or a `may refuse`) fired, else
 * granted if a granting rule did, else the default; the obligations that
 * go with the outcome. */
static void decide_kept(cg *g, LLVMValueRef block, const lp_block_layout *L, const bits *fb)
{
	const lp_schema *s = &g->lw->schema;
	uint64_t *refer_mask = rule_mask(g, ACT(PA_REFER) | ACT(PA_MAY_REFUSE), 0);
	uint64_t *grant_mask = rule_mask(g, ACT(PA_GRANT), 0);
	bits fre = bits_mask(g, fb, refer_mask), fgr = bits_mask(g, fb, grant_mask);
	LLVMValueRef refer = bits_nonzero(g, &fre), grant = bits_nonzero(g, &fgr);
	LLVMValueRef decided = build_or(g, refer, grant);
	LLVMValueRef outcome, ground;
	int dflt = s->default_outcome;
	if (dflt == PO_REFUSE && !(LLVMIsAConstantInt(decided) && LLVMConstIntGetZExtValue(decided))) {
		/* refused by default: no grounds; the obligations on refuse */
		LLVMBasicBlockRef yb = NULL;
		if (!LLVMIsAConstantInt(decided)) {
			LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
			LLVMBasicBlockRef db = LLVMAppendBasicBlockInContext(g->ctx, fn, "by_default");
			yb = LLVMAppendBasicBlockInContext(g->ctx, fn, "decided");
			LLVMBuildCondBr(g->b, decided, yb, db);
			LLVMPositionBuilderAtEnd(g->b, db);
		}
		decide_refused(g, block, L, fb, NULL, NULL, PG_DEFAULT);
		if (!yb)
			return;
		LLVMPositionBuilderAtEnd(g->b, yb);
		outcome = build_select(g, refer, K32(g, PO_REFER), K32(g, PO_GRANT));
		ground = K32(g, PG_CLAUSES);
		dflt = PO_GRANT;   /* not reached: decided holds here */
	} else {
		outcome = build_select(g, refer, K32(g, PO_REFER),
		          build_select(g, grant, K32(g, PO_GRANT), K32(g, dflt)));
		ground = build_select(g, decided, K32(g, PG_CLAUSES), K32(g, PG_DEFAULT));
	}
	/* 5. grounds: the clauses of the deciding action's rules; those of a
	 * referral whose only rules carrying it are `may refuse` are
	 * discretionary */
	bits dr = bits_new(g, (size_t)fb->n * 64);
	for (uint32_t w = 0; w < fb->n; w++)
		dr.w[w] = build_select(g, refer, bits_word(g, &fre, w), bits_word(g, &fgr, w));
	uint64_t *either = rule_mask(g, ACT(PA_GRANT) | ACT(PA_REFER) | ACT(PA_MAY_REFUSE), 0);
	bits grounds = rules_to_clauses(g, &dr, either);
	store_bits(g, block, L->grounds, &grounds);
	uint64_t *may_mask = rule_mask(g, ACT(PA_MAY_REFUSE), 0), *plain_mask = rule_mask(g, ACT(PA_REFER), 0);
	bits fmay = bits_mask(g, fb, may_mask), fplain = bits_mask(g, fb, plain_mask);
	bits cmay = rules_to_clauses(g, &fmay, may_mask), cplain = rules_to_clauses(g, &fplain, plain_mask);
	bits disc = bits_new(g, s->nclauses);
	for (uint32_t w = 0; w < disc.n; w++) {
		LLVMValueRef m = bits_word(g, &cmay, w);
		if (!is_const(m, 0))
			m = LLVMBuildAnd(g->b, m, LLVMBuildNot(g->b, bits_word(g, &cplain, w), ""), "");
		disc.w[w] = build_select(g, refer, m, K64(g, 0));
	}
	store_bits(g, block, L->discretionary, &disc);

	/* 6. obligations: each goes with some outcomes */
	LLVMValueRef *reported = tmp_words(g, s->noblig);
	for (uint32_t o = 0; o < s->noblig; o++) {
		unsigned on = s->obligs[o].on;
		reported[o] = build_select(g, refer, K1(g, on >> PO_REFER & 1),
		              build_select(g, grant, K1(g, on >> PO_GRANT & 1), K1(g, on >> dflt & 1)));
	}
	cg_obligations(g, block, L, fb, reported);
	LLVMBuildRet(g->b, build_or(g, outcome, LLVMBuildShl(g->b, ground, K32(g, 8), "")));
}

/* What a function of the module is: an entry point that writes the block
 * (module_abi.h), or a part of the trace that reads and writes it. */
enum fn_kind { FN_ENTRY, FN_PART, FN_TEST };

/* A decision function, `uint32_t name(const uint64_t *req, uint64_t
 * *block)` (module_abi.h), or a part, `void name(...)`, with the builder
 * at its entry and the definitions forgotten. */
static LLVMValueRef decide_fn(cg *g, const char *name, enum fn_kind kind)
{
	const lw_program *lw = g->lw;
	LLVMTypeRef params[2] = { g->p64, g->p64 };
	LLVMTypeRef fty = LLVMFunctionType(kind == FN_ENTRY ? g->i32 : kind == FN_TEST ? g->i1
	                                   : LLVMVoidTypeInContext(g->ctx), params, 2, 0);
	LLVMValueRef fn = LLVMAddFunction(g->mod, name, fty);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	/* no memset/memcpy idioms: the module has no libc to call */
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateStringAttribute(g->ctx, LIT("no-builtins"), "", 0));
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateEnumAttribute(g->ctx, LLVMGetEnumAttributeKindForName(LIT("nounwind")), 0));
	/* the request and the block never overlap (module_abi.h) */
	for (unsigned i = 1; i <= 2; i++) {
		const char *attr[] = { "noalias", "nocapture", i == 1 ? "readonly" : "writeonly" };
		for (unsigned k = 0; k < (i == 2 && kind == FN_PART ? 2u : 3u); k++)
			LLVMAddAttributeAtIndex(fn, i, LLVMCreateEnumAttribute(g->ctx,
			                        LLVMGetEnumAttributeKindForName(attr[k], strlen(attr[k])), 0));
	}
	memset(g->defs, 0, lw->ndefines * sizeof *g->defs);
	memset(g->loaded, 0, lw->schema.nslots * sizeof *g->loaded);
	if (g->active)
		memset(g->active, 0, lw->schema.nclauses * sizeof *g->active);
	g->known_field = LW_NONE;
	g->req = LLVMGetParam(fn, 0);
	LLVMSetValueName2(g->req, LIT("req"));
	LLVMSetValueName2(LLVMGetParam(fn, 1), LIT("block"));
	LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(g->ctx, fn, "entry");
	LLVMPositionBuilderAtEnd(g->b, entry);
	g->req8 = LLVMBuildBitCast(g->b, g->req, g->p8, "bytes");
	g->submitted = lw->scope.f_submitted != LW_NONE
		? load_field(g, lw->scope.f_submitted, 0) : K64(g, 0);
	return fn;
}

/* 0. Whether the request is outside the agreement: a Party not among its
 * Parties, submitted before it takes effect or after it expires. */
static LLVMValueRef not_in_force(cg *g)
{
	const lw_scope *sc = &g->lw->scope;
	LLVMValueRef out = K1(g, 0);
	if (sc->parties) {
		LLVMValueRef *pw = tmp_words(g, sc->party_words);
		for (uint32_t i = 0; i < sc->party_words; i++)
			pw[i] = K64(g, (int64_t)sc->parties[i]);
		LLVMValueRef a = load_field(g, sc->f_requesting, 0);
		LLVMValueRef b = load_field(g, sc->f_requested, 0);
		LLVMValueRef ok = LLVMBuildAnd(g->b, set_member(g, pw, sc->party_words, a),
		                               set_member(g, pw, sc->party_words, b), "");
		out = LLVMBuildNot(g->b, ok, "");
	}
	if (sc->has_effective)
		out = LLVMBuildOr(g->b, out, LLVMBuildICmp(g->b, LLVMIntSLT, g->submitted,
		                                             K64(g, sc->effective), ""), "");
	if (sc->has_expires)
		out = LLVMBuildOr(g->b, out, LLVMBuildICmp(g->b, LLVMIntSGT, g->submitted,
		                                             K64(g, sc->expires), ""), "");
	return out;
}

/* ---- the fast entry: the outcome and the obligations that go with it ----
 *
 * pacta_decide needs the outcome, what decided it (clauses, the default or
 * the agreement) and the obligations that go with it.  The grounds, the
 * fired rules, the exemptions and the obligations' sources are read far
 * less often, and the runtime asks the full function (cg_trace, below)
 * for them when they are.  So this function stops at the first rule that
 * settles the outcome, as a hand-written decision would: the refusing
 * rules until one fires, then those that refer (or may refuse), then
 * those that grant, the cheapest conditions of each kind first and the
 * indexed ones under a switch; a clause's exemptions only when one of its
 * rules is tested.  The order of the tests cannot change the outcome (a
 * refusal is a refusal whichever refusing rule is found first), only its
 * cost.  Then the obligations that go with the outcome, their values
 * combined over every rule that imposes them (every combination is
 * idempotent, so an indexed rule met twice counts once).  It writes the
 * outcome and the ground into its head word and the block's obligation
 * words after it, nothing else, and returns 0 (module_abi.h, lp_fast_fn). */

/* 1. Whether clause `c` is in force for this request: its dates, and for
 * a reservation or declaration, the relation its Party is in. */
static LLVMValueRef in_force(cg *g, uint32_t c)
{
	const lw_program *lw = g->lw;
	const lw_scope *sc = &lw->scope;
	const lw_clause *cl = &lw->clauses[c];
	LLVMValueRef f = K1(g, 1);
	if (cl->has_from)
		f = LLVMBuildAnd(g->b, f, LLVMBuildICmp(g->b, LLVMIntSGE, g->submitted, K64(g, cl->from), ""), "");
	if (cl->has_sunset)
		f = LLVMBuildAnd(g->b, f, LLVMBuildICmp(g->b, LLVMIntSLE, g->submitted, K64(g, cl->sunset), ""), "");
	if (cl->owner != LW_NONE) {
		/* a declaration when its Party is requested; a reservation
		 * when its Party is either (reciprocity) */
		LLVMValueRef who = K64(g, cl->owner);
		LLVMValueRef rel = LLVMBuildICmp(g->b, LLVMIntEQ, load_field(g, sc->f_requested, 0), who, "");
		if (cl->kind == CK_RESERVATION)
			rel = LLVMBuildOr(g->b, rel, LLVMBuildICmp(g->b, LLVMIntEQ,
			                  load_field(g, sc->f_requesting, 0), who, ""), "");
		f = LLVMBuildAnd(g->b, f, rel, "");
	}
	return f;
}

/* 2. Whether clause `c` is active: in force and not exempted, an
 * exemption taking effect when an active clause's `exempts` rule fires
 * (the exempting clauses come first in exemption order, so this
 * recursion ends). */
static LLVMValueRef active(cg *g, uint32_t c)
{
	if (g->active[c])
		return g->active[c];
	LLVMValueRef ex = K1(g, 0);
	for (uint32_t k = g->exempters0[c]; k < g->exempters0[c + 1]; k++) {
		const lw_rule *r = &g->lw->rules[g->exempters[k]];
		ex = build_or(g, ex, LLVMBuildAnd(g->b, active(g, r->clause), cond(g, r), ""));
	}
	LLVMValueRef a = LLVMBuildAnd(g->b, in_force(g, c), LLVMBuildNot(g->b, ex, ""), "");
	memo_note(g, MEMO_ACTIVE, c);
	g->active[c] = a;
	return a;
}

/* ---- conditions as branches (the fast entry) ----
 *
 * A rule's test as control flow: `and`, `or`, `not` and `implies` short-
 * circuit, a bool define is followed into, a rule's condition is tested
 * before its clause's activity and an exempting rule's before its own
 * clause's, so that the common request leaves at its first false test as
 * a hand-written decision does, with few values live. */

static LLVMBasicBlockRef new_block(cg *g, const char *name)
{
	return LLVMAppendBasicBlockInContext(g->ctx, LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b)), name);
}

static void branch_on(cg *g, LLVMValueRef v, LLVMBasicBlockRef t, LLVMBasicBlockRef f)
{
	if (LLVMIsAConstantInt(v))
		LLVMBuildBr(g->b, LLVMConstIntGetZExtValue(v) ? t : f);
	else
		LLVMBuildCondBr(g->b, v, t, f);
	g->branched = 1;
}

static unsigned expr_cost(const lw_program *lw, const expr *e, int depth);

/* To t when the bool `e` holds, else to f. */
static void cg_branch(cg *g, const expr *e, LLVMBasicBlockRef t, LLVMBasicBlockRef f)
{
	size_t mark = memo_mark(g);
	LLVMBasicBlockRef mid;
	switch (e->kind) {
	case E_NOT:
		cg_branch(g, e->a, f, t);
		break;
	case E_AND:
	case E_OR:
	case E_IMPLIES: {
		/* the cheaper side first: both are total and pure, so the
		 * order cannot change the value */
		const expr *x = e->a, *y = e->b;
		if (e->kind != E_IMPLIES && expr_cost(g->lw, e->b, 0) < expr_cost(g->lw, e->a, 0)) {
			x = e->b;
			y = e->a;
		}
		mid = new_block(g, "then");
		if (e->kind == E_AND)
			cg_branch(g, x, mid, f);
		else if (e->kind == E_OR)
			cg_branch(g, x, t, mid);
		else
			cg_branch(g, x, mid, t);
		LLVMPositionBuilderAtEnd(g->b, mid);
		cg_branch(g, y, t, f);
		break;
	}
	default:
		if (e->kind == E_NAME && e->ref == REF_DEFINE && !g->defs[e->index])
			cg_branch(g, g->lw->defines[e->index].value, t, f);
		else
			branch_on(g, cg_scalar(g, e), t, f);
		break;
	}
	memo_rewind(g, mark);
}

static void active_branch(cg *g, uint32_t c, LLVMBasicBlockRef t, LLVMBasicBlockRef f);

/* To t when rule r fires (its condition, then its clause active), else f. */
/* Whether clause c is in force for every request: no dates of its own, no
 * Party's, no exemptions. */
static int always_in_force(cg *g, uint32_t c)
{
	const lw_clause *cl = &g->lw->clauses[c];
	return !cl->has_from && !cl->has_sunset && cl->owner == LW_NONE && g->exempters0[c] == g->exempters0[c + 1];
}

static void rule_branch(cg *g, const lw_rule *r, LLVMBasicBlockRef t, LLVMBasicBlockRef f)
{
	int always = !g->active[r->clause] && always_in_force(g, r->clause);
	LLVMBasicBlockRef on = always ? t : new_block(g, "active");
	if (r->when && r->unless) {
		LLVMBasicBlockRef mid = new_block(g, "unless");
		cg_branch(g, r->when, mid, f);
		LLVMPositionBuilderAtEnd(g->b, mid);
		cg_branch(g, r->unless, f, on);
	} else if (r->when) {
		cg_branch(g, r->when, on, f);
	} else if (r->unless) {
		cg_branch(g, r->unless, f, on);
	} else {
		LLVMBuildBr(g->b, on);
		g->branched = 1;
	}
	if (always)   /* a clause always active */
		return;
	LLVMPositionBuilderAtEnd(g->b, on);
	active_branch(g, r->clause, t, f);
}

/* To t when clause c is active (active(), as branches), else f. */
static void active_branch(cg *g, uint32_t c, LLVMBasicBlockRef t, LLVMBasicBlockRef f)
{
	if (g->active[c]) {
		branch_on(g, g->active[c], t, f);
		return;
	}
	size_t mark = memo_mark(g);
	LLVMValueRef in = in_force(g, c);
	if (!is_const(in, 1)) {
		LLVMBasicBlockRef mid = new_block(g, "in_force");
		branch_on(g, in, mid, f);
		LLVMPositionBuilderAtEnd(g->b, mid);
	}
	for (uint32_t k = g->exempters0[c]; k < g->exempters0[c + 1]; k++) {
		LLVMBasicBlockRef next = new_block(g, "not_exempted");
		rule_branch(g, &g->lw->rules[g->exempters[k]], f, next);
		LLVMPositionBuilderAtEnd(g->b, next);
	}
	LLVMBuildBr(g->b, t);
	g->branched = 1;
	memo_rewind(g, mark);
}

/* For each clause, the `exempts` rules that name it. */
static void index_exempters(cg *g)
{
	const lw_program *lw = g->lw;
	size_t nc = lw->schema.nclauses, nr = lw->schema.nrules, n = 0;
	g->exempters0 = arena_alloc(g->ar, (nc + 2) * sizeof *g->exempters0);
	memset(g->exempters0, 0, (nc + 2) * sizeof *g->exempters0);
	for (size_t r = 0; r < nr; r++)
		for (uint32_t m = 0; m < lw->rules[r].nexempts; m++) {
			g->exempters0[lw->rules[r].exempts[m] + 1]++;
			n++;
		}
	for (size_t c = 0; c < nc; c++)
		g->exempters0[c + 1] += g->exempters0[c];
	g->exempters = arena_alloc(g->ar, (n + 1) * sizeof *g->exempters);
	uint32_t *at = arena_alloc(g->ar, (nc + 1) * sizeof *at);
	memcpy(at, g->exempters0, nc * sizeof *at);
	for (size_t r = 0; r < nr; r++)
		for (uint32_t m = 0; m < lw->rules[r].nexempts; m++)
			g->exempters[at[lw->rules[r].exempts[m]]++] = (uint32_t)r;
	g->active = arena_alloc(g->ar, (nc + 1) * sizeof *g->active);
	memset(g->active, 0, (nc + 1) * sizeof *g->active);
}

/* A rough count of the instructions a condition takes, to test the cheap
 * ones first. */
static unsigned expr_cost(const lw_program *lw, const expr *e, int depth)
{
	if (!e || depth > 8)
		return 1;
	unsigned c = 1;
	if (e->kind == E_NAME && e->ref == REF_DEFINE) {
		c += expr_cost(lw, lw->defines[e->index].value, depth + 1);
	} else if (e->kind == E_LOOKUP) {
		/* a constant table is a load; one whose entries read the
		 * request computes them (lookup_rows) */
		const lw_table *t = &lw->tables[e->index];
		c += 4;
		for (uint32_t i = 0; t->uses_fields && i < t->nentries; i++)
			c += expr_cost(lw, t->entries[i], depth + 1);
	} else if (e->kind == E_NAME && e->ref == REF_FIELD) {
		c += type_words(e->ty);
	}
	c += expr_cost(lw, e->a, depth + 1) * !!e->a + expr_cost(lw, e->b, depth + 1) * !!e->b
	   + expr_cost(lw, e->c, depth + 1) * !!e->c;
	for (uint32_t i = 0; i < e->nelem; i++)
		c += expr_cost(lw, e->elem[i], depth + 1);
	return c;
}

/* Where a chain of tests goes when one fires: a block that takes the
 * return word (outcome | ground << 8) by a phi, one incoming edge per
 * test. */
typedef struct landing {
	LLVMBasicBlockRef bb;
	LLVMBasicBlockRef *from;
	LLVMValueRef *val;
	size_t n, cap;
} landing;

static void land_edge(cg *g, landing *l, uint32_t ret)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->from = xrealloc(l->from, l->cap * sizeof *l->from);
		l->val = xrealloc(l->val, l->cap * sizeof *l->val);
	}
	l->from[l->n] = LLVMGetInsertBlock(g->b);
	l->val[l->n++] = K32(g, ret);
}

/* If `c`, to `l` with `ret`; else on. */
static void test_to(cg *g, LLVMValueRef c, landing *l, uint32_t ret)
{
	if (is_const(c, 0))
		return;
	LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
	LLVMBasicBlockRef next = LLVMAppendBasicBlockInContext(g->ctx, fn, "next");
	land_edge(g, l, ret);
	if (LLVMIsAConstantInt(c))   /* always: what follows is unreachable */
		LLVMBuildBr(g->b, l->bb);
	else
		LLVMBuildCondBr(g->b, c, l->bb, next);
	LLVMPositionBuilderAtEnd(g->b, next);
}

static int cost_cmp(const void *pa, const void *pb)
{
	const uint32_t *a = pa, *b = pb;   /* cost, rule */
	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1) : (a[1] > b[1]) - (a[1] < b[1]);
}

static void noinline(cg *g, LLVMValueRef fn)
{
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateEnumAttribute(g->ctx, LLVMGetEnumAttributeKindForName(LIT("noinline")), 0));
}

/* The members of key field `f` that some rule of `actions` (bits 1 <<
 * PA_*) keyed on it names, and how many rules there are; NULL if none. */
static uint64_t *named_members(cg *g, uint32_t f, unsigned actions, uint32_t *nrules)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	uint64_t *named = NULL;
	uint32_t nmembers = 0;
	*nrules = 0;
	for (size_t r = 0; r < s->nrules; r++) {
		const lw_rule *ru = &lw->rules[r];
		if (ru->key_field != f || !(actions >> ru->action & 1))
			continue;
		if (!named) {
			nmembers = s->enums[s->fields[f].enum_index].nmembers;
			named = arena_alloc(g->ar, LP_BITWORDS(nmembers) * sizeof *named + 8);
			memset(named, 0, LP_BITWORDS(nmembers) * sizeof *named + 8);
		}
		for (uint32_t w = 0; w < LP_BITWORDS(nmembers); w++)
			named[w] |= ru->key_members[w];
		(*nrules)++;
	}
	return named;
}

/* The rules of `actions` keyed on field f that name member m, into
 * `list`; how many. */
static uint32_t case_rules(cg *g, uint32_t f, uint32_t m, unsigned actions, uint32_t *list)
{
	uint32_t nl = 0;
	for (size_t r = 0; r < g->lw->schema.nrules; r++) {
		const lw_rule *ru = &g->lw->rules[r];
		if (ru->key_field == f && (actions >> ru->action & 1) && lp_bit(ru->key_members, m))
			list[nl++] = (uint32_t)r;
	}
	return nl;
}

/* A switch on enum field `f` with room for a case per named member;
 * members not named go to `other`. */
static LLVMValueRef member_switch(cg *g, uint32_t f, const uint64_t *named, uint32_t nmembers,
                                  LLVMBasicBlockRef other)
{
	uint32_t ncases = 0;
	for (uint32_t m = 0; m < nmembers; m++)
		ncases += lp_bit(named, m);
	return LLVMBuildSwitch(g->b, load_field(g, f, 0), other, ncases);
}

/* Member m's case of `sw` in function `fn`, the builder placed in it. */
static void member_case(cg *g, LLVMValueRef sw, LLVMValueRef fn, uint32_t m)
{
	LLVMBasicBlockRef cb = LLVMAppendBasicBlockInContext(g->ctx, fn, "case");
	LLVMAddCase(sw, K64(g, m), cb);
	LLVMPositionBuilderAtEnd(g->b, cb);
}

/* Bits of the block's words from `at`, loaded. */
static bits load_bits(cg *g, LLVMValueRef block, uint32_t at, size_t nbits)
{
	bits b = bits_new(g, nbits);
	for (uint32_t i = 0; i < b.n; i++)
		b.w[i] = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, at + i), "");
	return b;
}

/* The block's words from `at` or-ed with the words of `s` that may be set. */
static void or_bits(cg *g, LLVMValueRef block, uint32_t at, const bits *s)
{
	for (uint32_t i = 0; i < s->n; i++) {
		if (is_const(s->w[i], 0) && !s->one[i])
			continue;
		LLVMValueRef p = word_ptr(g, block, at + i);
		LLVMBuildStore(g->b, build_or(g, LLVMBuildLoad2(g->b, g->i64, p, ""), bits_word(g, s, i)), p);
	}
}

static LLVMValueRef by_ptr(cg *g, LLVMValueRef block, const lp_block_layout *L, uint32_t c)
{
	LLVMValueRef base = LLVMBuildBitCast(g->b, word_ptr(g, block, L->exempted_by), g->p32, "");
	LLVMValueRef idx = K64(g, c);
	return LLVMBuildInBoundsGEP2(g->b, g->i32, base, &idx, 1, "");
}

/* The parts of a decision function are functions of their own (internal,
 * called once): each kind of chain in pieces of at most `chunk` tests, the
 * obligations' values in pieces of `chunk` rules.  A large agreement
 * then builds in seconds (LLVM's passes grow faster than linearly with a
 * function's size); a small one has one piece of each, which LLVM
 * inlines. */
typedef struct parts {
	LLVMValueRef *fn;
	size_t n, cap;
	int many;                   /* some kind came in more than one piece */
} parts;

static LLVMValueRef part_new(cg *g, parts *p, const char *what, uint32_t n, enum fn_kind kind)
{
	char name[64];
	snprintf(name, sizeof name, "pacta_decide.%s%u", what, n);
	LLVMValueRef fn = decide_fn(g, name, kind);
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->fn = xrealloc(p->fn, p->cap * sizeof *p->fn);
	}
	p->fn[p->n++] = fn;
	return fn;
}

/* A part that tests rules: `i1 name(req, block)`, true when one fires;
 * the tests are built by the caller between the two calls. */
static landing tests_begin(cg *g, parts *p, const char *what, uint32_t n)
{
	LLVMValueRef fn = part_new(g, p, what, n, FN_TEST);
	landing l = { LLVMAppendBasicBlockInContext(g->ctx, fn, "fired"), NULL, NULL, 0, 0 };
	return l;
}

static void tests_end(cg *g, landing *l)
{
	LLVMBuildRet(g->b, K1(g, 0));
	LLVMPositionBuilderAtEnd(g->b, l->bb);
	LLVMBuildRet(g->b, K1(g, 1));
	free(l->from);
	free(l->val);
}

/* A rule's test in a part that tests rules: to its `fired` block (which
 * takes no phi) when it fires. */
static void test_rule(cg *g, const lw_rule *ru, landing *l)
{
	LLVMBasicBlockRef next = new_block(g, "next");
	g->branched = 0;
	rule_branch(g, ru, l->bb, next);
	g->branched = 0;
	LLVMPositionBuilderAtEnd(g->b, next);
}

/* The chain of the rules whose action is in `actions`, as parts, appended
 * to `out`: for each key field, its indexed rules under a switch (one case
 * per member some rule names); then the others, cheapest first. */
static void chain_parts(cg *g, unsigned actions, const char *what, uint32_t chunk, parts *p, parts *out)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	size_t nr = s->nrules, first = p->n;
	uint32_t n = 0;
	for (uint32_t f = 0; f < s->nfields; f++) {
		uint32_t nk, nmembers = 0;
		uint64_t *named = named_members(g, f, actions, &nk);
		if (!named)
			continue;
		nmembers = s->enums[s->fields[f].enum_index].nmembers;
		/* many rules: each case tested by functions of their own, of
		 * at most `chunk` tests each */
		LLVMValueRef **cases = NULL;
		uint32_t *ncase = NULL;
		if (nk > chunk) {
			cases = arena_alloc(g->ar, nmembers * sizeof *cases);
			ncase = arena_alloc(g->ar, nmembers * sizeof *ncase);
			uint32_t *list = xcalloc(nr + 1, sizeof *list);
			for (uint32_t m = 0; m < nmembers; m++) {
				ncase[m] = 0;
				if (!lp_bit(named, m))
					continue;
				uint32_t nl = case_rules(g, f, m, actions, list);
				cases[m] = arena_alloc(g->ar, (nl / chunk + 1) * sizeof **cases);
				for (uint32_t i = 0; i < nl; i += chunk) {
					char name[64];
					snprintf(name, sizeof name, "%scase%u.%u.%u.", what, f, m, ncase[m]);
					landing l = tests_begin(g, p, name, n);
					cases[m][ncase[m]] = p->fn[--p->n];   /* not a part of the chain */
					noinline(g, cases[m][ncase[m]++]);
					g->known_field = f;
					g->known_value = m;
					for (uint32_t j = i; j < nl && j < i + chunk; j++)
						test_rule(g, &lw->rules[list[j]], &l);
					tests_end(g, &l);
				}
			}
			free(list);
		}
		landing l = tests_begin(g, p, what, n++);
		LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(g->b));
		LLVMValueRef args[2] = { g->req, LLVMGetParam(fn, 1) };
		memo m0 = memo_save(g);
		LLVMBasicBlockRef after = LLVMAppendBasicBlockInContext(g->ctx, fn, "unindexed");
		LLVMValueRef sw = member_switch(g, f, named, nmembers, after);
		for (uint32_t m = 0; m < nmembers; m++) {
			if (!lp_bit(named, m))
				continue;
			member_case(g, sw, fn, m);
			if (cases) {
				for (uint32_t i = 0; i < ncase[m]; i++)
					test_to(g, LLVMBuildCall2(g->b, LLVMGlobalGetValueType(cases[m][i]), cases[m][i],
					                          args, 2, ""), &l, 0);
			} else {
				g->known_field = f;
				g->known_value = m;
				for (size_t r = 0; r < nr; r++) {
					const lw_rule *ru = &lw->rules[r];
					if (ru->key_field == f && (actions >> ru->action & 1) && lp_bit(ru->key_members, m))
						test_rule(g, ru, &l);
				}
				g->known_field = LW_NONE;
			}
			LLVMBuildBr(g->b, after);
			memo_restore(g, &m0);
		}
		LLVMPositionBuilderAtEnd(g->b, after);
		tests_end(g, &l);
	}
	uint32_t *order = xcalloc(2 * (nr + 1), sizeof *order);
	size_t k = 0;
	for (size_t r = 0; r < nr; r++) {
		const lw_rule *ru = &lw->rules[r];
		if (ru->key_field != LW_NONE || !(actions >> ru->action & 1))
			continue;
		order[2 * k] = expr_cost(lw, ru->when, 0) + expr_cost(lw, ru->unless, 0);
		order[2 * k++ + 1] = (uint32_t)r;
	}
	qsort(order, k, 2 * sizeof *order, cost_cmp);
	uint32_t pieces = 0;
	for (size_t i = 0; i < k; i += chunk) {
		landing l = tests_begin(g, p, what, n++);
		for (size_t j = i; j < k && j < i + chunk; j++)
			test_rule(g, &lw->rules[order[2 * j + 1]], &l);
		tests_end(g, &l);
		pieces++;
	}
	p->many |= pieces > 1;
	free(order);
	for (size_t i = first; i < p->n; i++) {
		if (out->n == out->cap) {
			out->cap = out->cap ? 2 * out->cap : 16;
			out->fn = xrealloc(out->fn, out->cap * sizeof *out->fn);
		}
		out->fn[out->n++] = p->fn[i];
	}
}

/* Whether a rule among r0 to r1 (at most the last) imposes one of the
 * obligations in `rep`. */
static int imposes(const lw_program *lw, const uint64_t *rep, uint32_t r0, uint32_t r1)
{
	for (uint32_t r = r0; r < r1 && r < lw->schema.nrules; r++)
		if (lw->rules[r].action == PA_OBLIGE && lp_bit(rep, lw->rules[r].oblig))
			return 1;
	return 0;
}

/* Rule `ru`'s value combined into `v` (its words read from the block when
 * first needed); whether it fires, or NULL when it never does. */
static LLVMValueRef impose(cg *g, const lw_rule *ru, LLVMValueRef *v, LLVMValueRef block, const lp_block_layout *L)
{
	const lp_oblig_desc *od = &g->lw->schema.obligs[ru->oblig];
	LLVMValueRef fr = LLVMBuildAnd(g->b, active(g, ru->clause), cond(g, ru), "");
	if (is_const(fr, 0))
		return NULL;
	if (od->combine == PC_FLAG)
		return fr;
	for (uint32_t j = 0; j < od->nslots; j++)
		if (!v[od->slot + j])
			v[od->slot + j] = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->oblig_val + od->slot + j), "");
	combine(g, od, v + od->slot, ru, fr);
	return fr;
}

/* The values of the obligations in `rep` imposed by rules r0 to r1, as a
 * part: each imposed obligation's bit set in the block, its value
 * combined into the block's value words.  The `only` part of an outcome
 * (all its rules in one piece, as in any but a large agreement) writes
 * every obligation word itself, from nothing: the set words, each value
 * kept where imposed and 0 elsewhere; so nothing passes through memory
 * between the caller and the part (LLVM would not see through that at
 * the distance of a long part). */
static void values_part(cg *g, parts *p, const char *what, const uint64_t *rep, uint32_t r0, uint32_t r1,
                        uint32_t n, const lp_block_layout *L, int only)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	LLVMValueRef fn = part_new(g, p, what, n, FN_PART);
	LLVMValueRef block = LLVMGetParam(fn, 1);
	LLVMValueRef *v = tmp_words(g, s->noblig_slots);
	memset(v, 0, s->noblig_slots * sizeof *v);
	bits set = bits_new(g, s->noblig);
	if (!only) {
		for (uint32_t r = r0; r < r1; r++) {
			const lw_rule *ru = &lw->rules[r];
			LLVMValueRef fr;
			if (ru->action == PA_OBLIGE && lp_bit(rep, ru->oblig) && (fr = impose(g, ru, v, block, L)))
				bits_put(g, &set, ru->oblig, fr);
		}
		or_bits(g, block, L->oblig_set, &set);
		for (uint32_t j = 0; j < s->noblig_slots; j++)
			if (v[j])
				LLVMBuildStore(g->b, v[j], word_ptr(g, block, L->oblig_val + j));
		LLVMBuildRetVoid(g->b);
		return;
	}
	/* the only part: one obligation at a time, its value stored as soon
	 * as it is known, so that few values are live at once (all of them
	 * until the end spill registers) */
	for (uint32_t o = 0; o < s->noblig; o++) {
		const lp_oblig_desc *od = &s->obligs[o];
		LLVMValueRef has = K1(g, 0), fr;
		if (lp_bit(rep, o) && od->combine != PC_FLAG)
			combine_unit(g, od, v + od->slot);
		for (uint32_t r = r0; r < r1 && lp_bit(rep, o); r++)
			if (lw->rules[r].action == PA_OBLIGE && lw->rules[r].oblig == o &&
			    (fr = impose(g, &lw->rules[r], v, block, L)))
				has = build_or(g, has, fr);
		bits_put(g, &set, o, has);
		/* a value where its obligation is not imposed is 0 */
		for (uint32_t j = 0; j < od->nslots; j++)
			LLVMBuildStore(g->b, v[od->slot + j] ? build_select(g, has, v[od->slot + j], K64(g, 0))
			                                     : K64(g, 0),
			               word_ptr(g, block, L->oblig_val + od->slot + j));
	}
	store_bits(g, block, L->oblig_set, &set);
	LLVMBuildRetVoid(g->b);
}

static void calls_add(parts *out, LLVMValueRef fn)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 16;
		out->fn = xrealloc(out->fn, out->cap * sizeof *out->fn);
	}
	out->fn[out->n++] = fn;
}

/* The fast entry's end (module_abi.h, lp_fast_fn): the outcome and the
 * ground `r` (outcome | ground << 8) into bytes 0 and 1 of the head word,
 * and 0 returned.  The 0 of the function the entry ends by jumping to
 * (`opaque`) passes through an empty asm: where LLVM sees that a callee
 * returns a constant it puts the constant in place of the call's result,
 * and the jump becomes a call and a return. */
static void fast_return(cg *g, LLVMValueRef head, LLVMValueRef r, int opaque)
{
	LLVMValueRef zero = K32(g, 0);
	if (opaque) {
		char text[] = "", constraints[] = "=r,0";
		LLVMTypeRef fty = LLVMFunctionType(g->i32, &g->i32, 1, 0);
		LLVMValueRef asm_ = LLVMGetInlineAsm(fty, text, 0, constraints, strlen(constraints), 0, 0,
		                                     LLVMInlineAsmDialectATT, 0);
		zero = LLVMBuildCall2(g->b, fty, asm_, &zero, 1, "");
	}
	LLVMValueRef at = LLVMBuildBitCast(g->b, head, g->p8, "outcome");
	LLVMValueRef one = K64(g, 1);
	LLVMSetAlignment(LLVMBuildStore(g->b, LLVMBuildTrunc(g->b, r, g->i8, ""), at), 8);
	LLVMSetAlignment(LLVMBuildStore(g->b, LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, r, K32(g, 8), ""), g->i8, ""),
	                                LLVMBuildInBoundsGEP2(g->b, g->i8, at, &one, 1, "ground")), 1);
	LLVMBuildRet(g->b, zero);
}

/* The obligations that go with the outcomes landing at `l` (their set
 * `rep`): the only value part called, which writes them all; or, with
 * several, the words cleared to each combination's identity, the parts
 * called, then each value kept only where imposed; then the return. */
static void fast_obligations(cg *g, landing *l, LLVMValueRef head, LLVMValueRef block, const lp_block_layout *L,
                             const uint64_t *rep, const parts *values, int opaque)
{
	const lp_schema *s = &g->lw->schema;
	LLVMPositionBuilderAtEnd(g->b, l->bb);
	if (!l->n) {
		LLVMBuildUnreachable(g->b);
		return;
	}
	LLVMValueRef ret = LLVMBuildPhi(g->b, g->i32, "ret");
	LLVMAddIncoming(ret, l->val, l->from, (unsigned)l->n);
	int any = 0;
	for (uint32_t o = 0; o < s->noblig; o++)
		any |= lp_bit(rep, o);
	LLVMValueRef args[2] = { g->req, block };
	if (values->n == 1) {
		/* the only part writes every word (values_part) */
		LLVMBuildCall2(g->b, LLVMGlobalGetValueType(values->fn[0]), values->fn[0], args, 2, "");
		fast_return(g, head, ret, opaque);
		return;
	}
	store_zeros(g, block, L->oblig_set, L->oblig_val);
	for (uint32_t o = 0; o < s->noblig; o++) {
		const lp_oblig_desc *od = &s->obligs[o];
		LLVMValueRef *v = tmp_words(g, od->nslots);
		if (lp_bit(rep, o) && od->combine != PC_FLAG)
			combine_unit(g, od, v);
		else
			for (uint32_t j = 0; j < od->nslots; j++)
				v[j] = K64(g, 0);
		store_words(g, block, L->oblig_val + od->slot, v, od->nslots);
	}
	if (any) {
		for (size_t i = 0; i < values->n; i++)
			LLVMBuildCall2(g->b, LLVMGlobalGetValueType(values->fn[i]), values->fn[i], args, 2, "");
		/* a value where its obligation is not imposed is 0 */
		for (uint32_t o = 0; o < s->noblig; o++) {
			const lp_oblig_desc *od = &s->obligs[o];
			if (!lp_bit(rep, o) || od->combine == PC_FLAG)
				continue;
			LLVMValueRef w = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->oblig_set + o / 64), "");
			LLVMValueRef has = LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, w, K64(g, o % 64), ""), g->i1, "");
			for (uint32_t j = 0; j < od->nslots; j++) {
				LLVMValueRef p = word_ptr(g, block, L->oblig_val + od->slot + j);
				LLVMBuildStore(g->b, build_select(g, has, LLVMBuildLoad2(g->b, g->i64, p, ""), K64(g, 0)), p);
			}
		}
	}
	fast_return(g, head, ret, opaque);
}

/* One entry function of the fast path: with `first`, step 0 and the
 * refusing rules, then (when nothing refused) a tail call of `then`;
 * without, the referring and granting rules and the default.  Each ends in
 * the landings of its outcomes.  The two are apart so that a refusal, the
 * common case of much traffic, runs in a small function that saves few
 * registers; the one that computes the obligations of a grant or a
 * referral pays for its own. */
static LLVMValueRef fast_entry(cg *g, const char *name, int first, LLVMValueRef then, uint32_t chunk,
                               parts *p)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	lp_block_layout L;
	lp_block_offsets(s, &L);

	/* per outcome, the obligations that go with it; outcomes alike share
	 * a landing and its value parts */
	size_t ow = LP_BITWORDS(s->noblig) + 1;
	uint64_t *rep[PO__COUNT];
	int li[PO__COUNT];
	for (int o = 0; o < PO__COUNT; o++) {
		rep[o] = arena_alloc(g->ar, ow * sizeof *rep[o]);
		memset(rep[o], 0, ow * sizeof *rep[o]);
		for (uint32_t j = 0; j < s->noblig; j++)
			if (s->obligs[j].on >> o & 1)
				lp_bit_set(rep[o], j);
		li[o] = o;
		for (int q = 0; q < o; q++)
			if (!memcmp(rep[q], rep[o], ow * sizeof *rep[o])) {
				li[o] = li[q];
				break;
			}
	}
	/* the outcomes this function can land on */
	int lands[PO__COUNT] = { 0 };
	if (first) {
		lands[PO_REFUSE] = 1;
	} else {
		lands[PO_REFER] = lands[PO_GRANT] = 1;
		lands[s->default_outcome] = 1;
	}

	/* the parts first: each moves the builder */
	parts values[PO__COUNT], refuse = { 0 }, refer = { 0 }, grant = { 0 };
	memset(values, 0, sizeof values);
	for (int o = 0; o < PO__COUNT; o++) {
		int needed = 0;
		for (int q = 0; q < PO__COUNT; q++)
			needed |= li[q] == o && lands[q];
		if (!needed)
			continue;
		uint32_t n = 0, pieces = 0;
		for (uint32_t r0 = 0; r0 < s->nrules; r0 += chunk)
			pieces += imposes(lw, rep[o], r0, r0 + chunk);
		for (uint32_t r0 = 0; r0 < s->nrules; r0 += chunk) {
			if (!imposes(lw, rep[o], r0, r0 + chunk))
				continue;
			char what[32];
			snprintf(what, sizeof what, "%s%s.values", first ? "" : "kept.", lp_outcome_names[o]);
			values_part(g, p, what, rep[o], r0, r0 + chunk < s->nrules ? r0 + chunk : s->nrules, n++, &L,
			            pieces == 1);
			calls_add(&values[o], p->fn[p->n - 1]);
		}
		p->many |= n > 1;
	}
	if (first) {
		chain_parts(g, ACT(PA_REFUSE), "refuse.", chunk, p, &refuse);
	} else {
		chain_parts(g, ACT(PA_REFER) | ACT(PA_MAY_REFUSE), "kept.refer.", chunk, p, &refer);
		chain_parts(g, ACT(PA_GRANT), "kept.grant.", chunk, p, &grant);
	}

	LLVMValueRef fn = decide_fn(g, name, FN_ENTRY);
	LLVMValueRef head = LLVMGetParam(fn, 1);
	LLVMSetValueName2(head, LIT("head"));
	LLVMValueRef one = K64(g, 1);
	LLVMValueRef block = LLVMBuildInBoundsGEP2(g->b, g->i64, head, &one, 1, "block");
	LLVMRemoveEnumAttributeAtIndex(fn, 2, LLVMGetEnumAttributeKindForName(LIT("writeonly")));
	landing land[PO__COUNT];
	memset(land, 0, sizeof land);
	for (int o = 0; o < PO__COUNT; o++)
		if (li[o] == o)
			land[o].bb = LLVMAppendBasicBlockInContext(g->ctx, fn, lp_outcome_names[o]);
	LLVMValueRef args[2] = { g->req, block };
	if (first) {
		/* 0. parties and dates of the agreement: refused, no
		 * obligations */
		if (lw->scope.has_header) {
			LLVMBasicBlockRef out = LLVMAppendBasicBlockInContext(g->ctx, fn, "not_in_force");
			LLVMBasicBlockRef yes = LLVMAppendBasicBlockInContext(g->ctx, fn, "decide");
			LLVMBuildCondBr(g->b, not_in_force(g), out, yes);
			LLVMPositionBuilderAtEnd(g->b, out);
			store_zeros(g, block, L.oblig_set, L.fast_end);
			fast_return(g, head, K32(g, PO_REFUSE | (PG_AGREEMENT << 8)), 0);
			LLVMPositionBuilderAtEnd(g->b, yes);
		}
		/* 3. refused */
		for (size_t i = 0; i < refuse.n; i++)
			test_to(g, LLVMBuildCall2(g->b, LLVMGlobalGetValueType(refuse.fn[i]), refuse.fn[i], args, 2, ""),
			        &land[li[PO_REFUSE]], PO_REFUSE | (PG_CLAUSES << 8));
		LLVMValueRef targs[2] = { g->req, head };
		LLVMValueRef r = LLVMBuildCall2(g->b, LLVMGlobalGetValueType(then), then, targs, 2, "");
		LLVMSetTailCall(r, 1);
		LLVMBuildRet(g->b, r);
	} else {
		/* 4. referred, granted, else the default */
		for (size_t i = 0; i < refer.n; i++)
			test_to(g, LLVMBuildCall2(g->b, LLVMGlobalGetValueType(refer.fn[i]), refer.fn[i], args, 2, ""),
			        &land[li[PO_REFER]], PO_REFER | (PG_CLAUSES << 8));
		for (size_t i = 0; i < grant.n; i++)
			test_to(g, LLVMBuildCall2(g->b, LLVMGlobalGetValueType(grant.fn[i]), grant.fn[i], args, 2, ""),
			        &land[li[PO_GRANT]], PO_GRANT | (PG_CLAUSES << 8));
		int d = s->default_outcome;
		land_edge(g, &land[li[d]], (uint32_t)d | (PG_DEFAULT << 8));
		LLVMBuildBr(g->b, land[li[d]].bb);
	}

	/* 6. the obligations */
	for (int o = 0; o < PO__COUNT; o++)
		if (li[o] == o) {
			fast_obligations(g, &land[o], head, block, &L, rep[o], &values[o], !first);
			free(land[o].from);
			free(land[o].val);
			free(values[o].fn);
		}
	free(refuse.fn);
	free(refer.fn);
	free(grant.fn);
	return fn;
}

static LLVMValueRef cg_fast(cg *g)
{
	uint32_t chunk = (uint32_t)env_limit("PACTA_CHUNK_RULES", 256, 1, 1000000000);
	parts p = { 0 };
	index_exempters(g);
	LLVMValueRef kept = fast_entry(g, "pacta_decide_kept", 0, NULL, chunk, &p);
	/* kept in a function of its own (fast_entry) */
	LLVMAddAttributeAtIndex(kept, LLVMAttributeFunctionIndex,
	                        LLVMCreateEnumAttribute(g->ctx, LLVMGetEnumAttributeKindForName(LIT("noinline")), 0));

	LLVMValueRef fn = fast_entry(g, "pacta_decide", 1, kept, chunk, &p);
	/* a large agreement's parts stay apart (the point of them) */
	if (p.many)
		for (size_t i = 0; i < p.n; i++)
			LLVMAddAttributeAtIndex(p.fn[i], LLVMAttributeFunctionIndex,
			                        LLVMCreateEnumAttribute(g->ctx, LLVMGetEnumAttributeKindForName(LIT("noinline")), 0));
	free(p.fn);
	return fn;
}

/* ---- the full function: the decision and its whole trace ----
 *
 * The trace is split into parts, each a function of its own that reads
 * and writes the block: one per key field (its indexed rules under a
 * switch), then the other rules in chunks of the exemption order (each
 * clause's exemption kept in the block's exempted words between chunks),
 * then the obligations' values in chunks; the entry calls them in that
 * order, then takes the outcome, grounds and obligations from the fired
 * words.  A function of tens of thousands of rules costs LLVM far more
 * than the same rules in functions of a few hundred, so a large agreement
 * builds in seconds; a small one has one part of each kind, which LLVM
 * inlines back into one function. */

/* A part of the trace: `void name(req, block)`, called from the entry. */
static LLVMValueRef trace_part(cg *g, const char *what, uint32_t n, LLVMValueRef *calls, size_t *ncalls)
{
	char name[64];
	snprintf(name, sizeof name, "pacta_trace.%s%u", what, n);
	LLVMValueRef fn = decide_fn(g, name, FN_PART);
	calls[(*ncalls)++] = fn;
	return fn;
}

/* 2. The indexed rules of key field `f`, under their switch; when they
 * are many, each case a function of its own. */
static void trace_indexed(cg *g, uint32_t f, uint32_t chunk, const lp_block_layout *L, LLVMValueRef *calls,
                          size_t *ncalls)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	size_t nc = s->nclauses, nr = s->nrules;
	uint32_t nk, nmembers = s->enums[s->fields[f].enum_index].nmembers;
	uint64_t *named = named_members(g, f, ~0u, &nk);
	if (nk <= chunk) {
		LLVMValueRef fn = trace_part(g, "index", f, calls, ncalls);
		LLVMValueRef *force = tmp_words(g, (uint32_t)nc);
		memset(force, 0, nc * sizeof *force);
		for (size_t r = 0; r < nr; r++)
			if (lw->rules[r].key_field == f && !force[lw->rules[r].clause])
				force[lw->rules[r].clause] = in_force(g, lw->rules[r].clause);
		bits fb = bits_new(g, nr);
		decide_indexed(g, f, force, &fb);
		or_bits(g, LLVMGetParam(fn, 1), L->fired, &fb);
		LLVMBuildRetVoid(g->b);
		return;
	}
	/* per case, its rules in pieces of at most `chunk` */
	LLVMValueRef **cases = arena_alloc(g->ar, nmembers * sizeof *cases);
	uint32_t *ncase = arena_alloc(g->ar, nmembers * sizeof *ncase);
	uint32_t *list = xcalloc(nr + 1, sizeof *list);
	for (uint32_t m = 0; m < nmembers; m++) {
		ncase[m] = 0;
		if (!lp_bit(named, m))
			continue;
		uint32_t nl = case_rules(g, f, m, ~0u, list);
		cases[m] = arena_alloc(g->ar, (nl / chunk + 1) * sizeof **cases);
		for (uint32_t i = 0; i < nl; i += chunk) {
			char name[64];
			snprintf(name, sizeof name, "pacta_trace.index%u.%u.%u", f, m, ncase[m]);
			LLVMValueRef piece = decide_fn(g, name, FN_PART);
			noinline(g, piece);
			cases[m][ncase[m]++] = piece;
			g->known_field = f;
			g->known_value = m;
			bits fb = bits_new(g, nr);
			for (uint32_t j = i; j < nl && j < i + chunk; j++) {
				const lw_rule *ru = &lw->rules[list[j]];
				/* this piece's bits are its own: a rule that fires
				 * whenever the case is taken is a bit known here */
				bits_put_branch(g, &fb, list[j], LLVMBuildAnd(g->b, in_force(g, ru->clause), cond(g, ru), ""));
			}
			or_bits(g, LLVMGetParam(piece, 1), L->fired, &fb);
			LLVMBuildRetVoid(g->b);
		}
	}
	free(list);
	LLVMValueRef fn = trace_part(g, "index", f, calls, ncalls);
	LLVMValueRef args[2] = { g->req, LLVMGetParam(fn, 1) };
	LLVMBasicBlockRef after = LLVMAppendBasicBlockInContext(g->ctx, fn, "after");
	LLVMValueRef sw = member_switch(g, f, named, nmembers, after);
	for (uint32_t m = 0; m < nmembers; m++) {
		if (!lp_bit(named, m))
			continue;
		member_case(g, sw, fn, m);
		for (uint32_t i = 0; i < ncase[m]; i++)
			LLVMBuildCall2(g->b, LLVMGlobalGetValueType(cases[m][i]), cases[m][i], args, 2, "");
		LLVMBuildBr(g->b, after);
	}
	LLVMPositionBuilderAtEnd(g->b, after);
	LLVMBuildRetVoid(g->b);
}

/* 3. The other rules of the clauses at positions k0 to k1 of the exemption
 * order, each rule's fired bit set as soon as it is known; a clause's
 * exemption read from the block when first needed and written back. */
static void trace_rules(cg *g, uint32_t k0, uint32_t k1, uint32_t n, const lp_block_layout *L,
                        LLVMValueRef *calls, size_t *ncalls)
{
	const lw_program *lw = g->lw;
	size_t nc = lw->schema.nclauses;
	LLVMValueRef fn = trace_part(g, "rules", n, calls, ncalls);
	LLVMValueRef block = LLVMGetParam(fn, 1);
	LLVMValueRef *ex = tmp_words(g, (uint32_t)nc), *by = tmp_words(g, (uint32_t)nc);
	uint8_t *changed = arena_alloc(g->ar, nc + 1);
	memset(ex, 0, nc * sizeof *ex);
	memset(by, 0, nc * sizeof *by);
	memset(changed, 0, nc + 1);
	bits fb = bits_new(g, lw->schema.nrules);
	for (uint32_t k = k0; k < k1; k++) {
		uint32_t c = lw->order[k];
		const lw_clause *cl = &lw->clauses[c];
		LLVMValueRef act = NULL;
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
			const lw_rule *r = &lw->rules[j];
			if (r->key_field != LW_NONE)
				continue;
			if (!act) {
				LLVMValueRef e = K1(g, 0);
				if (g->exempters0[c] != g->exempters0[c + 1]) {
					if (!ex[c]) {
						LLVMValueRef w = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->exempted + c / 64), "");
						ex[c] = LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, w, K64(g, c % 64), ""), g->i1, "");
					}
					e = ex[c];
				}
				act = LLVMBuildAnd(g->b, in_force(g, c), LLVMBuildNot(g->b, e, ""), "");
			}
			LLVMValueRef fr = LLVMBuildAnd(g->b, act, cond(g, r), "");
			bits_put_branch(g, &fb, j, fr);
			if (r->action != PA_EXEMPTS)
				continue;
			for (uint32_t m = 0; m < r->nexempts; m++) {
				uint32_t t = r->exempts[m];
				if (!ex[t]) {
					LLVMValueRef w = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->exempted + t / 64), "");
					ex[t] = LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, w, K64(g, t % 64), ""), g->i1, "");
				}
				if (!by[t])
					by[t] = LLVMBuildLoad2(g->b, g->i32, by_ptr(g, block, L, t), "");
				LLVMValueRef now = LLVMBuildAnd(g->b, fr, LLVMBuildAnd(g->b, in_force(g, t),
				                                LLVMBuildNot(g->b, ex[t], ""), ""), "");
				ex[t] = LLVMBuildOr(g->b, ex[t], now, "");
				by[t] = LLVMBuildSelect(g->b, now, K32(g, c), by[t], "");
				changed[t] = 1;
			}
		}
	}
	or_bits(g, block, L->fired, &fb);
	for (uint32_t t = 0; t < nc; t++) {
		if (!changed[t])
			continue;
		LLVMValueRef p = word_ptr(g, block, L->exempted + t / 64);
		LLVMValueRef bit = LLVMBuildShl(g->b, LLVMBuildZExt(g->b, ex[t], g->i64, ""), K64(g, t % 64), "");
		LLVMBuildStore(g->b, LLVMBuildOr(g->b, LLVMBuildLoad2(g->b, g->i64, p, ""), bit, ""), p);
		LLVMBuildStore(g->b, by[t], by_ptr(g, block, L, t));
	}
	LLVMBuildRetVoid(g->b);
}

/* 6. The values of the obligations imposed by rules r0 to r1, combined
 * into the block's value words (which start from each combination's
 * identity), each rule's where its fired bit is set. */
static void trace_values(cg *g, uint32_t r0, uint32_t r1, uint32_t n, const lp_block_layout *L,
                         LLVMValueRef *calls, size_t *ncalls)
{
	const lw_program *lw = g->lw;
	const lp_schema *s = &lw->schema;
	LLVMValueRef fn = trace_part(g, "values", n, calls, ncalls);
	LLVMValueRef block = LLVMGetParam(fn, 1);
	LLVMValueRef *v = tmp_words(g, s->noblig_slots), *fired = tmp_words(g, (uint32_t)LP_BITWORDS(s->nrules));
	memset(v, 0, s->noblig_slots * sizeof *v);
	memset(fired, 0, LP_BITWORDS(s->nrules) * sizeof *fired);
	for (uint32_t r = r0; r < r1; r++) {
		const lw_rule *ru = &lw->rules[r];
		const lp_oblig_desc *od = &s->obligs[ru->oblig];
		if (ru->action != PA_OBLIGE || od->combine == PC_FLAG)
			continue;
		for (uint32_t j = 0; j < od->nslots; j++)
			if (!v[od->slot + j])
				v[od->slot + j] = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->oblig_val + od->slot + j), "");
		if (!fired[r / 64])
			fired[r / 64] = LLVMBuildLoad2(g->b, g->i64, word_ptr(g, block, L->fired + r / 64), "");
		LLVMValueRef f = LLVMBuildTrunc(g->b, LLVMBuildLShr(g->b, fired[r / 64], K64(g, r % 64), ""), g->i1, "");
		combine(g, od, v + od->slot, ru, f);
	}
	for (uint32_t j = 0; j < s->noblig_slots; j++)
		if (v[j])
			LLVMBuildStore(g->b, v[j], word_ptr(g, block, L->oblig_val + j));
	LLVMBuildRetVoid(g->b);
}

static LLVMValueRef cg_trace(cg *g)
{
	const lw_program *lw = g->lw;
	const lw_scope *sc = &lw->scope;
	const lp_schema *s = &lw->schema;
	size_t nc = s->nclauses, nr = s->nrules;
	uint32_t chunk = (uint32_t)env_limit("PACTA_CHUNK_RULES", 256, 1, 1000000000);
	lp_block_layout L;
	lp_block_offsets(s, &L);
	index_exempters(g);

	/* the parts first (each moves the builder), then the entry that
	 * calls them */
	LLVMValueRef *calls = tmp_words(g, (uint32_t)(s->nfields + nc + nr / chunk + 3));
	size_t ncalls = 0;
	for (uint32_t f = 0; f < s->nfields; f++) {
		int any = 0;
		for (size_t r = 0; r < nr && !any; r++)
			any = lw->rules[r].key_field == f;
		if (any)
			trace_indexed(g, f, chunk, &L, calls, &ncalls);
	}
	uint32_t n = 0, k0 = 0, in = 0;
	for (uint32_t k = 0; k < nc; k++) {
		const lw_clause *cl = &lw->clauses[lw->order[k]];
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++)
			in += lw->rules[j].key_field == LW_NONE;
		if (in >= chunk || k + 1 == nc) {
			trace_rules(g, k0, k + 1, n++, &L, calls, &ncalls);
			k0 = k + 1;
			in = 0;
		}
	}
	int valued = 0;
	for (uint32_t o = 0; o < s->noblig; o++)
		valued |= s->obligs[o].combine != PC_FLAG;
	uint32_t m = 0;
	for (uint32_t r0 = 0; valued && r0 < nr; r0 += chunk)
		trace_values(g, r0, r0 + chunk < nr ? r0 + chunk : (uint32_t)nr, m++, &L, calls, &ncalls);
	/* a large agreement's parts stay apart (the point of them) */
	if (n > 1 || m > 1)
		for (size_t i = 0; i < ncalls; i++)
			LLVMAddAttributeAtIndex(calls[i], LLVMAttributeFunctionIndex,
			                        LLVMCreateEnumAttribute(g->ctx, LLVMGetEnumAttributeKindForName(LIT("noinline")), 0));

	LLVMValueRef fn = decide_fn(g, "pacta_trace", FN_ENTRY);
	LLVMValueRef block = LLVMGetParam(fn, 1);
	/* the entry reads what its parts wrote: not writeonly */
	LLVMRemoveEnumAttributeAtIndex(fn, 2, LLVMGetEnumAttributeKindForName(LIT("writeonly")));

	/* 0. parties and dates of the agreement */
	LLVMBasicBlockRef refuse_bb = NULL;
	if (sc->has_header) {
		refuse_bb = LLVMAppendBasicBlockInContext(g->ctx, fn, "not_in_force");
		LLVMBasicBlockRef yes = LLVMAppendBasicBlockInContext(g->ctx, fn, "decide");
		LLVMBuildCondBr(g->b, not_in_force(g), refuse_bb, yes);
		LLVMPositionBuilderAtEnd(g->b, yes);
	}

	/* the block cleared where the parts accumulate: no rule fired, no
	 * clause exempted, each value at its combination's identity (an
	 * exempted_by entry is written when its clause is exempted, and read
	 * only then: module_abi.h) */
	store_zeros(g, block, L.fired, L.exempted + (uint32_t)LP_BITWORDS(nc));
	for (uint32_t o = 0; o < s->noblig; o++) {
		const lp_oblig_desc *od = &s->obligs[o];
		LLVMValueRef *v = tmp_words(g, od->nslots);
		combine_unit(g, od, v);
		store_words(g, block, L.oblig_val + od->slot, v, od->nslots);
	}
	LLVMValueRef args[2] = { g->req, block };
	for (size_t i = 0; i < ncalls; i++)
		LLVMBuildCall2(g->b, LLVMGlobalGetValueType(calls[i]), calls[i], args, 2, "");

	/* 4. a refusal, if any refusing rule fired: a branch, which costs
	 * less than computing obligations that would be thrown away */
	bits fb = load_bits(g, block, L.fired, nr);
	uint64_t *refuse_mask = rule_mask(g, ACT(PA_REFUSE), 0);
	bits fr = bits_mask(g, &fb, refuse_mask);
	LLVMValueRef refused = bits_nonzero(g, &fr);
	LLVMBasicBlockRef rb = LLVMAppendBasicBlockInContext(g->ctx, fn, "refused");
	LLVMBasicBlockRef kb = LLVMAppendBasicBlockInContext(g->ctx, fn, "kept");
	LLVMBuildCondBr(g->b, refused, rb, kb);
	LLVMPositionBuilderAtEnd(g->b, rb);
	decide_refused(g, block, &L, &fb, &fr, refuse_mask, PG_CLAUSES);
	LLVMPositionBuilderAtEnd(g->b, kb);
	decide_kept(g, block, &L, &fb);

	/* step 0 refused: the block is written too, all clear */
	if (sc->has_header) {
		LLVMPositionBuilderAtEnd(g->b, refuse_bb);
		uint32_t total = L.exempted_by;
		for (uint32_t i = 0; i < total; i++)
			LLVMBuildStore(g->b, K64(g, 0), word_ptr(g, block, i));
		LLVMBuildRet(g->b, K32(g, PO_REFUSE | (PG_AGREEMENT << 8)));
	}
	return fn;
}

/* ---- the descriptor ---- */

static LLVMValueRef str(cg *g, const char *s)
{
	if (!s)
		return LLVMConstNull(g->p8);
	size_t n = strlen(s);
	LLVMValueRef init = LLVMConstStringInContext(g->ctx, s, (unsigned)n, 0);
	char name[32];
	snprintf(name, sizeof name, "pacta.s%u", g->nconst++);
	LLVMValueRef gv = LLVMAddGlobal(g->mod, LLVMTypeOf(init), name);
	LLVMSetInitializer(gv, init);
	LLVMSetGlobalConstant(gv, 1);
	LLVMSetLinkage(gv, LLVMPrivateLinkage);
	LLVMSetUnnamedAddress(gv, LLVMGlobalUnnamedAddr);
	LLVMValueRef zero[2] = { K64(g, 0), K64(g, 0) };
	return LLVMConstInBoundsGEP2(LLVMTypeOf(init), gv, zero, 2);
}

/* A private constant array of structs; returns it as an i8*. */
static LLVMValueRef array_of(cg *g, LLVMTypeRef elem, LLVMValueRef *items, size_t n)
{
	if (!n)
		return LLVMConstNull(g->p8);
	LLVMTypeRef at = LLVMArrayType(elem, (unsigned)n);
	char name[32];
	snprintf(name, sizeof name, "pacta.a%u", g->nconst++);
	LLVMValueRef gv = LLVMAddGlobal(g->mod, at, name);
	LLVMSetInitializer(gv, LLVMConstArray(elem, items, (unsigned)n));
	LLVMSetGlobalConstant(gv, 1);
	LLVMSetLinkage(gv, LLVMPrivateLinkage);
	return LLVMConstBitCast(gv, g->p8);
}

static LLVMValueRef words_ptr(cg *g, const uint64_t *w, size_t n)
{
	if (!w || !n)
		return LLVMConstNull(g->p8);
	LLVMValueRef *v = tmp_words(g, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		v[i] = K64(g, (int64_t)w[i]);
	return LLVMConstBitCast(const_words(g, v, n), g->p8);
}

/* Checks that an LLVM struct lays out like its C twin; cg_module fails
 * when one does not (emit_target_check keeps such targets out). */
static void check_layout(cg *g, LLVMTypeRef t, size_t csize, const size_t *offs, unsigned n,
                         const char *what)
{
	int same = LLVMABISizeOfType(g->td, t) == csize;
	for (unsigned i = 0; same && i < n; i++)
		same = LLVMOffsetOfElement(g->td, t, i) == offs[i];
	if (!same && !g->bad_layout)
		g->bad_layout = what;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static LLVMTypeRef st(cg *g, LLVMTypeRef *f, unsigned n)
{
	return LLVMStructTypeInContext(g->ctx, f, n, 0);
}

static void cg_descriptor(cg *g, LLVMValueRef decide, LLVMValueRef trace, const cg_options *o)
{
	const lp_schema *s = &g->lw->schema;
	LLVMTypeRef p8 = g->p8, i8 = g->i8, i32 = g->i32, i64 = g->i64;

	LLVMTypeRef ef[] = { p8, i32, p8 };
	LLVMTypeRef enum_t = st(g, ef, 3);
	size_t eo[] = { offsetof(lp_enum_desc, name), offsetof(lp_enum_desc, nmembers),
	                offsetof(lp_enum_desc, members) };
	check_layout(g, enum_t, sizeof(lp_enum_desc), eo, 3, "lp_enum_desc");
	LLVMTypeRef ff[] = { p8, i8, i8, i32, i32, i32, p8 };
	LLVMTypeRef field_t = st(g, ff, 7);
	size_t fo[] = { offsetof(lp_field_desc, name), offsetof(lp_field_desc, kind),
	                offsetof(lp_field_desc, has_default), offsetof(lp_field_desc, enum_index),
	                offsetof(lp_field_desc, slot), offsetof(lp_field_desc, nslots),
	                offsetof(lp_field_desc, defval) };
	check_layout(g, field_t, sizeof(lp_field_desc), fo, 7, "lp_field_desc");
	LLVMTypeRef of[] = { p8, i8, i8, i8, i8, i32, i32, i32, p8 };
	LLVMTypeRef obl_t = st(g, of, 9);
	size_t oo[] = { offsetof(lp_oblig_desc, name), offsetof(lp_oblig_desc, combine),
	                offsetof(lp_oblig_desc, kind), offsetof(lp_oblig_desc, on),
	                offsetof(lp_oblig_desc, bearer), offsetof(lp_oblig_desc, enum_index),
	                offsetof(lp_oblig_desc, slot), offsetof(lp_oblig_desc, nslots),
	                offsetof(lp_oblig_desc, description) };
	check_layout(g, obl_t, sizeof(lp_oblig_desc), oo, 9, "lp_oblig_desc");
	LLVMTypeRef cf[] = { p8, p8, p8, p8, p8, p8, i32, i8, i32 };
	LLVMTypeRef clause_t = st(g, cf, 9);
	size_t co[] = { offsetof(lp_clause_desc, label), offsetof(lp_clause_desc, article),
	                offsetof(lp_clause_desc, article_title), offsetof(lp_clause_desc, article_text),
	                offsetof(lp_clause_desc, title), offsetof(lp_clause_desc, file),
	                offsetof(lp_clause_desc, line), offsetof(lp_clause_desc, kind),
	                offsetof(lp_clause_desc, owner) };
	check_layout(g, clause_t, sizeof(lp_clause_desc), co, 9, "lp_clause_desc");
	LLVMTypeRef rf[] = { i32, i8, i32, p8, i32 };
	LLVMTypeRef rule_t = st(g, rf, 5);
	size_t ro[] = { offsetof(lp_rule_desc, clause), offsetof(lp_rule_desc, action),
	                offsetof(lp_rule_desc, oblig), offsetof(lp_rule_desc, reason),
	                offsetof(lp_rule_desc, line) };
	check_layout(g, rule_t, sizeof(lp_rule_desc), ro, 5, "lp_rule_desc");
	LLVMTypeRef sf[] = { p8, p8, p8, i8, p8, i32, i32, p8, i8, i8, i64, i64,
	                     i32, p8, i32, p8, i32, i32, p8, i32, i32, p8, i32, p8 };
	LLVMTypeRef schema_t = st(g, sf, 24);
	size_t so[] = { offsetof(lp_schema, title), offsetof(lp_schema, version),
	                offsetof(lp_schema, text), offsetof(lp_schema, default_outcome),
	                offsetof(lp_schema, default_reason), offsetof(lp_schema, party_enum),
	                offsetof(lp_schema, nparties), offsetof(lp_schema, parties),
	                offsetof(lp_schema, has_effective), offsetof(lp_schema, has_expires),
	                offsetof(lp_schema, effective), offsetof(lp_schema, expires),
	                offsetof(lp_schema, nenums),
	                offsetof(lp_schema, enums), offsetof(lp_schema, nfields),
	                offsetof(lp_schema, fields), offsetof(lp_schema, nslots),
	                offsetof(lp_schema, noblig), offsetof(lp_schema, obligs),
	                offsetof(lp_schema, noblig_slots), offsetof(lp_schema, nclauses),
	                offsetof(lp_schema, clauses), offsetof(lp_schema, nrules),
	                offsetof(lp_schema, rules) };
	check_layout(g, schema_t, sizeof(lp_schema), so, 24, "lp_schema");
	LLVMTypeRef sff[] = { p8, p8, i64 };
	LLVMTypeRef file_t = st(g, sff, 3);
	size_t sfo[] = { offsetof(lp_source_file, name), offsetof(lp_source_file, text),
	                 offsetof(lp_source_file, len) };
	check_layout(g, file_t, sizeof(lp_source_file), sfo, 3, "lp_source_file");
	LLVMTypeRef sif[] = { i32, i32, p8 };
	LLVMTypeRef edge_t = st(g, sif, 3);
	size_t sio[] = { offsetof(lp_source_import, from), offsetof(lp_source_import, to),
	                 offsetof(lp_source_import, name) };
	check_layout(g, edge_t, sizeof(lp_source_import), sio, 3, "lp_source_import");
	LLVMTypeRef imf[] = { p8, i32, i32, p8 };
	LLVMTypeRef imports_t = st(g, imf, 4);
	size_t imo[] = { offsetof(lp_imports, files), offsetof(lp_imports, nfiles), offsetof(lp_imports, nedges),
	                 offsetof(lp_imports, edges) };
	check_layout(g, imports_t, sizeof(lp_imports), imo, 4, "lp_imports");
	LLVMTypeRef mf[] = { i32, i32, p8, LLVMArrayType(i8, 32), LLVMArrayType(i8, 32), p8, i64, p8, schema_t,
	                     p8, p8, i64, imports_t };
	LLVMTypeRef mod_t = st(g, mf, 13);
	size_t mo[] = { offsetof(lp_module_desc, magic), offsetof(lp_module_desc, abi_version),
	                offsetof(lp_module_desc, compiler_version), offsetof(lp_module_desc, source_sha256),
	                offsetof(lp_module_desc, image_sha256),
	                offsetof(lp_module_desc, source), offsetof(lp_module_desc, source_len),
	                offsetof(lp_module_desc, source_name), offsetof(lp_module_desc, schema),
	                offsetof(lp_module_desc, decide), offsetof(lp_module_desc, trace),
	                offsetof(lp_module_desc, layout), offsetof(lp_module_desc, imports) };
	check_layout(g, mod_t, sizeof(lp_module_desc), mo, 13, "lp_module_desc");

	LLVMValueRef *items = arena_alloc(g->ar, (s->nenums + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nenums; i++) {
		const lp_enum_desc *e = &s->enums[i];
		LLVMValueRef *names = arena_alloc(g->ar, (e->nmembers + 1) * sizeof *names);
		for (uint32_t j = 0; j < e->nmembers; j++)
			names[j] = str(g, e->members[j]);
		LLVMValueRef v[] = { str(g, e->name), K32(g, e->nmembers), array_of(g, p8, names, e->nmembers) };
		items[i] = LLVMConstNamedStruct(enum_t, v, 3);
	}
	LLVMValueRef enums = array_of(g, enum_t, items, s->nenums);

	items = arena_alloc(g->ar, (s->nfields + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		LLVMValueRef v[] = { str(g, f->name), LLVMConstInt(i8, f->kind, 0), LLVMConstInt(i8, f->has_default, 0),
		                     K32(g, f->enum_index), K32(g, f->slot), K32(g, f->nslots),
		                     f->has_default ? words_ptr(g, f->defval, f->nslots) : LLVMConstNull(p8) };
		items[i] = LLVMConstNamedStruct(field_t, v, 7);
	}
	LLVMValueRef fields = array_of(g, field_t, items, s->nfields);

	items = arena_alloc(g->ar, (s->noblig + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->noblig; i++) {
		const lp_oblig_desc *ob = &s->obligs[i];
		LLVMValueRef v[] = { str(g, ob->name), LLVMConstInt(i8, ob->combine, 0), LLVMConstInt(i8, ob->kind, 0),
		                     LLVMConstInt(i8, ob->on, 0), LLVMConstInt(i8, ob->bearer, 0),
		                     K32(g, ob->enum_index), K32(g, ob->slot), K32(g, ob->nslots),
		                     str(g, ob->description) };
		items[i] = LLVMConstNamedStruct(obl_t, v, 9);
	}
	LLVMValueRef obligs = array_of(g, obl_t, items, s->noblig);

	items = arena_alloc(g->ar, (s->nclauses + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nclauses; i++) {
		const lp_clause_desc *cd = &s->clauses[i];
		/* no file name: a module must not depend on where or under
		 * which name it was built; the line points into `source` for
		 * clauses of the main file */
		LLVMValueRef v[] = { str(g, cd->label), str(g, cd->article), str(g, cd->article_title),
		                     str(g, cd->article_text), str(g, cd->title),
		                     str(g, g->lw->clauses[i].file == 0 ? "" : base_name(cd->file)),
		                     K32(g, cd->line), LLVMConstInt(i8, cd->kind, 0), K32(g, cd->owner) };
		items[i] = LLVMConstNamedStruct(clause_t, v, 9);
	}
	LLVMValueRef clauses = array_of(g, clause_t, items, s->nclauses);

	items = arena_alloc(g->ar, (s->nrules + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nrules; i++) {
		const lp_rule_desc *rd = &s->rules[i];
		LLVMValueRef v[] = { K32(g, rd->clause), LLVMConstInt(i8, rd->action, 0), K32(g, rd->oblig),
		                     str(g, rd->reason), K32(g, rd->line) };
		items[i] = LLVMConstNamedStruct(rule_t, v, 5);
	}
	LLVMValueRef rules = array_of(g, rule_t, items, s->nrules);

	items = arena_alloc(g->ar, (s->nparties + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nparties; i++)
		items[i] = K32(g, s->parties[i]);
	LLVMValueRef parties = array_of(g, i32, items, s->nparties);

	LLVMValueRef sv[] = { str(g, s->title), str(g, s->version), str(g, s->text),
	                      LLVMConstInt(i8, s->default_outcome, 0), str(g, s->default_reason),
	                      K32(g, s->party_enum), K32(g, s->nparties), parties,
	                      LLVMConstInt(i8, s->has_effective, 0), LLVMConstInt(i8, s->has_expires, 0),
	                      K64(g, s->has_effective ? s->effective : 0),
	                      K64(g, s->has_expires ? s->expires : 0),
	                      K32(g, s->nenums), enums, K32(g, s->nfields), fields, K32(g, s->nslots),
	                      K32(g, s->noblig), obligs, K32(g, s->noblig_slots), K32(g, s->nclauses),
	                      clauses, K32(g, s->nrules), rules };
	LLVMValueRef schema = LLVMConstNamedStruct(schema_t, sv, 24);

	const lp_imports *im = &o->imports;
	items = arena_alloc(g->ar, (im->nfiles + 1) * sizeof *items);
	for (uint32_t i = 0; i < im->nfiles; i++) {
		const lp_source_file *f = &im->files[i];
		LLVMValueRef v[] = { str(g, f->name), str(g, f->text), K64(g, f->len) };
		items[i] = LLVMConstNamedStruct(file_t, v, 3);
	}
	LLVMValueRef files = array_of(g, file_t, items, im->nfiles);
	items = arena_alloc(g->ar, (im->nedges + 1) * sizeof *items);
	for (uint32_t i = 0; i < im->nedges; i++) {
		const lp_source_import *e = &im->edges[i];
		LLVMValueRef v[] = { K32(g, e->from), K32(g, e->to), str(g, e->name) };
		items[i] = LLVMConstNamedStruct(edge_t, v, 3);
	}
	LLVMValueRef edges = array_of(g, edge_t, items, im->nedges);
	LLVMValueRef iv[] = { files, K32(g, im->nfiles), K32(g, im->nedges), edges };
	LLVMValueRef imports = LLVMConstNamedStruct(imports_t, iv, 4);

	LLVMValueRef sha[32];
	for (int i = 0; i < 32; i++)
		sha[i] = LLVMConstInt(i8, o->sha256[i], 0);
	/* the image's hash is written in once the module is linked
	 * (compiler/emit.c, runtime/image.c) */
	LLVMValueRef mv[] = { K32(g, LP_MODULE_MAGIC), K32(g, LP_ABI_VERSION),
	                      str(g, PACTAC_VERSION_STRING), LLVMConstArray(i8, sha, 32),
	                      LLVMConstNull(LLVMArrayType(i8, 32)),
	                      str(g, o->source), LLVMConstInt(i64, o->source_len, 0),
	                      str(g, o->source_name), schema, LLVMConstBitCast(decide, p8),
	                      LLVMConstBitCast(trace, p8), LLVMConstInt(i64, lp_layout_fingerprint(s, g->places, g->data_size), 0),
	                      imports };
	LLVMValueRef desc = LLVMAddGlobal(g->mod, mod_t, LP_MODULE_SYMBOL);
	LLVMSetInitializer(desc, LLVMConstNamedStruct(mod_t, mv, 13));
	LLVMSetGlobalConstant(desc, 1);
	LLVMSetLinkage(desc, LLVMExternalLinkage);
	LLVMSetVisibility(desc, LLVMDefaultVisibility);
}

int cg_is_trace(LLVMValueRef v)
{
	size_t len;
	const char *nm = LLVMGetValueName2(v, &len);
	return LLVMIsAFunction(v) && len >= 11 && !memcmp(nm, "pacta_trace", 11);
}

int cg_module(const lw_program *lw, const cg_options *o, cg_result *out, char **error)
{
	cg g = { 0 };
	g.lw = lw;
	g.ar = lw->ar;
	g.ctx = LLVMContextCreate();
	g.mod = LLVMModuleCreateWithNameInContext("pacta", g.ctx);
	/* a fixed name: LLVM writes it into the object's symbol table */
	LLVMSetSourceFileName(g.mod, LIT("agreement.pacta"));
	LLVMSetTarget(g.mod, o->triple);
	g.td = LLVMCreateTargetDataLayout(o->tm);
	char *layout = LLVMCopyStringRepOfTargetData(g.td);
	LLVMSetDataLayout(g.mod, layout);
	LLVMDisposeMessage(layout);
	g.b = LLVMCreateBuilderInContext(g.ctx);
	g.i1 = LLVMInt1TypeInContext(g.ctx);
	g.i8 = LLVMInt8TypeInContext(g.ctx);
	g.i16 = LLVMInt16TypeInContext(g.ctx);
	g.i32 = LLVMInt32TypeInContext(g.ctx);
	g.i64 = LLVMInt64TypeInContext(g.ctx);
	g.p8 = LLVMPointerType(g.i8, 0);
	g.p32 = LLVMPointerType(g.i32, 0);
	g.p64 = LLVMPointerType(g.i64, 0);
	g.defs = arena_alloc(g.ar, (lw->ndefines + 1) * sizeof *g.defs);
	g.places = arena_alloc(g.ar, (lw->schema.nfields + 1) * sizeof *g.places);
	g.loaded = arena_alloc(g.ar, (lw->schema.nslots + 1) * sizeof *g.loaded);
	g.known_field = LW_NONE;
	g.data_size = lp_request_places(&lw->schema, g.places);
	unsigned sadd = LLVMLookupIntrinsicID(LIT("llvm.sadd.sat"));
	unsigned ssub = LLVMLookupIntrinsicID(LIT("llvm.ssub.sat"));
	g.sadd = LLVMGetIntrinsicDeclaration(g.mod, sadd, &g.i64, 1);
	g.ssub = LLVMGetIntrinsicDeclaration(g.mod, ssub, &g.i64, 1);
	g.sat_ty = LLVMIntrinsicGetType(g.ctx, sadd, &g.i64, 1);

	LLVMValueRef decide = cg_fast(&g);
	/* A large agreement's trace, read only for grounds and texts, is
	 * built without LLVM's optimisations, which would take most of the
	 * build (docs/language.md, Limits: PACTA_TRACE_OPT_RULES). */
	out->trace_apart = lw->schema.nrules > (uint32_t)env_limit("PACTA_TRACE_OPT_RULES", 2000, 0, 1000000000);
	g.branchless = out->trace_apart;
	LLVMValueRef trace = cg_trace(&g);
	g.branchless = 0;
	if (out->trace_apart)
		for (LLVMValueRef f = LLVMGetFirstFunction(g.mod); f; f = LLVMGetNextFunction(f)) {
			if (!cg_is_trace(f))
				continue;
			noinline(&g, f);
			LLVMAddAttributeAtIndex(f, LLVMAttributeFunctionIndex,
			                        LLVMCreateEnumAttribute(g.ctx, LLVMGetEnumAttributeKindForName(LIT("optnone")), 0));
		}
	cg_descriptor(&g, decide, trace, o);
	LLVMDisposeBuilder(g.b);
	free(g.undo);

	char *msg = NULL;
	if (g.bad_layout || LLVMVerifyModule(g.mod, LLVMReturnStatusAction, &msg)) {
		if (g.bad_layout)
			*error = strdup(arena_printf(g.ar, "the target lays %s out unlike this runtime", g.bad_layout));
		else
			*error = strdup(msg ? msg : "the module does not verify");
		LLVMDisposeMessage(msg);
		LLVMDisposeTargetData(g.td);
		LLVMDisposeModule(g.mod);
		LLVMContextDispose(g.ctx);
		return -1;
	}
	LLVMDisposeMessage(msg);
	LLVMDisposeTargetData(g.td);
	out->ctx = g.ctx;
	out->mod = g.mod;
	return 0;
}

void cg_result_free(cg_result *r)
{
	if (r->mod)
		LLVMDisposeModule(r->mod);
	if (r->ctx)
		LLVMContextDispose(r->ctx);
	r->mod = NULL;
	r->ctx = NULL;
}
