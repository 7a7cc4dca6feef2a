/*
 * codegen.c — the checked program as an LLVM module (LLVM-C API).
 *
 * One function decides a request: straight-line code over the flat request
 * (one i64 per scalar slot, a run of i64 words per set), with a single
 * branch for step 0, then every define, rule and clause in exemption order
 * as pure SSA values — bools as i1, scalars as i64, sets as one i64 per
 * word — combined with selects rather than branches.  It writes its bits
 * into the caller's cleared decision block (runtime/model.c's layout) and
 * returns outcome | ground << 8.  It calls nothing and allocates nothing;
 * the only "calls" are LLVM's saturating-arithmetic intrinsics, which are
 * instructions.  The module also carries the descriptor of
 * runtime/module_abi.h, laid out with LLVM types that match the C structs
 * (checked against offsetof when the module is built).
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
	const checked *c;
	arena *ar;
	LLVMContextRef ctx;
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	LLVMTargetDataRef td;
	LLVMTypeRef i1, i8, i32, i64, p8, p64, p32;
	LLVMValueRef req;
	LLVMValueRef **defs;          /* per define: its words, once computed */
	LLVMTypeRef sat_ty;
	LLVMValueRef sadd, ssub;
	uint32_t nconst;              /* private constants made so far */
} cg;

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

static LLVMValueRef load_word(cg *g, uint32_t slot)
{
	return LLVMBuildLoad2(g->b, g->i64, word_ptr(g, g->req, slot), "");
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

static void cg_define(cg *g, const decl *d, LLVMValueRef *out)
{
	uint32_t n = type_words(d->ty);
	if (!g->defs[d->index]) {
		LLVMValueRef *w = tmp_words(g, n);
		cg_expr(g, d->value, w);
		g->defs[d->index] = w;
	}
	memcpy(out, g->defs[d->index], n * sizeof *out);
}

/* bit `x` of the set `s` (n words), as i1 */
static LLVMValueRef set_member(cg *g, LLVMValueRef *s, uint32_t n, LLVMValueRef x)
{
	LLVMValueRef word;
	LLVMValueRef hi = LLVMBuildLShr(g->b, x, K64(g, 6), "");
	int all_const = 1;
	for (uint32_t i = 0; i < n; i++)
		all_const &= LLVMIsConstant(s[i]) != 0;
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

static void cg_lookup(cg *g, const expr *e, LLVMValueRef *out)
{
	const decl *t = e->decl;
	uint32_t n = words_of(e);
	uint32_t nkeys = (uint32_t)t->key.en->members.len;
	LLVMValueRef key = cg_scalar(g, e->a);
	if (!t->uses_fields) {
		/* a constant table: one array, nkeys rows of n words */
		LLVMValueRef *rows = tmp_words(g, nkeys * n);
		uint64_t *tmp = arena_alloc(g->ar, n * sizeof(uint64_t));
		for (uint32_t k = 0; k < nkeys; k++) {
			eval_const(g->c, t->table_by_key[k], tmp);
			for (uint32_t j = 0; j < n; j++)
				rows[k * n + j] = K64(g, (int64_t)tmp[j]);
		}
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
	/* entries that read the request: a chain of selects on the key, the
	 * most common entry (usually `_`) at the bottom */
	const expr *base = t->table_by_key[0];
	cg_expr(g, base, out);
	LLVMValueRef *w = tmp_words(g, n);
	for (uint32_t k = 1; k < nkeys; k++) {
		const expr *x = t->table_by_key[k];
		if (x == base)
			continue;
		cg_expr(g, x, w);
		LLVMValueRef is = LLVMBuildICmp(g->b, LLVMIntEQ, key, K64(g, k), "");
		for (uint32_t j = 0; j < n; j++)
			out[j] = LLVMBuildSelect(g->b, is, w[j], out[j], "");
	}
}

static LLVMValueRef sat(cg *g, LLVMValueRef fn, LLVMValueRef a, LLVMValueRef b)
{
	LLVMValueRef args[2] = { a, b };
	return LLVMBuildCall2(g->b, g->sat_ty, fn, args, 2, "");
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
			const pacta_field_desc *f = &g->c->schema.fields[e->decl->index];
			for (uint32_t i = 0; i < f->nslots; i++)
				out[i] = load_word(g, f->slot + i);
			if (is_bool(e->ty))
				out[0] = LLVMBuildICmp(g->b, LLVMIntNE, out[0], K64(g, 0), "");
		} else {
			cg_define(g, e->decl, out);
		}
		return;
	case E_SET:
		n = words_of(e);
		for (uint32_t i = 0; i < n; i++)
			out[i] = K64(g, 0);
		for (size_t i = 0; i < e->elems.len; i++) {
			const expr *m = e->elems.items[i];
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
		out[0] = sat(g, e->kind == E_ADD ? g->sadd : g->ssub, cg_scalar(g, e->a), cg_scalar(g, e->b));
		if (e->ty.kind == PK_DATE) {   /* the calendar's ends, as eval.c */
			LLVMValueRef lo = K64(g, PACTA_DATE_MIN), hi = K64(g, PACTA_DATE_MAX);
			out[0] = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSLT, out[0], lo, ""), lo, out[0], "");
			out[0] = LLVMBuildSelect(g->b, LLVMBuildICmp(g->b, LLVMIntSGT, out[0], hi, ""), hi, out[0], "");
		}
		return;
	}
	out[0] = K64(g, 0);
}

static LLVMValueRef cond(cg *g, const rule *r)
{
	LLVMValueRef v = r->when ? cg_scalar(g, r->when) : K1(g, 1);
	if (r->unless)
		v = LLVMBuildAnd(g->b, v, LLVMBuildNot(g->b, cg_scalar(g, r->unless), ""), "");
	return v;
}

/* ---- the bitsets of the decision block ---- */

typedef struct bits {
	LLVMValueRef *w;
	uint32_t n;
} bits;

static bits bits_new(cg *g, size_t nbits)
{
	bits s = { tmp_words(g, (uint32_t)PACTA_BITWORDS(nbits)), (uint32_t)PACTA_BITWORDS(nbits) };
	for (uint32_t i = 0; i < s.n; i++)
		s.w[i] = K64(g, 0);
	return s;
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

/* Every word of the block is written, zeros included, so the caller need
 * not clear it first (the stores of constant zeros are cheap, and without
 * builtins they cannot turn into a call to memset). */
static void store_words(cg *g, LLVMValueRef block, uint32_t at, LLVMValueRef *w, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		LLVMBuildStore(g->b, w[i], word_ptr(g, block, at + i));
}

/* ---- the decision function ---- */

static LLVMValueRef cg_decide(cg *g)
{
	const checked *c = g->c;
	const pacta_schema *s = &c->schema;
	LLVMTypeRef params[2] = { g->p64, g->p64 };
	LLVMTypeRef fty = LLVMFunctionType(g->i32, params, 2, 0);
	LLVMValueRef fn = LLVMAddFunction(g->mod, "pacta_decide", fty);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	/* no memset/memcpy idioms: the module has no libc to call */
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateStringAttribute(g->ctx, "no-builtins", 11, "", 0));
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
	                        LLVMCreateEnumAttribute(g->ctx, LLVMGetEnumAttributeKindForName("nounwind", 8), 0));
	g->req = LLVMGetParam(fn, 0);
	LLVMValueRef block = LLVMGetParam(fn, 1);
	LLVMSetValueName2(g->req, "req", 3);
	LLVMSetValueName2(block, "block", 5);
	LLVMBasicBlockRef entry = LLVMAppendBasicBlockInContext(g->ctx, fn, "entry");
	LLVMPositionBuilderAtEnd(g->b, entry);

	LLVMValueRef submitted = c->f_submitted
		? load_word(g, s->fields[c->f_submitted->index].slot) : K64(g, 0);

	/* 0. parties and dates of the agreement */
	const decl *ag = c->agreement;
	LLVMBasicBlockRef refuse_bb = NULL;
	if (ag) {
		LLVMValueRef out = K1(g, 0);
		if (c->parties) {
			LLVMValueRef *pw = tmp_words(g, c->party_words);
			for (uint32_t i = 0; i < c->party_words; i++)
				pw[i] = K64(g, (int64_t)c->parties[i]);
			LLVMValueRef a = load_word(g, s->fields[c->f_requesting->index].slot);
			LLVMValueRef b = load_word(g, s->fields[c->f_requested->index].slot);
			LLVMValueRef ok = LLVMBuildAnd(g->b, set_member(g, pw, c->party_words, a),
			                               set_member(g, pw, c->party_words, b), "");
			out = LLVMBuildNot(g->b, ok, "");
		}
		if (ag->hdr.has_effective)
			out = LLVMBuildOr(g->b, out, LLVMBuildICmp(g->b, LLVMIntSLT, submitted,
			                                             K64(g, ag->hdr.effective), ""), "");
		if (ag->hdr.has_expires)
			out = LLVMBuildOr(g->b, out, LLVMBuildICmp(g->b, LLVMIntSGT, submitted,
			                                             K64(g, ag->hdr.expires), ""), "");
		refuse_bb = LLVMAppendBasicBlockInContext(g->ctx, fn, "not_in_force");
		LLVMBasicBlockRef yes = LLVMAppendBasicBlockInContext(g->ctx, fn, "decide");
		LLVMBuildCondBr(g->b, out, refuse_bb, yes);
		LLVMPositionBuilderAtEnd(g->b, yes);
	}

	size_t nc = c->clauses.len, nr = c->rules.len;
	LLVMValueRef *in_force = tmp_words(g, (uint32_t)nc);
	LLVMValueRef *exempted = tmp_words(g, (uint32_t)nc);
	LLVMValueRef *by = tmp_words(g, (uint32_t)nc);
	LLVMValueRef *fired = tmp_words(g, (uint32_t)nr);
	for (size_t i = 0; i < nc; i++) {
		const decl *cl = c->clauses.items[i];
		/* 1. in force */
		LLVMValueRef f = K1(g, 1);
		if (cl->has_from)
			f = LLVMBuildAnd(g->b, f, LLVMBuildICmp(g->b, LLVMIntSGE, submitted, K64(g, cl->from), ""), "");
		if (cl->has_sunset)
			f = LLVMBuildAnd(g->b, f, LLVMBuildICmp(g->b, LLVMIntSLE, submitted, K64(g, cl->sunset), ""), "");
		in_force[i] = f;
		exempted[i] = K1(g, 0);
		by[i] = K32(g, UINT32_MAX);
	}

	/* 2–3. clauses in exemption order */
	LLVMValueRef any[3] = { K1(g, 0), K1(g, 0), K1(g, 0) };
	LLVMValueRef (*by_action)[3] = arena_alloc(g->ar, (nc ? nc : 1) * sizeof *by_action);
	for (size_t k = 0; k < nc; k++) {
		uint32_t i = c->order[k];
		const decl *cl = c->clauses.items[i];
		LLVMValueRef active = LLVMBuildAnd(g->b, in_force[i], LLVMBuildNot(g->b, exempted[i], ""), "");
		by_action[i][0] = by_action[i][1] = by_action[i][2] = K1(g, 0);
		for (size_t j = 0; j < cl->rules.len; j++) {
			const rule *r = cl->rules.items[j];
			LLVMValueRef fr = LLVMBuildAnd(g->b, active, cond(g, r), "");
			fired[r->index] = fr;
			if (r->action == PA_EXEMPTS) {
				for (size_t m = 0; m < r->labels.len; m++) {
					const label_ref *l = r->labels.items[m];
					uint32_t t = l->clause->index;
					LLVMValueRef now = LLVMBuildAnd(g->b, fr, LLVMBuildAnd(g->b, in_force[t],
					                                LLVMBuildNot(g->b, exempted[t], ""), ""), "");
					exempted[t] = LLVMBuildOr(g->b, exempted[t], now, "");
					by[t] = LLVMBuildSelect(g->b, now, K32(g, i), by[t], "");
				}
			} else if (r->action != PA_OBLIGE) {
				any[r->action] = LLVMBuildOr(g->b, any[r->action], fr, "");
				by_action[i][r->action] = LLVMBuildOr(g->b, by_action[i][r->action], fr, "");
			}
		}
	}

	/* 4. the outcome: the strongest fired action, else the default */
	LLVMValueRef any_action = LLVMBuildOr(g->b, any[PA_REFUSE], LLVMBuildOr(g->b, any[PA_REFER], any[PA_GRANT], ""), "");
	LLVMValueRef outcome = LLVMBuildSelect(g->b, any[PA_REFUSE], K32(g, PO_REFUSE),
	                       LLVMBuildSelect(g->b, any[PA_REFER], K32(g, PO_REFER),
	                       LLVMBuildSelect(g->b, any[PA_GRANT], K32(g, PO_GRANT),
	                                       K32(g, s->default_outcome), ""), ""), "");
	LLVMValueRef ground = LLVMBuildSelect(g->b, any_action, K32(g, PG_CLAUSES), K32(g, PG_DEFAULT), "");
	LLVMValueRef is_refuse = any[PA_REFUSE];
	LLVMValueRef is_refer = LLVMBuildAnd(g->b, LLVMBuildNot(g->b, is_refuse, ""), any[PA_REFER], "");
	LLVMValueRef is_grant = LLVMBuildAnd(g->b, LLVMBuildNot(g->b, any[PA_REFUSE], ""),
	                        LLVMBuildAnd(g->b, LLVMBuildNot(g->b, any[PA_REFER], ""), any[PA_GRANT], ""), "");

	/* 5. grounds; trace bits */
	bits grounds = bits_new(g, nc), fb = bits_new(g, nr), eb = bits_new(g, nc);
	for (size_t i = 0; i < nc; i++) {
		LLVMValueRef gi = LLVMBuildOr(g->b, LLVMBuildAnd(g->b, is_refuse, by_action[i][PA_REFUSE], ""),
		                  LLVMBuildOr(g->b, LLVMBuildAnd(g->b, is_refer, by_action[i][PA_REFER], ""),
		                              LLVMBuildAnd(g->b, is_grant, by_action[i][PA_GRANT], ""), ""), "");
		bits_put(g, &grounds, i, gi);
		bits_put(g, &eb, i, exempted[i]);
	}
	for (size_t r = 0; r < nr; r++)
		bits_put(g, &fb, r, fired[r]);

	/* 6. obligations, unless the outcome is a refusal */
	LLVMValueRef refused = LLVMBuildICmp(g->b, LLVMIntEQ, outcome, K32(g, PO_REFUSE), "");
	LLVMValueRef keep = LLVMBuildNot(g->b, refused, "");
	size_t cw = PACTA_BITWORDS(nc);
	bits oset = bits_new(g, s->noblig);
	LLVMValueRef *oval = tmp_words(g, s->noblig_slots);
	LLVMValueRef *osrc = tmp_words(g, (uint32_t)(s->noblig * cw));
	for (size_t i = 0; i < (size_t)s->noblig * cw; i++)
		osrc[i] = K64(g, 0);
	for (uint32_t o = 0; o < s->noblig; o++) {
		const pacta_oblig_desc *od = &s->obligs[o];
		LLVMValueRef has = K1(g, 0);
		LLVMValueRef *v = oval + od->slot;
		LLVMValueRef *nv = tmp_words(g, od->nslots);
		for (uint32_t j = 0; j < od->nslots; j++)
			v[j] = K64(g, 0);
		bits src = { osrc + o * cw, (uint32_t)cw };
		for (size_t r = 0; r < nr; r++) {
			const rule *ru = c->rules.items[r];
			if (ru->action != PA_OBLIGE || ru->oblig_decl->index != o)
				continue;
			const pacta_rule_desc *rd = &s->rules[r];
			bits_put(g, &src, rd->clause, LLVMBuildAnd(g->b, fired[r], keep, ""));
			if (od->combine != PC_FLAG) {
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
					/* the first imposition sets, later ones combine */
					LLVMValueRef val = LLVMBuildSelect(g->b, has, comb, nv[j], "");
					v[j] = LLVMBuildSelect(g->b, fired[r], val, v[j], "");
				}
			}
			has = LLVMBuildOr(g->b, has, fired[r], "");
		}
		has = LLVMBuildAnd(g->b, has, keep, "");
		bits_put(g, &oset, o, has);
		for (uint32_t j = 0; j < od->nslots; j++)
			v[j] = LLVMBuildSelect(g->b, has, v[j], K64(g, 0), "");
	}

	/* the block, in runtime/model.c's order */
	uint32_t at = 0;
	store_words(g, block, at, grounds.w, grounds.n);
	at += grounds.n;
	store_words(g, block, at, fb.w, fb.n);
	at += fb.n;
	store_words(g, block, at, eb.w, eb.n);
	at += eb.n;
	store_words(g, block, at, oset.w, oset.n);
	at += oset.n;
	store_words(g, block, at, oval, s->noblig_slots);
	at += s->noblig_slots;
	store_words(g, block, at, osrc, (uint32_t)(s->noblig * cw));
	at += (uint32_t)(s->noblig * cw);
	LLVMValueRef by_base = LLVMBuildBitCast(g->b, word_ptr(g, block, at), g->p32, "");
	for (size_t i = 0; i < nc; i++) {
		LLVMValueRef idx = K64(g, (int64_t)i);
		LLVMBuildStore(g->b, by[i], LLVMBuildInBoundsGEP2(g->b, g->i32, by_base, &idx, 1, ""));
	}
	LLVMBuildRet(g->b, LLVMBuildOr(g->b, outcome, LLVMBuildShl(g->b, ground, K32(g, 8), ""), ""));

	/* step 0 refused: the block is written too, all clear */
	if (ag) {
		LLVMPositionBuilderAtEnd(g->b, refuse_bb);
		uint32_t total = at;
		for (uint32_t i = 0; i < total; i++)
			LLVMBuildStore(g->b, K64(g, 0), word_ptr(g, block, i));
		LLVMValueRef base = LLVMBuildBitCast(g->b, word_ptr(g, block, total), g->p32, "");
		for (size_t i = 0; i < nc; i++) {
			LLVMValueRef idx = K64(g, (int64_t)i);
			LLVMBuildStore(g->b, K32(g, UINT32_MAX), LLVMBuildInBoundsGEP2(g->b, g->i32, base, &idx, 1, ""));
		}
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

/* Checks that an LLVM struct lays out like its C twin. */
static void check_layout(cg *g, LLVMTypeRef t, size_t csize, const size_t *offs, unsigned n,
                         const char *what)
{
	if (LLVMABISizeOfType(g->td, t) != csize)
		goto bad;
	for (unsigned i = 0; i < n; i++)
		if (LLVMOffsetOfElement(g->td, t, i) != offs[i])
			goto bad;
	return;
bad:
	fprintf(stderr, "pacta: internal error: LLVM layout of %s differs from C\n", what);
	abort();
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

static void cg_descriptor(cg *g, LLVMValueRef decide, const cg_options *o)
{
	const pacta_schema *s = &g->c->schema;
	LLVMTypeRef p8 = g->p8, i8 = g->i8, i32 = g->i32, i64 = g->i64;

	LLVMTypeRef ef[] = { p8, i32, p8 };
	LLVMTypeRef enum_t = st(g, ef, 3);
	size_t eo[] = { offsetof(pacta_enum_desc, name), offsetof(pacta_enum_desc, nmembers),
	                offsetof(pacta_enum_desc, members) };
	check_layout(g, enum_t, sizeof(pacta_enum_desc), eo, 3, "pacta_enum_desc");
	LLVMTypeRef ff[] = { p8, i8, i8, i32, i32, i32, p8 };
	LLVMTypeRef field_t = st(g, ff, 7);
	size_t fo[] = { offsetof(pacta_field_desc, name), offsetof(pacta_field_desc, kind),
	                offsetof(pacta_field_desc, has_default), offsetof(pacta_field_desc, enum_index),
	                offsetof(pacta_field_desc, slot), offsetof(pacta_field_desc, nslots),
	                offsetof(pacta_field_desc, defval) };
	check_layout(g, field_t, sizeof(pacta_field_desc), fo, 7, "pacta_field_desc");
	LLVMTypeRef of[] = { p8, i8, i8, i32, i32, i32 };
	LLVMTypeRef obl_t = st(g, of, 6);
	size_t oo[] = { offsetof(pacta_oblig_desc, name), offsetof(pacta_oblig_desc, combine),
	                offsetof(pacta_oblig_desc, kind), offsetof(pacta_oblig_desc, enum_index),
	                offsetof(pacta_oblig_desc, slot), offsetof(pacta_oblig_desc, nslots) };
	check_layout(g, obl_t, sizeof(pacta_oblig_desc), oo, 6, "pacta_oblig_desc");
	LLVMTypeRef cf[] = { p8, p8, p8, p8, p8, p8, i32 };
	LLVMTypeRef clause_t = st(g, cf, 7);
	size_t co[] = { offsetof(pacta_clause_desc, label), offsetof(pacta_clause_desc, article),
	                offsetof(pacta_clause_desc, article_title), offsetof(pacta_clause_desc, article_text),
	                offsetof(pacta_clause_desc, title), offsetof(pacta_clause_desc, file),
	                offsetof(pacta_clause_desc, line) };
	check_layout(g, clause_t, sizeof(pacta_clause_desc), co, 7, "pacta_clause_desc");
	LLVMTypeRef rf[] = { i32, i8, i32, p8, i32 };
	LLVMTypeRef rule_t = st(g, rf, 5);
	size_t ro[] = { offsetof(pacta_rule_desc, clause), offsetof(pacta_rule_desc, action),
	                offsetof(pacta_rule_desc, oblig), offsetof(pacta_rule_desc, reason),
	                offsetof(pacta_rule_desc, line) };
	check_layout(g, rule_t, sizeof(pacta_rule_desc), ro, 5, "pacta_rule_desc");
	LLVMTypeRef sf[] = { p8, p8, i8, i32, p8, i32, p8, i32, i32, p8, i32, i32, p8, i32, p8 };
	LLVMTypeRef schema_t = st(g, sf, 15);
	size_t so[] = { offsetof(pacta_schema, title), offsetof(pacta_schema, version),
	                offsetof(pacta_schema, default_outcome), offsetof(pacta_schema, nenums),
	                offsetof(pacta_schema, enums), offsetof(pacta_schema, nfields),
	                offsetof(pacta_schema, fields), offsetof(pacta_schema, nslots),
	                offsetof(pacta_schema, noblig), offsetof(pacta_schema, obligs),
	                offsetof(pacta_schema, noblig_slots), offsetof(pacta_schema, nclauses),
	                offsetof(pacta_schema, clauses), offsetof(pacta_schema, nrules),
	                offsetof(pacta_schema, rules) };
	check_layout(g, schema_t, sizeof(pacta_schema), so, 15, "pacta_schema");
	LLVMTypeRef mf[] = { i32, i32, p8, LLVMArrayType(i8, 32), p8, i64, p8, schema_t, p8 };
	LLVMTypeRef mod_t = st(g, mf, 9);
	size_t mo[] = { offsetof(pacta_module_desc, magic), offsetof(pacta_module_desc, abi_version),
	                offsetof(pacta_module_desc, compiler_version), offsetof(pacta_module_desc, source_sha256),
	                offsetof(pacta_module_desc, source), offsetof(pacta_module_desc, source_len),
	                offsetof(pacta_module_desc, source_name), offsetof(pacta_module_desc, schema),
	                offsetof(pacta_module_desc, decide) };
	check_layout(g, mod_t, sizeof(pacta_module_desc), mo, 9, "pacta_module_desc");

	LLVMValueRef *items = arena_alloc(g->ar, (s->nenums + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nenums; i++) {
		const pacta_enum_desc *e = &s->enums[i];
		LLVMValueRef *names = arena_alloc(g->ar, (e->nmembers + 1) * sizeof *names);
		for (uint32_t j = 0; j < e->nmembers; j++)
			names[j] = str(g, e->members[j]);
		LLVMValueRef v[] = { str(g, e->name), K32(g, e->nmembers), array_of(g, p8, names, e->nmembers) };
		items[i] = LLVMConstNamedStruct(enum_t, v, 3);
	}
	LLVMValueRef enums = array_of(g, enum_t, items, s->nenums);

	items = arena_alloc(g->ar, (s->nfields + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const pacta_field_desc *f = &s->fields[i];
		LLVMValueRef v[] = { str(g, f->name), LLVMConstInt(i8, f->kind, 0), LLVMConstInt(i8, f->has_default, 0),
		                     K32(g, f->enum_index), K32(g, f->slot), K32(g, f->nslots),
		                     f->has_default ? words_ptr(g, f->defval, f->nslots) : LLVMConstNull(p8) };
		items[i] = LLVMConstNamedStruct(field_t, v, 7);
	}
	LLVMValueRef fields = array_of(g, field_t, items, s->nfields);

	items = arena_alloc(g->ar, (s->noblig + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->noblig; i++) {
		const pacta_oblig_desc *ob = &s->obligs[i];
		LLVMValueRef v[] = { str(g, ob->name), LLVMConstInt(i8, ob->combine, 0), LLVMConstInt(i8, ob->kind, 0),
		                     K32(g, ob->enum_index), K32(g, ob->slot), K32(g, ob->nslots) };
		items[i] = LLVMConstNamedStruct(obl_t, v, 6);
	}
	LLVMValueRef obligs = array_of(g, obl_t, items, s->noblig);

	items = arena_alloc(g->ar, (s->nclauses + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nclauses; i++) {
		const pacta_clause_desc *cd = &s->clauses[i];
		/* no file name: a module must not depend on where or under
		 * which name it was built; the line points into `source` for
		 * clauses of the main file */
		LLVMValueRef v[] = { str(g, cd->label), str(g, cd->article), str(g, cd->article_title),
		                     str(g, cd->article_text), str(g, cd->title),
		                     str(g, cd->file == ((const srcfile *)g->c->p->files.items[0])->path ? "" : base_name(cd->file)),
		                     K32(g, cd->line) };
		items[i] = LLVMConstNamedStruct(clause_t, v, 7);
	}
	LLVMValueRef clauses = array_of(g, clause_t, items, s->nclauses);

	items = arena_alloc(g->ar, (s->nrules + 1) * sizeof *items);
	for (uint32_t i = 0; i < s->nrules; i++) {
		const pacta_rule_desc *rd = &s->rules[i];
		LLVMValueRef v[] = { K32(g, rd->clause), LLVMConstInt(i8, rd->action, 0), K32(g, rd->oblig),
		                     str(g, rd->reason), K32(g, rd->line) };
		items[i] = LLVMConstNamedStruct(rule_t, v, 5);
	}
	LLVMValueRef rules = array_of(g, rule_t, items, s->nrules);

	LLVMValueRef sv[] = { str(g, s->title), str(g, s->version), LLVMConstInt(i8, s->default_outcome, 0),
	                      K32(g, s->nenums), enums, K32(g, s->nfields), fields, K32(g, s->nslots),
	                      K32(g, s->noblig), obligs, K32(g, s->noblig_slots), K32(g, s->nclauses),
	                      clauses, K32(g, s->nrules), rules };
	LLVMValueRef schema = LLVMConstNamedStruct(schema_t, sv, 15);

	LLVMValueRef sha[32];
	for (int i = 0; i < 32; i++)
		sha[i] = LLVMConstInt(i8, o->sha256[i], 0);
	LLVMValueRef mv[] = { K32(g, PACTA_MODULE_MAGIC), K32(g, PACTA_ABI_VERSION),
	                      str(g, PACTA_VERSION_STRING), LLVMConstArray(i8, sha, 32),
	                      str(g, o->source), LLVMConstInt(i64, o->source_len, 0),
	                      str(g, o->source_name), schema, LLVMConstBitCast(decide, p8) };
	LLVMValueRef desc = LLVMAddGlobal(g->mod, mod_t, PACTA_MODULE_SYMBOL);
	LLVMSetInitializer(desc, LLVMConstNamedStruct(mod_t, mv, 9));
	LLVMSetGlobalConstant(desc, 1);
	LLVMSetLinkage(desc, LLVMExternalLinkage);
	LLVMSetVisibility(desc, LLVMDefaultVisibility);
}

int cg_module(const checked *c, const cg_options *o, cg_result *out, char **error)
{
	cg g = { 0 };
	g.c = c;
	g.ar = c->p->ar;
	g.ctx = LLVMContextCreate();
	g.mod = LLVMModuleCreateWithNameInContext("pacta", g.ctx);
	/* a fixed name: LLVM writes it into the object's symbol table */
	LLVMSetSourceFileName(g.mod, "agreement.pacta", 15);
	LLVMSetTarget(g.mod, o->triple);
	g.td = LLVMCreateTargetDataLayout(o->tm);
	char *layout = LLVMCopyStringRepOfTargetData(g.td);
	LLVMSetDataLayout(g.mod, layout);
	LLVMDisposeMessage(layout);
	g.b = LLVMCreateBuilderInContext(g.ctx);
	g.i1 = LLVMInt1TypeInContext(g.ctx);
	g.i8 = LLVMInt8TypeInContext(g.ctx);
	g.i32 = LLVMInt32TypeInContext(g.ctx);
	g.i64 = LLVMInt64TypeInContext(g.ctx);
	g.p8 = LLVMPointerType(g.i8, 0);
	g.p32 = LLVMPointerType(g.i32, 0);
	g.p64 = LLVMPointerType(g.i64, 0);
	g.defs = arena_alloc(g.ar, (c->defines.len + 1) * sizeof *g.defs);
	unsigned sadd = LLVMLookupIntrinsicID("llvm.sadd.sat", 13);
	unsigned ssub = LLVMLookupIntrinsicID("llvm.ssub.sat", 13);
	g.sadd = LLVMGetIntrinsicDeclaration(g.mod, sadd, &g.i64, 1);
	g.ssub = LLVMGetIntrinsicDeclaration(g.mod, ssub, &g.i64, 1);
	g.sat_ty = LLVMIntrinsicGetType(g.ctx, sadd, &g.i64, 1);

	LLVMValueRef decide = cg_decide(&g);
	cg_descriptor(&g, decide, o);
	LLVMDisposeBuilder(g.b);

	char *msg = NULL;
	if (LLVMVerifyModule(g.mod, LLVMReturnStatusAction, &msg)) {
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
