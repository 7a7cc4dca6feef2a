/*
 * smt_encode.c — an agreement's decisions as Z3 formulas.
 *
 * Pipeline: lower -> **smt_encode** (here) -> smt_diff (the semantic part
 * of `pacta diff`).  The encoder is the reference evaluator (eval.c)
 * written over Z3 terms instead of words: every request field is a
 * variable (smt.h says which kind), every define and table entry is
 * encoded once, and the decision is built in the exemption order exactly
 * as eval.c decides.  Constant subterms are folded as the terms are made
 * (Z3's mk_* functions do not simplify), so the constant tables and sets
 * of an agreement cost nothing in the formulas.  tests/smt checks the
 * encoding against the interpreter on 100,000 random requests per
 * agreement.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "smt.h"

static void z3_error(Z3_context z, Z3_error_code e)
{
	fprintf(stderr, "pacta: internal error: Z3: %s\n", Z3_get_error_msg(z, e));
	abort();
}

smt_ctx *smt_ctx_new(void)
{
	smt_ctx *x = xcalloc(1, sizeof *x);
	Z3_config cfg = Z3_mk_config();
	Z3_set_param_value(cfg, "model", "true");
	x->z = Z3_mk_context(cfg);
	Z3_del_config(cfg);
	Z3_set_error_handler(x->z, z3_error);
	x->ar = arena_new();
	x->b = Z3_mk_bool_sort(x->z);
	x->bv64 = Z3_mk_bv_sort(x->z, 64);
	x->t = Z3_mk_true(x->z);
	x->f = Z3_mk_false(x->z);
	return x;
}

void smt_ctx_free(smt_ctx *x)
{
	if (!x)
		return;
	for (int s = 0; s < 2; s++)
		if (x->enc[s])
			free(x->enc[s]->ec);
	for (size_t i = 0; i < x->nnotes; i++)
		free(x->notes[i]);
	free(x->notes);
	free(x->vars);
	free(x->dom);
	Z3_del_context(x->z);
	arena_free(x->ar);
	free(x);
}

Z3_context smt_z3(const smt_ctx *x)
{
	return x->z;
}

static void add_dom(smt_ctx *x, Z3_ast a)
{
	if (x->ndom == x->capdom) {
		x->capdom = x->capdom ? x->capdom * 2 : 64;
		x->dom = xrealloc(x->dom, x->capdom * sizeof *x->dom);
	}
	x->dom[x->ndom++] = a;
}

static void note(smt_ctx *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(smt_ctx *x, const char *fmt, ...)
{
	va_list ap;
	char buf[512];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (x->nnotes == x->capnotes) {
		x->capnotes = x->capnotes ? x->capnotes * 2 : 8;
		x->notes = xrealloc(x->notes, x->capnotes * sizeof *x->notes);
	}
	x->notes[x->nnotes++] = strdup(buf);
}

static uint32_t enum_width(uint32_t n)
{
	uint32_t w = 1;
	while (w < 63 && ((uint64_t)1 << w) < n)
		w++;
	return w;
}

/* ---- folding constructors ---- */

static int is_true(smt_ctx *x, Z3_ast a) { return a == x->t || Z3_get_bool_value(x->z, a) == Z3_L_TRUE; }
int smt_is_false(smt_ctx *x, Z3_ast a) { return a == x->f || Z3_get_bool_value(x->z, a) == Z3_L_FALSE; }

static int num(smt_ctx *x, Z3_ast a, int64_t *v)
{
	uint64_t u;
	if (Z3_get_ast_kind(x->z, a) != Z3_NUMERAL_AST)
		return 0;
	if (!Z3_get_numeral_uint64(x->z, a, &u))
		return 0;
	*v = (int64_t)u;
	return 1;
}

Z3_ast smt_k64(smt_ctx *x, int64_t v)
{
	return Z3_mk_unsigned_int64(x->z, (uint64_t)v, x->bv64);
}

static Z3_ast KB(smt_ctx *x, int v)
{
	return v ? x->t : x->f;
}

Z3_ast smt_mk_not(smt_ctx *x, Z3_ast a)
{
	if (is_true(x, a))
		return x->f;
	if (smt_is_false(x, a))
		return x->t;
	if (Z3_get_ast_kind(x->z, a) == Z3_APP_AST) {
		Z3_app ap = Z3_to_app(x->z, a);
		if (Z3_get_decl_kind(x->z, Z3_get_app_decl(x->z, ap)) == Z3_OP_NOT)
			return Z3_get_app_arg(x->z, ap, 0);
	}
	return Z3_mk_not(x->z, a);
}

Z3_ast smt_mk_and(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	if (smt_is_false(x, a) || smt_is_false(x, b))
		return x->f;
	if (is_true(x, a))
		return b;
	if (is_true(x, b) || a == b)
		return a;
	Z3_ast v[2] = { a, b };
	return Z3_mk_and(x->z, 2, v);
}

Z3_ast smt_mk_or(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	if (is_true(x, a) || is_true(x, b))
		return x->t;
	if (smt_is_false(x, a))
		return b;
	if (smt_is_false(x, b) || a == b)
		return a;
	Z3_ast v[2] = { a, b };
	return Z3_mk_or(x->z, 2, v);
}

/* The disjunction (or conjunction) of a[0..n), folded as smt_mk_or
 * (smt_mk_and) folds two; a[] is overwritten.  One Z3 term of n
 * arguments, not a chain of n binary ones: Z3 flattens a chain when it is
 * asserted, a level at a time, in time quadratic in its length (a set
 * literal of thousands of members). */
static Z3_ast mk_nary(smt_ctx *x, int is_or, Z3_ast *a, uint32_t n)
{
	Z3_ast absorb = is_or ? x->t : x->f, unit = is_or ? x->f : x->t;
	uint32_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		int t = is_true(x, a[i]), f = smt_is_false(x, a[i]);
		if (is_or ? t : f)
			return absorb;
		if (!(is_or ? f : t))
			a[k++] = a[i];
	}
	if (k <= 1)
		return k ? a[0] : unit;
	return is_or ? Z3_mk_or(x->z, k, a) : Z3_mk_and(x->z, k, a);
}

/* Equality of two Booleans or two bit-vectors of one sort. */
Z3_ast smt_mk_eq(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	if (a == b)
		return x->t;
	if (Z3_get_sort_kind(x->z, Z3_get_sort(x->z, a)) == Z3_BOOL_SORT) {
		if (is_true(x, a))
			return b;
		if (is_true(x, b))
			return a;
		if (smt_is_false(x, a))
			return smt_mk_not(x, b);
		if (smt_is_false(x, b))
			return smt_mk_not(x, a);
		return Z3_mk_eq(x->z, a, b);
	}
	int64_t u, v;
	if (num(x, a, &u) && num(x, b, &v))
		return KB(x, u == v);
	return Z3_mk_eq(x->z, a, b);
}

static Z3_ast mk_ite(smt_ctx *x, Z3_ast c, Z3_ast a, Z3_ast b)
{
	if (is_true(x, c) || a == b)
		return a;
	if (smt_is_false(x, c))
		return b;
	if (Z3_get_sort_kind(x->z, Z3_get_sort(x->z, a)) == Z3_BOOL_SORT) {
		if (is_true(x, a) && smt_is_false(x, b))
			return c;
		if (smt_is_false(x, a) && is_true(x, b))
			return smt_mk_not(x, c);
		if (is_true(x, a))
			return smt_mk_or(x, c, b);
		if (smt_is_false(x, b))
			return smt_mk_and(x, c, a);
		if (smt_is_false(x, a))
			return smt_mk_and(x, smt_mk_not(x, c), b);
		if (is_true(x, b))
			return smt_mk_or(x, smt_mk_not(x, c), a);
	}
	return Z3_mk_ite(x->z, c, a, b);
}

/* signed a < b, a <= b */
static Z3_ast mk_lt(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	int64_t u, v;
	if (num(x, a, &u) && num(x, b, &v))
		return KB(x, u < v);
	return Z3_mk_bvslt(x->z, a, b);
}

static Z3_ast mk_le(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	int64_t u, v;
	if (num(x, a, &u) && num(x, b, &v))
		return KB(x, u <= v);
	return Z3_mk_bvsle(x->z, a, b);
}

/* eval.c's lp_sat_add/lp_sat_sub: on overflow, the limit on the side
 * of b (add: b > 0 gives INT64_MAX; sub: b < 0 gives INT64_MAX). */
static Z3_ast mk_sat(smt_ctx *x, int sub, Z3_ast a, Z3_ast b)
{
	int64_t u, v;
	if (num(x, a, &u) && num(x, b, &v))
		return smt_k64(x, sub ? lp_sat_sub(u, v) : lp_sat_add(u, v));
	Z3_ast zero = smt_k64(x, 0);
	Z3_ast r = sub ? Z3_mk_bvsub(x->z, a, b) : Z3_mk_bvadd(x->z, a, b);
	Z3_ast na = mk_lt(x, a, zero), nb = mk_lt(x, b, zero), nr = mk_lt(x, r, zero);
	/* add overflows when a and b have one sign and r the other;
	 * sub when a and b have different signs and r has b's */
	Z3_ast ovf = smt_mk_and(x, sub ? smt_mk_not(x, smt_mk_eq(x, na, nb)) : smt_mk_eq(x, na, nb),
	                    smt_mk_not(x, smt_mk_eq(x, nr, na)));
	Z3_ast lim = sub ? mk_ite(x, mk_lt(x, b, zero), smt_k64(x, INT64_MAX), smt_k64(x, INT64_MIN))
	                 : mk_ite(x, mk_lt(x, zero, b), smt_k64(x, INT64_MAX), smt_k64(x, INT64_MIN));
	return mk_ite(x, ovf, lim, r);
}

/* ---- variables ---- */

static int same_type(const smt_var *v, const lp_schema *s, const lp_field_desc *f)
{
	if (v->kind != f->kind)
		return 0;
	if (f->kind != PK_ENUM && f->kind != PK_SET)
		return 1;
	const lp_enum_desc *en = &s->enums[f->enum_index];
	if (en->nmembers != v->nmembers)
		return 0;
	for (uint32_t i = 0; i < en->nmembers; i++)
		if (strcmp(en->members[i], v->en->members[i]) != 0)
			return 0;
	return 1;
}

static const char *kind_text(const lp_schema *s, uint8_t kind, uint32_t en)
{
	static char buf[2][160];
	static int k;
	k ^= 1;
	if (kind == PK_ENUM)
		snprintf(buf[k], sizeof buf[k], "%s", s->enums[en].name);
	else if (kind == PK_SET)
		snprintf(buf[k], sizeof buf[k], "set of %s", s->enums[en].name);
	else
		snprintf(buf[k], sizeof buf[k], "%s", lp_kind_names[kind]);
	return buf[k];
}

static smt_var *new_var(smt_ctx *x, const lp_schema *s, const lp_field_desc *f,
                        const char *zname)
{
	smt_var *v = arena_alloc(x->ar, sizeof *v);
	v->name = f->name;
	v->kind = f->kind;
	v->field[0] = v->field[1] = -1;
	Z3_symbol sym = Z3_mk_string_symbol(x->z, zname);
	switch (f->kind) {
	case PK_BOOL:
		v->s = Z3_mk_const(x->z, sym, x->b);
		break;
	case PK_ENUM:
		v->en = &s->enums[f->enum_index];
		v->nmembers = v->en->nmembers;
		v->width = enum_width(v->nmembers);
		v->s = Z3_mk_const(x->z, sym, Z3_mk_bv_sort(x->z, v->width));
		if (((uint64_t)1 << v->width) != v->nmembers)
			add_dom(x, Z3_mk_bvult(x->z, v->s,
			        Z3_mk_unsigned_int64(x->z, v->nmembers, Z3_mk_bv_sort(x->z, v->width))));
		break;
	case PK_SET:
		v->en = &s->enums[f->enum_index];
		v->nmembers = v->en->nmembers;
		v->bits = arena_alloc(x->ar, (v->nmembers + 1) * sizeof *v->bits);
		for (uint32_t m = 0; m < v->nmembers; m++) {
			char *n = arena_printf(x->ar, "%s.%s", zname, v->en->members[m]);
			v->bits[m] = Z3_mk_const(x->z, Z3_mk_string_symbol(x->z, n), x->b);
		}
		break;
	default:
		v->s = Z3_mk_const(x->z, sym, x->bv64);
		if (f->kind == PK_DATE) {
			add_dom(x, mk_le(x, smt_k64(x, LP_DATE_MIN), v->s));
			add_dom(x, mk_le(x, v->s, smt_k64(x, LP_DATE_MAX)));
		}
		break;
	}
	if (x->nvars == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->vars = xrealloc(x->vars, x->cap * sizeof *x->vars);
	}
	x->vars[x->nvars++] = v;
	return v;
}

/* var == the words w (of its type) */
Z3_ast smt_var_eq(smt_ctx *x, const smt_var *v, const uint64_t *w)
{
	switch (v->kind) {
	case PK_BOOL:
		return w[0] ? v->s : smt_mk_not(x, v->s);
	case PK_ENUM:
		return Z3_mk_eq(x->z, v->s, Z3_mk_unsigned_int64(x->z, w[0], Z3_mk_bv_sort(x->z, v->width)));
	case PK_SET: {
		Z3_ast a = x->t;
		for (uint32_t m = 0; m < v->nmembers; m++)
			a = smt_mk_and(x, a, lp_bit(w, m) ? v->bits[m] : smt_mk_not(x, v->bits[m]));
		return a;
	}
	default:
		return Z3_mk_eq(x->z, v->s, smt_k64(x, (int64_t)w[0]));
	}
}

static Z3_ast var_value(smt_ctx *x, const smt_var *v, const uint64_t *w)
{
	switch (v->kind) {
	case PK_BOOL:
		return KB(x, w[0] != 0);
	case PK_ENUM:
		return Z3_mk_unsigned_int64(x->z, w[0], Z3_mk_bv_sort(x->z, v->width));
	default:
		return smt_k64(x, (int64_t)w[0]);
	}
}

/* The index of member `name` of enum `en`, or -1. */
int smt_member_index(const lp_enum_desc *en, const char *name)
{
	for (uint32_t i = 0; i < en->nmembers; i++)
		if (strcmp(en->members[i], name) == 0)
			return (int)i;
	return -1;
}

/* How many member names two enums share. */
static uint32_t shared_members(const lp_enum_desc *a, const lp_enum_desc *b)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < a->nmembers; i++)
		n += smt_member_index(b, a->members[i]) >= 0;
	return n;
}

/* An enum or set field whose members changed between the versions: the
 * side being encoded reads the shared variable `v` (made by the other
 * side, in its member numbering) through a view in its own numbering,
 * member by name; requests naming a member the two do not share are left
 * out (a domain constraint), since one version could not decide them.
 * At least one member is shared (else the field's type changed). */
static smt_var *member_view(smt_ctx *x, smt_var *v, const lp_schema *s, const lp_field_desc *f)
{
	const lp_enum_desc *mine = &s->enums[f->enum_index];
	smt_var *w = arena_alloc(x->ar, sizeof *w);
	*w = *v;
	w->en = mine;
	w->nmembers = mine->nmembers;
	w->field[0] = w->field[1] = -1;
	uint32_t shared = 0;
	if (f->kind == PK_SET) {
		/* each of my members is the other side's bit of that name;
		 * the other side's members I lack are not in a comparable
		 * request */
		w->bits = arena_alloc(x->ar, (mine->nmembers + 1) * sizeof *w->bits);
		for (uint32_t k = 0; k < mine->nmembers; k++) {
			int m = smt_member_index(v->en, mine->members[k]);
			w->bits[k] = m >= 0 ? v->bits[m] : x->f;
			shared += m >= 0;
		}
		for (uint32_t m = 0; m < v->nmembers; m++)
			if (smt_member_index(mine, v->en->members[m]) < 0)
				add_dom(x, smt_mk_not(x, v->bits[m]));
	} else {
		w->width = enum_width(mine->nmembers);
		Z3_sort mysort = Z3_mk_bv_sort(x->z, w->width), theirs = Z3_mk_bv_sort(x->z, v->width);
		Z3_ast view = Z3_mk_unsigned_int64(x->z, 0, mysort), ok = x->f;
		for (uint32_t m = 0; m < v->nmembers; m++) {
			int k = smt_member_index(mine, v->en->members[m]);
			if (k < 0)
				continue;
			Z3_ast is = Z3_mk_eq(x->z, v->s, Z3_mk_unsigned_int64(x->z, m, theirs));
			view = mk_ite(x, is, Z3_mk_unsigned_int64(x->z, (uint64_t)k, mysort), view);
			ok = smt_mk_or(x, ok, is);
			shared++;
		}
		w->s = view;
		add_dom(x, ok);
	}
	if (shared < mine->nmembers || shared < v->nmembers)
		note(x, "field %s: the members of %s changed; compared on the %u both versions have, requests "
		     "naming the others left out", f->name, mine->name, shared);
	return w;
}

static void bind_fields(smt_enc *E)
{
	smt_ctx *x = E->x;
	const lp_schema *s = &E->c->schema;
	E->fv = arena_alloc(x->ar, (s->nfields + 1) * sizeof *E->fv);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		/* a field the new version renamed: the old one's variable */
		const int *at = x->field_at[E->side];
		const char *name = E->side == 1 && at && at[i] >= 0 ? x->enc[0]->c->schema.fields[at[i]].name : f->name;
		smt_var *v = NULL;
		for (size_t k = 0; k < x->nvars; k++)
			if (!x->vars[k]->priv && strcmp(x->vars[k]->name, name) == 0)
				v = x->vars[k];
		if (v && v->field[E->side] < 0 && same_type(v, s, f)) {
			v->field[E->side] = (int)i;
			E->fv[i] = v;
			continue;
		}
		if (v && v->field[E->side] < 0 && !v->priv && v->kind == f->kind &&
		    (f->kind == PK_ENUM || f->kind == PK_SET) &&
		    shared_members(v->en, &s->enums[f->enum_index]) > 0) {
			v->field[E->side] = (int)i;
			E->fv[i] = member_view(x, v, s, f);
			continue;
		}
		if (v && v->field[E->side] < 0) {
			/* a type change: each side its own variable, at its
			 * default when it has one */
			const smt_enc *o = x->enc[!E->side];
			const lp_field_desc *of = &o->c->schema.fields[v->field[!E->side]];
			const char *was = kind_text(&o->c->schema, of->kind, of->enum_index);
			const char *now = kind_text(s, f->kind, f->enum_index);
			if (strcmp(was, now) == 0)
				note(x, "field %s: the members of %s changed, none in common (left out of the comparison)",
				     f->name, now);
			else
				note(x, "field %s: type changed from %s to %s (left out of the comparison)",
				     f->name, was, now);
			v->priv = 1;
			if (of->has_default)
				add_dom(x, smt_var_eq(x, v, of->defval));
			char *zn = arena_printf(x->ar, "%s@%s", f->name, E->side ? "new" : "old");
			v = new_var(x, s, f, zn);
			v->priv = 1;
			if (f->has_default)
				add_dom(x, smt_var_eq(x, v, f->defval));
		} else if (!v) {
			v = new_var(x, s, f, f->name);
		}
		v->field[E->side] = (int)i;
		E->fv[i] = v;
	}
}

/* ---- expressions ---- */

static uint32_t nmem(const expr *e)
{
	return type_members(e->ty);
}

/* member m of an enum of n members */
static Z3_ast member_k(smt_ctx *x, uint32_t n, uint64_t m)
{
	return Z3_mk_unsigned_int64(x->z, m, Z3_mk_bv_sort(x->z, enum_width(n)));
}

static Z3_ast *bits_new(smt_enc *E, uint32_t n)
{
	Z3_ast *b = arena_alloc(E->x->ar, (n + 1) * sizeof *b);
	for (uint32_t i = 0; i < n; i++)
		b[i] = E->x->f;
	return b;
}

static val enc(smt_enc *E, const expr *e);

static Z3_ast encs(smt_enc *E, const expr *e)
{
	return enc(E, e).s;
}

/* x = m, for an enum term x */
static Z3_ast is_member(smt_ctx *x, Z3_ast v, uint32_t n, uint32_t m)
{
	return smt_mk_eq(x, v, member_k(x, n, m));
}

static val entry(smt_enc *E, const expr *e)
{
	size_t h = ((uintptr_t)e >> 4) & (E->ecap - 1);
	while (E->ec[h].key && E->ec[h].key != e)
		h = (h + 1) & (E->ecap - 1);
	if (!E->ec[h].key) {
		val v = enc(E, e);
		/* the table may have grown during enc(): find the slot again */
		h = ((uintptr_t)e >> 4) & (E->ecap - 1);
		while (E->ec[h].key && E->ec[h].key != e)
			h = (h + 1) & (E->ecap - 1);
		E->ec[h].key = e;
		E->ec[h].v = v;
	}
	return E->ec[h].v;
}

/* k with the members a and b exchanged (a Party relabelled). */
static Z3_ast swap_party(smt_ctx *x, Z3_ast k, Z3_ast a, Z3_ast b)
{
	return mk_ite(x, Z3_mk_eq(x->z, k, a), b, mk_ite(x, Z3_mk_eq(x->z, k, b), a, k));
}

static val lookup(smt_enc *E, const expr *e)
{
	smt_ctx *x = E->x;
	const lw_table *t = &E->c->tables[e->index];
	uint32_t nkeys = t->nkeys;
	Z3_ast key = encs(E, e->a);
	if (E->swapped && smt_party_keyed(E->c, t)) {
		/* the two Parties' rows exchanged: key a reads b's row */
		const lw_scope *sc = &E->c->scope;
		key = swap_party(x, key, E->fv[sc->f_requesting]->s, E->fv[sc->f_requested]->s);
	}
	int64_t k;
	if (num(x, key, &k))
		return entry(E, t->by_key[k < nkeys ? k : nkeys - 1]);
	/* the most frequent entry (usually `_`) at the bottom of the chain */
	const expr *base = t->by_key[0];
	size_t best = 0;
	for (uint32_t i = 0; i < nkeys; i++) {
		size_t n = 0;
		for (uint32_t j = 0; j < nkeys; j++)
			n += t->by_key[j] == t->by_key[i];
		if (n > best) {
			best = n;
			base = t->by_key[i];
		}
		if (best * 2 > nkeys)
			break;
	}
	val r = entry(E, base);
	uint32_t n = e->ty.kind == PK_SET ? nmem(e) : 0;
	if (n) {
		Z3_ast *b = bits_new(E, n);
		memcpy(b, r.bits, n * sizeof *b);
		r.bits = b;
	}
	uint8_t *done = xcalloc(nkeys, 1);
	for (uint32_t i = 0; i < nkeys; i++) {
		const expr *xe = t->by_key[i];
		if (xe == base || done[i])
			continue;
		Z3_ast cond = x->f;
		for (uint32_t j = i; j < nkeys; j++)
			if (t->by_key[j] == xe) {
				done[j] = 1;
				cond = smt_mk_or(x, cond, is_member(x, key, nkeys, j));
			}
		val w = entry(E, xe);
		if (n)
			for (uint32_t m = 0; m < n; m++)
				r.bits[m] = mk_ite(x, cond, w.bits[m], r.bits[m]);
		else
			r.s = mk_ite(x, cond, w.s, r.s);
	}
	free(done);
	return r;
}

static Z3_ast set_has(smt_enc *E, Z3_ast m, uint32_t n, val s)
{
	smt_ctx *x = E->x;
	int64_t k;
	if (num(x, m, &k))
		return k >= 0 && k < n ? s.bits[k] : x->f;
	Z3_ast *any = xmalloc((n + 1) * sizeof *any);
	uint32_t na = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!smt_is_false(x, s.bits[i]))
			any[na++] = smt_mk_and(x, is_member(x, m, n, i), s.bits[i]);
	Z3_ast r = mk_nary(x, 1, any, na);
	free(any);
	return r;
}

/* ---- the decision's facts, for asserts ---- */

/* An obligation's value: the combined value when the decision imposes it,
 * else what combining no values gives (eval.c, oblig_value). */
static val oblig_value(smt_enc *E, const expr *e)
{
	smt_ctx *x = E->x;
	const lw_oblig *o = &E->c->obligs[e->index];
	uint32_t si = o->schema;
	const smt_decision *d = &E->d;
	Z3_ast set = si == LW_NONE ? x->f : d->oblig_set[si];
	val r = { 0 };
	if (o->combine == PC_FLAG) {
		r.s = set;
	} else if (o->ty.kind == PK_SET) {
		uint32_t n = nmem(e);
		r.bits = bits_new(E, n);
		for (uint32_t m = 0; m < n; m++) {
			Z3_ast none = KB(x, o->combine == PC_INTERSECT);
			r.bits[m] = si == LW_NONE ? none : mk_ite(x, set, d->oblig_val[si][m], none);
		}
	} else {
		int min = o->combine == PC_MIN, date = o->ty.kind == PK_DATE;
		Z3_ast none = smt_k64(x, min ? (date ? LP_DATE_MAX : INT64_MAX) : (date ? LP_DATE_MIN : INT64_MIN));
		r.s = si == LW_NONE ? none : mk_ite(x, set, d->oblig_val[si][0], none);
	}
	return r;
}

static Z3_ast fact(smt_enc *E, const expr *e)
{
	smt_ctx *x = E->x;
	const smt_decision *d = &E->d;
	switch (e->kind) {
	case E_OUTCOME: {
		Z3_ast r = x->f;
		for (int o = 0; o < PO__COUNT; o++)
			if (e->ival >> o & 1)
				r = smt_mk_or(x, r, d->outcome[o]);
		return r;
	}
	case E_GROUNDED:
		return e->ival == PG_CLAUSES ? d->grounds[e->index] : d->ground[e->ival];
	case E_DISCRETIONARY:
		return d->discretionary[e->index];
	case E_EXEMPTED:
		return d->exempted[e->index];
	case E_FIRED: {
		const lw_clause *cl = &E->c->clauses[e->index];
		Z3_ast r = x->f;
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++)
			r = smt_mk_or(x, r, d->fired[j]);
		return r;
	}
	default: {
		uint32_t si = E->c->obligs[e->index].schema;
		return si == LW_NONE ? x->f : d->oblig_set[si];
	}
	}
}

static val enc(smt_enc *E, const expr *e)
{
	smt_ctx *x = E->x;
	val r = { 0 };
	uint32_t n = e->ty.kind == PK_SET ? nmem(e) : 0;
	switch (e->kind) {
	case E_INT:
	case E_DUR:
	case E_DATE:
		r.s = smt_k64(x, e->ival);
		return r;
	case E_BOOL:
		r.s = KB(x, e->ival != 0);
		return r;
	case E_NAME:
		if (e->ref == REF_MEMBER) {
			r.s = member_k(x, type_members(e->ty), e->member);
		} else if (e->ref == REF_FIELD) {
			const smt_var *v = E->fv[e->index];
			r.s = v->s;
			r.bits = v->bits;
		} else if (e->ref == REF_OBLIG) {
			r = oblig_value(E, e);
		} else {
			uint32_t i = e->index;
			if (!E->def_done[i]) {
				E->defs[i] = enc(E, E->c->defines[i].value);
				E->def_done[i] = 1;
			}
			r = E->defs[i];
		}
		return r;
	case E_SET:
		r.bits = bits_new(E, n);
		for (uint32_t i = 0; i < e->nelem; i++) {
			const expr *m = e->elem[i];
			if (m->kind == E_NAME && m->ref == REF_MEMBER) {
				r.bits[m->member] = x->t;
				continue;
			}
			Z3_ast v = encs(E, m);
			for (uint32_t k = 0; k < n; k++)
				r.bits[k] = smt_mk_or(x, r.bits[k], is_member(x, v, n, k));
		}
		return r;
	case E_LOOKUP:
		return lookup(E, e);
	case E_NOT:
		r.s = smt_mk_not(x, encs(E, e->a));
		return r;
	case E_AND:
		r.s = smt_mk_and(x, encs(E, e->a), encs(E, e->b));
		return r;
	case E_OR:
		r.s = smt_mk_or(x, encs(E, e->a), encs(E, e->b));
		return r;
	case E_IMPLIES:
		r.s = smt_mk_or(x, smt_mk_not(x, encs(E, e->a)), encs(E, e->b));
		return r;
	case E_OUTCOME:
	case E_GROUNDED:
	case E_DISCRETIONARY:
	case E_EXEMPTED:
	case E_FIRED:
	case E_IMPOSED:
		r.s = fact(E, e);
		return r;
	case E_IF: {
		Z3_ast c = encs(E, e->a);
		if (is_true(x, c))
			return enc(E, e->b);
		if (smt_is_false(x, c))
			return enc(E, e->c);
		val a = enc(E, e->b), b = enc(E, e->c);
		if (n) {
			r.bits = bits_new(E, n);
			for (uint32_t i = 0; i < n; i++)
				r.bits[i] = mk_ite(x, c, a.bits[i], b.bits[i]);
		} else {
			r.s = mk_ite(x, c, a.s, b.s);
		}
		return r;
	}
	case E_LT:
		r.s = mk_lt(x, encs(E, e->a), encs(E, e->b));
		return r;
	case E_LE:
		r.s = mk_le(x, encs(E, e->a), encs(E, e->b));
		return r;
	case E_GT:
		r.s = mk_lt(x, encs(E, e->b), encs(E, e->a));
		return r;
	case E_GE:
		r.s = mk_le(x, encs(E, e->b), encs(E, e->a));
		return r;
	case E_EQ:
	case E_NE:
	case E_OVERLAPS:
	case E_WITHIN: {
		val a = enc(E, e->a), b = enc(E, e->b);
		if (e->a->ty.kind != PK_SET) {
			Z3_ast q = smt_mk_eq(x, a.s, b.s);
			r.s = e->kind == E_EQ ? q : smt_mk_not(x, q);
			return r;
		}
		uint32_t w = nmem(e->a);
		Z3_ast *each = xmalloc((w + 1) * sizeof *each);
		for (uint32_t i = 0; i < w; i++)
			each[i] = e->kind == E_OVERLAPS ? smt_mk_and(x, a.bits[i], b.bits[i])
			        : e->kind == E_WITHIN ? smt_mk_or(x, smt_mk_not(x, a.bits[i]), b.bits[i])
			        : smt_mk_eq(x, a.bits[i], b.bits[i]);
		Z3_ast acc = mk_nary(x, e->kind == E_OVERLAPS, each, w);
		free(each);
		r.s = e->kind == E_NE ? smt_mk_not(x, acc) : acc;
		return r;
	}
	case E_IN:
	case E_NOTIN: {
		Z3_ast m = encs(E, e->a);
		Z3_ast q = set_has(E, m, type_members(e->b->ty), enc(E, e->b));
		r.s = e->kind == E_IN ? q : smt_mk_not(x, q);
		return r;
	}
	case E_UNION:
	case E_INTER:
	case E_ADD:
	case E_SUB:
		if (n) {
			val a = enc(E, e->a), b = enc(E, e->b);
			r.bits = bits_new(E, n);
			for (uint32_t i = 0; i < n; i++)
				r.bits[i] = e->kind == E_UNION ? smt_mk_or(x, a.bits[i], b.bits[i])
				          : e->kind == E_INTER ? smt_mk_and(x, a.bits[i], b.bits[i])
				          : smt_mk_and(x, a.bits[i], smt_mk_not(x, b.bits[i]));
			return r;
		}
		r.s = mk_sat(x, e->kind == E_SUB, encs(E, e->a), encs(E, e->b));
		if (e->ty.kind == PK_DATE) {   /* the calendar's ends, as eval.c */
			Z3_ast lo = smt_k64(x, LP_DATE_MIN), hi = smt_k64(x, LP_DATE_MAX);
			r.s = mk_ite(x, mk_lt(x, r.s, lo), lo, r.s);
			r.s = mk_ite(x, mk_lt(x, hi, r.s), hi, r.s);
		}
		return r;
	}
	/* an unknown node kind: eval.c answers 0 / the empty set */
	if (n)
		r.bits = bits_new(E, n);
	else
		r.s = e->ty.kind == PK_BOOL ? x->f : e->ty.kind == PK_ENUM ? member_k(x, type_members(e->ty), 0) : smt_k64(x, 0);
	return r;
}

static Z3_ast cond(smt_enc *E, const lw_rule *r)
{
	Z3_ast v = r->when ? encs(E, r->when) : E->x->t;
	if (r->unless)
		v = smt_mk_and(E->x, v, smt_mk_not(E->x, encs(E, r->unless)));
	return v;
}

/* A min/max obligation's constant of a fired rule, for the chain. */
typedef struct ocon {
	int64_t value;
	size_t order;
	Z3_ast fired;
} ocon;

static int ocon_up(const void *a, const void *b)
{
	const ocon *x = a, *y = b;
	return x->value != y->value ? (x->value < y->value ? -1 : 1) : (x->order > y->order) - (x->order < y->order);
}

static int ocon_down(const void *a, const void *b)
{
	const ocon *x = a, *y = b;
	return x->value != y->value ? (x->value > y->value ? -1 : 1) : (x->order > y->order) - (x->order < y->order);
}

/* ---- the decision, step by step as eval.c ---- */

static void encode_decision(smt_enc *E)
{
	smt_ctx *x = E->x;
	const lw_program *c = E->c;
	const lp_schema *s = &c->schema;
	const lw_scope *sc = &c->scope;
	smt_decision *d = &E->d;
	size_t nc = s->nclauses, nr = s->nrules;
	Z3_ast submitted = sc->f_submitted != LW_NONE ? E->fv[sc->f_submitted]->s : smt_k64(x, 0);

	/* 0. parties and the agreement's dates */
	Z3_ast out = x->f;
	if (sc->has_header) {
		if (sc->parties) {
			uint32_t n = s->enums[s->fields[sc->f_requesting].enum_index].nmembers;
			Z3_ast a = E->fv[sc->f_requesting]->s, b = E->fv[sc->f_requested]->s;
			Z3_ast ina = x->f, inb = x->f;
			for (uint32_t m = 0; m < n && m < sc->party_words * 64; m++)
				if (lp_bit(sc->parties, m)) {
					ina = smt_mk_or(x, ina, is_member(x, a, n, m));
					inb = smt_mk_or(x, inb, is_member(x, b, n, m));
				}
			out = smt_mk_not(x, smt_mk_and(x, ina, inb));
		}
		if (sc->has_effective)
			out = smt_mk_or(x, out, mk_lt(x, submitted, smt_k64(x, sc->effective)));
		if (sc->has_expires)
			out = smt_mk_or(x, out, mk_lt(x, smt_k64(x, sc->expires), submitted));
	}
	d->out_of_scope = out;
	Z3_ast in = smt_mk_not(x, out);

	/* 1. in force */
	Z3_ast *in_force = arena_alloc(x->ar, (nc + 1) * sizeof *in_force);
	Z3_ast *exempted = arena_alloc(x->ar, (nc + 1) * sizeof *exempted);
	Z3_ast (*by_action)[3] = arena_alloc(x->ar, (nc + 1) * sizeof *by_action);
	Z3_ast *by_may = arena_alloc(x->ar, (nc + 1) * sizeof *by_may);
	Z3_ast *fired = arena_alloc(x->ar, (nr + 1) * sizeof *fired);
	for (size_t i = 0; i < nc; i++) {
		const lw_clause *cl = &c->clauses[i];
		Z3_ast f = x->t;
		if (cl->has_from)
			f = smt_mk_and(x, f, mk_le(x, smt_k64(x, cl->from), submitted));
		if (cl->has_sunset)
			f = smt_mk_and(x, f, mk_le(x, submitted, smt_k64(x, cl->sunset)));
		if (cl->owner != LW_NONE) {
			/* a declaration when its Party is requested; a
			 * reservation when its Party is either */
			uint32_t n = s->enums[s->fields[sc->f_requested].enum_index].nmembers;
			Z3_ast rel = is_member(x, E->fv[sc->f_requested]->s, n, cl->owner);
			if (cl->kind == CK_RESERVATION)
				rel = smt_mk_or(x, rel, is_member(x, E->fv[sc->f_requesting]->s, n, cl->owner));
			f = smt_mk_and(x, f, rel);
		}
		in_force[i] = f;
		exempted[i] = x->f;
		by_action[i][0] = by_action[i][1] = by_action[i][2] = x->f;
		by_may[i] = x->f;
	}
	for (size_t r = 0; r < nr; r++)
		fired[r] = x->f;

	/* 2-3. exemption order: active clauses' rules fire */
	for (size_t k = 0; k < nc; k++) {
		uint32_t i = c->order[k];
		const lw_clause *cl = &c->clauses[i];
		Z3_ast active = smt_mk_and(x, in_force[i], smt_mk_not(x, exempted[i]));
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
			const lw_rule *r = &c->rules[j];
			Z3_ast fr = smt_mk_and(x, active, cond(E, r));
			fired[j] = fr;
			if (r->action == PA_EXEMPTS)
				for (uint32_t m = 0; m < r->nexempts; m++) {
					uint32_t t = r->exempts[m];
					exempted[t] = smt_mk_or(x, exempted[t], smt_mk_and(x, fr, in_force[t]));
				}
		}
	}
	/* the fired actions, gathered in exemption order, the clauses of
	 * x->late last (so that two agreements that differ in those share
	 * the terms of the others) */
	const uint8_t *late = x->late[E->side];
	Z3_ast any[3] = { x->f, x->f, x->f };
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < nc; k++) {
			uint32_t i = c->order[k];
			if ((late && late[i]) != pass)
				continue;
			const lw_clause *cl = &c->clauses[i];
			for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
				const lw_rule *r = &c->rules[j];
				Z3_ast fr = fired[j];
				if (r->action == PA_MAY_REFUSE) {
					/* carries refer; discretionary unless a plain
					 * refer of the clause fired too */
					any[PA_REFER] = smt_mk_or(x, any[PA_REFER], fr);
					by_may[i] = smt_mk_or(x, by_may[i], fr);
				} else if (r->action != PA_OBLIGE && r->action != PA_EXEMPTS) {
					any[r->action] = smt_mk_or(x, any[r->action], fr);
					by_action[i][r->action] = smt_mk_or(x, by_action[i][r->action], fr);
				}
			}
		}

	/* 4. outcome and ground */
	Z3_ast st_refuse = any[PA_REFUSE];
	Z3_ast st_refer = smt_mk_and(x, smt_mk_not(x, any[PA_REFUSE]), any[PA_REFER]);
	Z3_ast st_grant = smt_mk_and(x, smt_mk_not(x, smt_mk_or(x, any[PA_REFUSE], any[PA_REFER])), any[PA_GRANT]);
	Z3_ast any_action = smt_mk_or(x, any[PA_REFUSE], smt_mk_or(x, any[PA_REFER], any[PA_GRANT]));
	Z3_ast dflt = smt_mk_not(x, any_action);
	Z3_ast st[3] = { st_grant, st_refer, st_refuse };
	for (int o = 0; o < PO__COUNT; o++) {
		Z3_ast v = smt_mk_and(x, in, smt_mk_or(x, st[o], s->default_outcome == o ? dflt : x->f));
		d->outcome[o] = o == PO_REFUSE ? smt_mk_or(x, out, v) : v;
	}
	d->ground[PG_AGREEMENT] = out;
	d->ground[PG_DEFAULT] = smt_mk_and(x, in, dflt);
	d->ground[PG_CLAUSES] = smt_mk_and(x, in, any_action);

	/* 5. grounds */
	d->grounds = arena_alloc(x->ar, (nc + 1) * sizeof *d->grounds);
	d->discretionary = arena_alloc(x->ar, (nc + 1) * sizeof *d->discretionary);
	for (size_t i = 0; i < nc; i++) {
		Z3_ast g = smt_mk_and(x, st[PO_REFER], by_may[i]);
		for (int a = 0; a < 3; a++)
			g = smt_mk_or(x, g, smt_mk_and(x, st[a], by_action[i][a]));
		d->grounds[i] = smt_mk_and(x, in, g);
		d->discretionary[i] = smt_mk_and(x, in, smt_mk_and(x, st[PO_REFER],
		                      smt_mk_and(x, by_may[i], smt_mk_not(x, by_action[i][PA_REFER]))));
	}
	d->fired = arena_alloc(x->ar, (nr + 1) * sizeof *d->fired);
	for (size_t r = 0; r < nr; r++)
		d->fired[r] = smt_mk_and(x, in, fired[r]);
	d->exempted = arena_alloc(x->ar, (nc + 1) * sizeof *d->exempted);
	for (size_t i = 0; i < nc; i++)
		d->exempted[i] = smt_mk_and(x, in, exempted[i]);

	/* 6. obligations, over fired oblige rules (min/max/union/intersect
	 * are commutative and associative, so the order of imposition does
	 * not matter); each reported with the outcomes it goes with, never
	 * under step 0 */
	uint32_t no = s->noblig;
	d->oblig_set = arena_alloc(x->ar, (no + 1) * sizeof *d->oblig_set);
	d->oblig_val = arena_alloc(x->ar, (no + 1) * sizeof *d->oblig_val);
	d->oblig_n = arena_alloc(x->ar, (no + 1) * sizeof *d->oblig_n);
	E->oconst = arena_alloc(x->ar, (no + 1) * sizeof *E->oconst);
	E->noconst = arena_alloc(x->ar, (no + 1) * sizeof *E->noconst);
	E->ovar = arena_alloc(x->ar, no + 1);
	for (uint32_t o = 0; o < no; o++) {
		const lp_oblig_desc *od = &s->obligs[o];
		uint32_t n = od->combine == PC_FLAG ? 0
		           : od->kind == PK_SET ? s->enums[od->enum_index].nmembers : 1;
		int scalar = n && od->kind != PK_SET;
		Z3_ast seen = x->f;
		Z3_ast *cur = n ? arena_alloc(x->ar, (n + 1) * sizeof *cur) : NULL;
		for (uint32_t i = 0; i < n; i++)
			cur[i] = od->combine == PC_INTERSECT ? x->t : x->f;
		/* min/max: the constants of each pass as a priority chain (the
		 * smallest, or largest, fired one wins: no comparison), values
		 * read from the request as a chain of comparisons */
		ocon *con[2] = { NULL, NULL };
		size_t ncon[2] = { 0, 0 }, capcon[2] = { 0, 0 };
		Z3_ast vseen = x->f, vcur = smt_k64(x, 0);
		for (size_t k = 0; k < 2 * nc; k++) {
			uint32_t ci = c->order[k % nc];
			int pass = k >= nc;
			if ((late && late[ci]) != pass)
				continue;
			const lw_clause *cl = &c->clauses[ci];
			for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
				const lw_rule *r = &c->rules[j];
				if (r->action != PA_OBLIGE || r->oblig != o)
					continue;
				Z3_ast fr = fired[j];
				if (smt_is_false(x, fr))
					continue;
				seen = smt_mk_or(x, seen, fr);
				if (!n)
					continue;
				val v = enc(E, r->value);
				int64_t kv;
				if (scalar && num(x, v.s, &kv)) {
					int64_t *l = arena_alloc(x->ar, (E->noconst[o] + 1) * sizeof *l);
					memcpy(l, E->oconst[o] ? E->oconst[o] : l, E->noconst[o] * sizeof *l);
					l[E->noconst[o]++] = kv;
					E->oconst[o] = l;
					if (ncon[pass] == capcon[pass]) {
						capcon[pass] = capcon[pass] ? 2 * capcon[pass] : 16;
						con[pass] = xrealloc(con[pass], capcon[pass] * sizeof *con[pass]);
					}
					con[pass][ncon[pass]++] = (ocon){ kv, ncon[pass], fr };
					continue;
				}
				E->ovar[o] = 1;
				if (scalar) {
					Z3_ast m = od->combine == PC_MIN ? mk_ite(x, mk_lt(x, v.s, vcur), v.s, vcur)
					                                 : mk_ite(x, mk_lt(x, vcur, v.s), v.s, vcur);
					vcur = mk_ite(x, fr, mk_ite(x, vseen, m, v.s), vcur);
					vseen = smt_mk_or(x, vseen, fr);
					continue;
				}
				/* sets: a member is in the union when some fired
				 * rule gives it; in the intersection when none that
				 * fired leaves it out */
				for (uint32_t i = 0; i < n; i++)
					cur[i] = od->combine == PC_UNION ? smt_mk_or(x, cur[i], smt_mk_and(x, fr, v.bits[i]))
					                                 : smt_mk_and(x, cur[i], smt_mk_or(x, smt_mk_not(x, fr), v.bits[i]));
			}
		}
		if (scalar) {
			int up = od->combine == PC_MIN;
			Z3_ast none = smt_k64(x, up ? INT64_MAX : INT64_MIN);
			Z3_ast best = vseen == x->f ? none : mk_ite(x, vseen, vcur, none);
			for (int pass = 0; pass < 2; pass++) {
				if (ncon[pass])
					qsort(con[pass], ncon[pass], sizeof *con[pass], up ? ocon_up : ocon_down);
				Z3_ast chain = none;
				for (size_t i = ncon[pass]; i-- > 0;)
					chain = mk_ite(x, con[pass][i].fired, smt_k64(x, con[pass][i].value), chain);
				free(con[pass]);
				if (chain == none)
					continue;
				best = best == none ? chain : up ? mk_ite(x, mk_lt(x, chain, best), chain, best)
				                                 : mk_ite(x, mk_lt(x, best, chain), chain, best);
			}
			cur[0] = best;
		} else if (od->combine == PC_INTERSECT) {
			for (uint32_t i = 0; i < n; i++)
				cur[i] = smt_mk_and(x, seen, cur[i]);
		}
		Z3_ast carry = x->f;
		for (int oc = 0; oc < PO__COUNT; oc++)
			if (od->on >> oc & 1)
				carry = smt_mk_or(x, carry, d->outcome[oc]);
		Z3_ast set = smt_mk_and(x, smt_mk_and(x, in, carry), seen);
		d->oblig_set[o] = set;
		d->oblig_n[o] = n;
		if (n) {
			for (uint32_t i = 0; i < n; i++)
				cur[i] = mk_ite(x, set, cur[i], od->kind == PK_SET ? x->f : smt_k64(x, 0));
			d->oblig_val[o] = cur;
		}
	}
}

static smt_enc *enc_new(smt_ctx *x, const lw_program *c, int side)
{
	smt_enc *E = arena_alloc(x->ar, sizeof *E);
	E->x = x;
	E->c = c;
	E->side = side;
	x->enc[side] = E;
	E->defs = arena_alloc(x->ar, (c->ndefines + 1) * sizeof *E->defs);
	E->def_done = arena_alloc(x->ar, c->ndefines + 1);
	size_t nent = 0;
	for (uint32_t i = 0; i < c->ntables; i++)
		nent += c->tables[i].nkeys + 1;
	E->ecap = 16;
	while (E->ecap < 2 * nent + 16)
		E->ecap *= 2;
	E->ec = xcalloc(E->ecap, sizeof *E->ec);
	return E;
}

smt_enc *smt_encode(smt_ctx *x, const lw_program *c, int side)
{
	smt_enc *E = enc_new(x, c, side);
	bind_fields(E);
	encode_decision(E);
	return E;
}

smt_enc *smt_encode_swapped(smt_ctx *x, const lw_program *c)
{
	const smt_enc *o = x->enc[0];
	const lw_scope *sc = &c->scope;
	smt_enc *E = enc_new(x, c, 1);
	uint32_t n = c->schema.nfields;
	smt_var **fv = arena_alloc(x->ar, (n + 1) * sizeof *fv);
	memcpy(fv, o->fv, n * sizeof *fv);
	/* every field of the Parties' enum relabelled: a <-> b, the request's
	 * two Parties (so the requesting Party becomes the requested one) */
	const lp_schema *s = &c->schema;
	uint32_t pe = s->fields[sc->f_requesting].enum_index, np = s->enums[pe].nmembers;
	Z3_ast a = o->fv[sc->f_requesting]->s, b = o->fv[sc->f_requested]->s;
	for (uint32_t i = 0; i < n; i++) {
		const lp_field_desc *f = &s->fields[i];
		if ((f->kind != PK_ENUM && f->kind != PK_SET) || f->enum_index != pe)
			continue;
		smt_var *w = arena_alloc(x->ar, sizeof *w);
		*w = *o->fv[i];
		w->field[0] = w->field[1] = -1;
		if (f->kind == PK_ENUM) {
			w->s = swap_party(x, w->s, a, b);
		} else {
			/* member m of the relabelled set: a's bit when m is b,
			 * b's when m is a, else m's */
			Z3_ast in_a = x->f, in_b = x->f;
			for (uint32_t m = 0; m < np; m++) {
				in_a = smt_mk_or(x, in_a, smt_mk_and(x, is_member(x, a, np, m), o->fv[i]->bits[m]));
				in_b = smt_mk_or(x, in_b, smt_mk_and(x, is_member(x, b, np, m), o->fv[i]->bits[m]));
			}
			w->bits = arena_alloc(x->ar, (np + 1) * sizeof *w->bits);
			for (uint32_t m = 0; m < np; m++)
				w->bits[m] = mk_ite(x, is_member(x, a, np, m), in_b,
				                    mk_ite(x, is_member(x, b, np, m), in_a, o->fv[i]->bits[m]));
		}
		fv[i] = w;
	}
	E->fv = fv;
	E->swapped = 1;
	encode_decision(E);
	return E;
}

const smt_decision *smt_enc_decision(const smt_enc *e)
{
	return &e->d;
}

int smt_party_keyed(const lw_program *c, const lw_table *t)
{
	const lw_scope *sc = &c->scope;
	return sc->parties && sc->f_requesting != LW_NONE && t->key.kind == PK_ENUM &&
	       t->key.en == c->fields[sc->f_requesting].ty.en;
}

Z3_ast smt_enc_prop(smt_enc *E, const expr *prop)
{
	return encs(E, prop);
}

Z3_ast smt_ctx_domain(smt_ctx *x)
{
	if (!x->ndom)
		return x->t;
	return Z3_mk_and(x->z, (unsigned)x->ndom, x->dom);
}

Z3_model smt_enc_model(smt_enc *E, const uint64_t *req)
{
	smt_ctx *x = E->x;
	const lp_schema *s = &E->c->schema;
	Z3_model m = Z3_mk_model(x->z);
	Z3_model_inc_ref(x->z, m);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const smt_var *v = E->fv[i];
		const uint64_t *w = req + s->fields[i].slot;
		if (v->kind == PK_SET) {
			for (uint32_t k = 0; k < v->nmembers; k++)
				Z3_add_const_interp(x->z, m, Z3_get_app_decl(x->z, Z3_to_app(x->z, v->bits[k])),
				                    KB(x, lp_bit(w, k)));
		} else {
			Z3_add_const_interp(x->z, m, Z3_get_app_decl(x->z, Z3_to_app(x->z, v->s)),
			                    var_value(x, v, w));
		}
	}
	return m;
}

int64_t smt_model_num(smt_ctx *x, Z3_model m, Z3_ast a)
{
	Z3_ast r;
	int64_t v = 0;
	if (Z3_model_eval(x->z, m, a, 1, &r))
		num(x, r, &v);
	return v;
}

int smt_model_bool(smt_ctx *x, Z3_model m, Z3_ast a)
{
	Z3_ast r;
	if (!Z3_model_eval(x->z, m, a, 1, &r))
		return 0;
	return Z3_get_bool_value(x->z, r) == Z3_L_TRUE;
}

void smt_enc_read(const smt_enc *E, Z3_model m, uint64_t *req)
{
	smt_ctx *x = E->x;
	const lp_schema *s = &E->c->schema;
	memset(req, 0, s->nslots * sizeof *req);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const smt_var *v = E->fv[i];
		uint64_t *w = req + s->fields[i].slot;
		if (v->kind == PK_SET) {
			for (uint32_t k = 0; k < v->nmembers; k++)
				if (smt_model_bool(x, m, v->bits[k]))
					lp_bit_set(w, k);
		} else if (v->kind == PK_BOOL) {
			w[0] = (uint64_t)smt_model_bool(x, m, v->s);
		} else {
			w[0] = (uint64_t)smt_model_num(x, m, v->s);
		}
	}
}
