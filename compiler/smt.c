/*
 * smt.c — agreements' decisions as Z3 formulas, and the semantic diff.
 *
 * The encoder is compiler/eval.c (and codegen.c's straight-line form of it)
 * written over Z3 terms instead of words: every request field is a variable
 * (smt.h says which kind), every define and table entry is encoded once, and
 * the decision is built in the checker's exemption order exactly as eval.c
 * decides.  Constant subterms are folded as the terms are made (Z3's mk_*
 * functions do not simplify), so the constant tables and sets of an
 * agreement cost nothing in the formulas.
 *
 * The diff asks one incremental solver, holding the variables' domains, for
 * each kind of change (outcome pairs; obligations added, removed or with
 * another value, enumerating the value pairs); each kind found gets a
 * witness with as many fields at their defaults as possible, which both
 * reference evaluators then decide again: a witness that does not reproduce
 * its kind is reported as a bug of this file.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smt.h"

const char *const smt_sig_verdict_names[SMT_SIG__COUNT] = {
	"equivalent", "more permissive", "less permissive", "incomparable",
	"changed (same refusals)",
};

/* ---- the context and the request variables ---- */

typedef struct smt_var {
	const char *name;
	uint8_t kind;               /* enum pk_kind */
	uint32_t nmembers;          /* enum, set */
	const lp_enum_desc *en;  /* of the side that made it */
	uint32_t width;             /* enum bit-vector width */
	Z3_ast s;                   /* the variable (not for sets) */
	Z3_ast *bits;               /* set: one Boolean per member */
	int priv;                   /* private to one side: its type changed */
	int field[2];               /* schema field index on each side, or -1 */
} smt_var;

struct smt_ctx {
	Z3_context z;
	arena *ar;
	smt_var **vars;
	size_t nvars, cap;
	Z3_sort b, bv64;
	Z3_ast t, f;
	Z3_ast *dom;                /* domain constraints */
	size_t ndom, capdom;
	smt_enc *enc[2];
	char **notes;               /* schema changes found while encoding */
	size_t nnotes, capnotes;
};

typedef struct val {
	Z3_ast s;
	Z3_ast *bits;
} val;

typedef struct entry_cache {
	const expr *key;
	val v;
} entry_cache;

struct smt_enc {
	smt_ctx *x;
	const lw_program *c;
	int side;
	smt_var **fv;               /* per schema field */
	val *defs;
	uint8_t *def_done;
	entry_cache *ec;            /* table entries by expr, open addressing */
	size_t ecap;
	smt_decision d;
	/* per min/max obligation: the values of its oblige rules when every
	 * one is a constant (the combined value is then one of them) */
	int64_t **oconst;
	uint32_t *noconst;
	uint8_t *ovar;              /* some oblige value reads the request */
};

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
static int is_false(smt_ctx *x, Z3_ast a) { return a == x->f || Z3_get_bool_value(x->z, a) == Z3_L_FALSE; }

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

static Z3_ast K64(smt_ctx *x, int64_t v)
{
	return Z3_mk_unsigned_int64(x->z, (uint64_t)v, x->bv64);
}

static Z3_ast KB(smt_ctx *x, int v)
{
	return v ? x->t : x->f;
}

static Z3_ast mk_not(smt_ctx *x, Z3_ast a)
{
	if (is_true(x, a))
		return x->f;
	if (is_false(x, a))
		return x->t;
	if (Z3_get_ast_kind(x->z, a) == Z3_APP_AST) {
		Z3_app ap = Z3_to_app(x->z, a);
		if (Z3_get_decl_kind(x->z, Z3_get_app_decl(x->z, ap)) == Z3_OP_NOT)
			return Z3_get_app_arg(x->z, ap, 0);
	}
	return Z3_mk_not(x->z, a);
}

static Z3_ast mk_and(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	if (is_false(x, a) || is_false(x, b))
		return x->f;
	if (is_true(x, a))
		return b;
	if (is_true(x, b) || a == b)
		return a;
	Z3_ast v[2] = { a, b };
	return Z3_mk_and(x->z, 2, v);
}

static Z3_ast mk_or(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	if (is_true(x, a) || is_true(x, b))
		return x->t;
	if (is_false(x, a))
		return b;
	if (is_false(x, b) || a == b)
		return a;
	Z3_ast v[2] = { a, b };
	return Z3_mk_or(x->z, 2, v);
}

/* Equality of two Booleans or two bit-vectors of one sort. */
static Z3_ast mk_eq(smt_ctx *x, Z3_ast a, Z3_ast b)
{
	if (a == b)
		return x->t;
	if (Z3_get_sort_kind(x->z, Z3_get_sort(x->z, a)) == Z3_BOOL_SORT) {
		if (is_true(x, a))
			return b;
		if (is_true(x, b))
			return a;
		if (is_false(x, a))
			return mk_not(x, b);
		if (is_false(x, b))
			return mk_not(x, a);
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
	if (is_false(x, c))
		return b;
	if (Z3_get_sort_kind(x->z, Z3_get_sort(x->z, a)) == Z3_BOOL_SORT) {
		if (is_true(x, a) && is_false(x, b))
			return c;
		if (is_false(x, a) && is_true(x, b))
			return mk_not(x, c);
		if (is_true(x, a))
			return mk_or(x, c, b);
		if (is_false(x, b))
			return mk_and(x, c, a);
		if (is_false(x, a))
			return mk_and(x, mk_not(x, c), b);
		if (is_true(x, b))
			return mk_or(x, mk_not(x, c), a);
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
		return K64(x, sub ? lp_sat_sub(u, v) : lp_sat_add(u, v));
	Z3_ast zero = K64(x, 0);
	Z3_ast r = sub ? Z3_mk_bvsub(x->z, a, b) : Z3_mk_bvadd(x->z, a, b);
	Z3_ast na = mk_lt(x, a, zero), nb = mk_lt(x, b, zero), nr = mk_lt(x, r, zero);
	/* add overflows when a and b have one sign and r the other;
	 * sub when a and b have different signs and r has b's */
	Z3_ast ovf = mk_and(x, sub ? mk_not(x, mk_eq(x, na, nb)) : mk_eq(x, na, nb),
	                    mk_not(x, mk_eq(x, nr, na)));
	Z3_ast lim = sub ? mk_ite(x, mk_lt(x, b, zero), K64(x, INT64_MAX), K64(x, INT64_MIN))
	                 : mk_ite(x, mk_lt(x, zero, b), K64(x, INT64_MAX), K64(x, INT64_MIN));
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
			add_dom(x, mk_le(x, K64(x, LP_DATE_MIN), v->s));
			add_dom(x, mk_le(x, v->s, K64(x, LP_DATE_MAX)));
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
static Z3_ast var_eq(smt_ctx *x, const smt_var *v, const uint64_t *w)
{
	switch (v->kind) {
	case PK_BOOL:
		return w[0] ? v->s : mk_not(x, v->s);
	case PK_ENUM:
		return Z3_mk_eq(x->z, v->s, Z3_mk_unsigned_int64(x->z, w[0], Z3_mk_bv_sort(x->z, v->width)));
	case PK_SET: {
		Z3_ast a = x->t;
		for (uint32_t m = 0; m < v->nmembers; m++)
			a = mk_and(x, a, lp_bit(w, m) ? v->bits[m] : mk_not(x, v->bits[m]));
		return a;
	}
	default:
		return Z3_mk_eq(x->z, v->s, K64(x, (int64_t)w[0]));
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
		return K64(x, (int64_t)w[0]);
	}
}

/* The index of member `name` of enum `en`, or -1. */
static int member_index(const lp_enum_desc *en, const char *name)
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
		n += member_index(b, a->members[i]) >= 0;
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
			int m = member_index(v->en, mine->members[k]);
			w->bits[k] = m >= 0 ? v->bits[m] : x->f;
			shared += m >= 0;
		}
		for (uint32_t m = 0; m < v->nmembers; m++)
			if (member_index(mine, v->en->members[m]) < 0)
				add_dom(x, mk_not(x, v->bits[m]));
	} else {
		w->width = enum_width(mine->nmembers);
		Z3_sort mysort = Z3_mk_bv_sort(x->z, w->width), theirs = Z3_mk_bv_sort(x->z, v->width);
		Z3_ast view = Z3_mk_unsigned_int64(x->z, 0, mysort), ok = x->f;
		for (uint32_t m = 0; m < v->nmembers; m++) {
			int k = member_index(mine, v->en->members[m]);
			if (k < 0)
				continue;
			Z3_ast is = Z3_mk_eq(x->z, v->s, Z3_mk_unsigned_int64(x->z, m, theirs));
			view = mk_ite(x, is, Z3_mk_unsigned_int64(x->z, (uint64_t)k, mysort), view);
			ok = mk_or(x, ok, is);
			shared++;
		}
		w->s = view;
		add_dom(x, ok);
	}
	note(x, "field %s: the members of %s changed (compared on the %u both versions have)",
	     f->name, mine->name, shared);
	return w;
}

static void bind_fields(smt_enc *E)
{
	smt_ctx *x = E->x;
	const lp_schema *s = &E->c->schema;
	E->fv = arena_alloc(x->ar, (s->nfields + 1) * sizeof *E->fv);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		smt_var *v = NULL;
		for (size_t k = 0; k < x->nvars; k++)
			if (!x->vars[k]->priv && strcmp(x->vars[k]->name, f->name) == 0)
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
				add_dom(x, var_eq(x, v, of->defval));
			char *zn = arena_printf(x->ar, "%s@%s", f->name, E->side ? "new" : "old");
			v = new_var(x, s, f, zn);
			v->priv = 1;
			if (f->has_default)
				add_dom(x, var_eq(x, v, f->defval));
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
	return mk_eq(x, v, member_k(x, n, m));
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

static val lookup(smt_enc *E, const expr *e)
{
	smt_ctx *x = E->x;
	const lw_table *t = &E->c->tables[e->index];
	uint32_t nkeys = t->nkeys;
	Z3_ast key = encs(E, e->a);
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
				cond = mk_or(x, cond, is_member(x, key, nkeys, j));
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
	Z3_ast r = x->f;
	for (uint32_t i = 0; i < n; i++)
		if (!is_false(x, s.bits[i]))
			r = mk_or(x, r, mk_and(x, is_member(x, m, n, i), s.bits[i]));
	return r;
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
		r.s = K64(x, e->ival);
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
				r.bits[k] = mk_or(x, r.bits[k], is_member(x, v, n, k));
		}
		return r;
	case E_LOOKUP:
		return lookup(E, e);
	case E_NOT:
		r.s = mk_not(x, encs(E, e->a));
		return r;
	case E_AND:
		r.s = mk_and(x, encs(E, e->a), encs(E, e->b));
		return r;
	case E_OR:
		r.s = mk_or(x, encs(E, e->a), encs(E, e->b));
		return r;
	case E_IF: {
		Z3_ast c = encs(E, e->a);
		if (is_true(x, c))
			return enc(E, e->b);
		if (is_false(x, c))
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
			Z3_ast q = mk_eq(x, a.s, b.s);
			r.s = e->kind == E_EQ ? q : mk_not(x, q);
			return r;
		}
		uint32_t w = nmem(e->a);
		Z3_ast acc = e->kind == E_OVERLAPS ? x->f : x->t;
		for (uint32_t i = 0; i < w; i++) {
			if (e->kind == E_OVERLAPS)
				acc = mk_or(x, acc, mk_and(x, a.bits[i], b.bits[i]));
			else if (e->kind == E_WITHIN)
				acc = mk_and(x, acc, mk_or(x, mk_not(x, a.bits[i]), b.bits[i]));
			else
				acc = mk_and(x, acc, mk_eq(x, a.bits[i], b.bits[i]));
		}
		r.s = e->kind == E_NE ? mk_not(x, acc) : acc;
		return r;
	}
	case E_IN:
	case E_NOTIN: {
		Z3_ast m = encs(E, e->a);
		Z3_ast q = set_has(E, m, type_members(e->b->ty), enc(E, e->b));
		r.s = e->kind == E_IN ? q : mk_not(x, q);
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
				r.bits[i] = e->kind == E_UNION ? mk_or(x, a.bits[i], b.bits[i])
				          : e->kind == E_INTER ? mk_and(x, a.bits[i], b.bits[i])
				          : mk_and(x, a.bits[i], mk_not(x, b.bits[i]));
			return r;
		}
		r.s = mk_sat(x, e->kind == E_SUB, encs(E, e->a), encs(E, e->b));
		if (e->ty.kind == PK_DATE) {   /* the calendar's ends, as eval.c */
			Z3_ast lo = K64(x, LP_DATE_MIN), hi = K64(x, LP_DATE_MAX);
			r.s = mk_ite(x, mk_lt(x, r.s, lo), lo, r.s);
			r.s = mk_ite(x, mk_lt(x, hi, r.s), hi, r.s);
		}
		return r;
	}
	/* an unknown node kind: eval.c answers 0 / the empty set */
	if (n)
		r.bits = bits_new(E, n);
	else
		r.s = e->ty.kind == PK_BOOL ? x->f : e->ty.kind == PK_ENUM ? member_k(x, type_members(e->ty), 0) : K64(x, 0);
	return r;
}

static Z3_ast cond(smt_enc *E, const lw_rule *r)
{
	Z3_ast v = r->when ? encs(E, r->when) : E->x->t;
	if (r->unless)
		v = mk_and(E->x, v, mk_not(E->x, encs(E, r->unless)));
	return v;
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
	Z3_ast submitted = sc->f_submitted != LW_NONE ? E->fv[sc->f_submitted]->s : K64(x, 0);

	/* 0. parties and the agreement's dates */
	Z3_ast out = x->f;
	if (sc->has_header) {
		if (sc->parties) {
			uint32_t n = s->enums[s->fields[sc->f_requesting].enum_index].nmembers;
			Z3_ast a = E->fv[sc->f_requesting]->s, b = E->fv[sc->f_requested]->s;
			Z3_ast ina = x->f, inb = x->f;
			for (uint32_t m = 0; m < n && m < sc->party_words * 64; m++)
				if (lp_bit(sc->parties, m)) {
					ina = mk_or(x, ina, is_member(x, a, n, m));
					inb = mk_or(x, inb, is_member(x, b, n, m));
				}
			out = mk_not(x, mk_and(x, ina, inb));
		}
		if (sc->has_effective)
			out = mk_or(x, out, mk_lt(x, submitted, K64(x, sc->effective)));
		if (sc->has_expires)
			out = mk_or(x, out, mk_lt(x, K64(x, sc->expires), submitted));
	}
	d->out_of_scope = out;
	Z3_ast in = mk_not(x, out);

	/* 1. in force */
	Z3_ast *in_force = arena_alloc(x->ar, (nc + 1) * sizeof *in_force);
	Z3_ast *exempted = arena_alloc(x->ar, (nc + 1) * sizeof *exempted);
	Z3_ast (*by_action)[3] = arena_alloc(x->ar, (nc + 1) * sizeof *by_action);
	Z3_ast *fired = arena_alloc(x->ar, (nr + 1) * sizeof *fired);
	for (size_t i = 0; i < nc; i++) {
		const lw_clause *cl = &c->clauses[i];
		Z3_ast f = x->t;
		if (cl->has_from)
			f = mk_and(x, f, mk_le(x, K64(x, cl->from), submitted));
		if (cl->has_sunset)
			f = mk_and(x, f, mk_le(x, submitted, K64(x, cl->sunset)));
		in_force[i] = f;
		exempted[i] = x->f;
		by_action[i][0] = by_action[i][1] = by_action[i][2] = x->f;
	}
	for (size_t r = 0; r < nr; r++)
		fired[r] = x->f;

	/* 2-3. exemption order: active clauses' rules fire */
	Z3_ast any[3] = { x->f, x->f, x->f };
	for (size_t k = 0; k < nc; k++) {
		uint32_t i = c->order[k];
		const lw_clause *cl = &c->clauses[i];
		Z3_ast active = mk_and(x, in_force[i], mk_not(x, exempted[i]));
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
			const lw_rule *r = &c->rules[j];
			Z3_ast fr = mk_and(x, active, cond(E, r));
			fired[j] = fr;
			if (r->action == PA_EXEMPTS) {
				for (uint32_t m = 0; m < r->nexempts; m++) {
					uint32_t t = r->exempts[m];
					exempted[t] = mk_or(x, exempted[t], mk_and(x, fr, in_force[t]));
				}
			} else if (r->action != PA_OBLIGE) {
				any[r->action] = mk_or(x, any[r->action], fr);
				by_action[i][r->action] = mk_or(x, by_action[i][r->action], fr);
			}
		}
	}

	/* 4. outcome and ground */
	Z3_ast st_refuse = any[PA_REFUSE];
	Z3_ast st_refer = mk_and(x, mk_not(x, any[PA_REFUSE]), any[PA_REFER]);
	Z3_ast st_grant = mk_and(x, mk_not(x, mk_or(x, any[PA_REFUSE], any[PA_REFER])), any[PA_GRANT]);
	Z3_ast any_action = mk_or(x, any[PA_REFUSE], mk_or(x, any[PA_REFER], any[PA_GRANT]));
	Z3_ast dflt = mk_not(x, any_action);
	Z3_ast st[3] = { st_grant, st_refer, st_refuse };
	for (int o = 0; o < PO__COUNT; o++) {
		Z3_ast v = mk_and(x, in, mk_or(x, st[o], s->default_outcome == o ? dflt : x->f));
		d->outcome[o] = o == PO_REFUSE ? mk_or(x, out, v) : v;
	}
	d->ground[PG_AGREEMENT] = out;
	d->ground[PG_DEFAULT] = mk_and(x, in, dflt);
	d->ground[PG_CLAUSES] = mk_and(x, in, any_action);

	/* 5. grounds */
	d->grounds = arena_alloc(x->ar, (nc + 1) * sizeof *d->grounds);
	for (size_t i = 0; i < nc; i++) {
		Z3_ast g = x->f;
		for (int a = 0; a < 3; a++)
			g = mk_or(x, g, mk_and(x, st[a], by_action[i][a]));
		d->grounds[i] = mk_and(x, in, g);
	}
	d->fired = arena_alloc(x->ar, (nr + 1) * sizeof *d->fired);
	for (size_t r = 0; r < nr; r++)
		d->fired[r] = mk_and(x, in, fired[r]);

	/* 6. obligations, over fired oblige rules (min/max/union/intersect
	 * are commutative and associative, so the order of imposition does
	 * not matter); none on a refusal */
	Z3_ast carry = mk_not(x, d->outcome[PO_REFUSE]);
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
		Z3_ast seen = x->f;
		Z3_ast *cur = n ? arena_alloc(x->ar, (n + 1) * sizeof *cur) : NULL;
		for (uint32_t i = 0; i < n; i++)
			cur[i] = od->kind == PK_SET ? x->f : K64(x, 0);
		for (size_t k = 0; k < nc; k++) {
			const lw_clause *cl = &c->clauses[c->order[k]];
			for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
				const lw_rule *r = &c->rules[j];
				if (r->action != PA_OBLIGE || r->oblig != o)
					continue;
				Z3_ast fr = fired[j];
				if (is_false(x, fr))
					continue;
				if (n) {
					val v = enc(E, r->value);
					int64_t kv;
					if (od->kind != PK_SET && num(x, v.s, &kv)) {
						int64_t *l = arena_alloc(x->ar, (E->noconst[o] + 1) * sizeof *l);
						memcpy(l, E->oconst[o] ? E->oconst[o] : l, E->noconst[o] * sizeof *l);
						l[E->noconst[o]++] = kv;
						E->oconst[o] = l;
					} else {
						E->ovar[o] = 1;
					}
					for (uint32_t i = 0; i < n; i++) {
						Z3_ast a = cur[i], b = od->kind == PK_SET ? v.bits[i] : v.s, m;
						switch (od->combine) {
						case PC_MIN: m = mk_ite(x, mk_lt(x, b, a), b, a); break;
						case PC_MAX: m = mk_ite(x, mk_lt(x, a, b), b, a); break;
						case PC_UNION: m = mk_or(x, a, b); break;
						default: m = mk_and(x, a, b); break;
						}
						cur[i] = mk_ite(x, fr, mk_ite(x, seen, m, b), a);
					}
				}
				seen = mk_or(x, seen, fr);
			}
		}
		Z3_ast set = mk_and(x, carry, seen);
		d->oblig_set[o] = set;
		d->oblig_n[o] = n;
		if (n) {
			for (uint32_t i = 0; i < n; i++)
				cur[i] = mk_ite(x, set, cur[i], od->kind == PK_SET ? x->f : K64(x, 0));
			d->oblig_val[o] = cur;
		}
	}
}

smt_enc *smt_encode(smt_ctx *x, const lw_program *c, int side)
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
	bind_fields(E);
	encode_decision(E);
	return E;
}

const smt_decision *smt_enc_decision(const smt_enc *e)
{
	return &e->d;
}

const Z3_ast *smt_enc_field(const smt_enc *e, uint32_t field, uint32_t *n)
{
	const smt_var *v = e->fv[field];
	*n = v->kind == PK_SET ? v->nmembers : 1;
	return v->kind == PK_SET ? v->bits : &v->s;
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

static int64_t model_num(smt_ctx *x, Z3_model m, Z3_ast a)
{
	Z3_ast r;
	int64_t v = 0;
	if (Z3_model_eval(x->z, m, a, 1, &r))
		num(x, r, &v);
	return v;
}

static int model_bool(smt_ctx *x, Z3_model m, Z3_ast a)
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
				if (model_bool(x, m, v->bits[k]))
					lp_bit_set(w, k);
		} else if (v->kind == PK_BOOL) {
			w[0] = (uint64_t)model_bool(x, m, v->s);
		} else {
			w[0] = (uint64_t)model_num(x, m, v->s);
		}
	}
}

/* ======================================================================
 * The semantic diff
 * ====================================================================== */

typedef struct differ {
	smt_ctx *x;
	smt_enc *e[2];
	const lw_program *c[2];
	Z3_solver S;
	const smt_diff_options *o;
	smt_diff_result *r;
	size_t capch;
	evaluator *ev[2];
	lp_decision_buf d[2];
	void *dmem[2];
	uint64_t *req[2];
	unsigned nproxy;
	const struct clause_pair *cp;   /* clause_pairs(), made once */
	size_t ncp;
} differ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void smt_diff_options_default(smt_diff_options *o)
{
	memset(o, 0, sizeof *o);
	o->max_values = 16;
	o->signatures = 1;
}

static Z3_lbool check(differ *D, unsigned n, const Z3_ast *assume)
{
	D->r->queries++;
	Z3_lbool v = n ? Z3_solver_check_assumptions(D->x->z, D->S, n, assume)
	               : Z3_solver_check(D->x->z, D->S);
	if (v == Z3_L_UNDEF)
		D->r->unknown = 1;
	return v;
}

static Z3_model get_model(differ *D)
{
	Z3_model m = Z3_solver_get_model(D->x->z, D->S);
	Z3_model_inc_ref(D->x->z, m);
	return m;
}

/* "field = its default" for every variable that has one (old side's
 * default first), and per member for sets */
typedef struct lit {
	Z3_ast lit;
	smt_var *v;
	int member;                 /* -1: the whole field */
} lit;

static const uint64_t *var_default(differ *D, const smt_var *v)
{
	for (int s = 0; s < 2; s++)
		if (v->field[s] >= 0 && D->c[s]->schema.fields[v->field[s]].has_default)
			return D->c[s]->schema.fields[v->field[s]].defval;
	return NULL;
}

/* Greedy: assume every candidate; while unsat, drop a candidate of the
 * unsat core; then try each dropped one again alone.  Keeps `keep` (the
 * candidates that stay assumed) in *active.  Returns the model or NULL. */
static Z3_model greedy(differ *D, const lit *cand, size_t n, uint8_t *active)
{
	smt_ctx *x = D->x;
	Z3_ast *p = xcalloc(n + 1, sizeof *p);
	Z3_ast *as = xcalloc(n + 1, sizeof *as);
	for (size_t i = 0; i < n; i++) {
		char name[48];
		snprintf(name, sizeof name, "smt.p%u", D->nproxy++);
		p[i] = Z3_mk_const(x->z, Z3_mk_string_symbol(x->z, name), x->b);
		Z3_solver_assert(x->z, D->S, Z3_mk_implies(x->z, p[i], cand[i].lit));
		active[i] = 1;
	}
	uint8_t *dropped = xcalloc(n + 1, 1);
	Z3_lbool v;
	for (;;) {
		size_t na = 0;
		for (size_t i = 0; i < n; i++)
			if (active[i])
				as[na++] = p[i];
		v = check(D, (unsigned)na, as);
		if (v != Z3_L_FALSE)
			break;
		Z3_ast_vector core = Z3_solver_get_unsat_core(x->z, D->S);
		Z3_ast_vector_inc_ref(x->z, core);
		unsigned cn = Z3_ast_vector_size(x->z, core);
		size_t drop = n;
		/* drop the last field (in field order) of the core */
		for (unsigned k = 0; k < cn; k++) {
			Z3_ast a = Z3_ast_vector_get(x->z, core, k);
			for (size_t i = 0; i < n; i++)
				if (p[i] == a && active[i] && (drop == n || i > drop))
					drop = i;
		}
		Z3_ast_vector_dec_ref(x->z, core);
		if (drop == n) {
			/* the query alone is unsat: no witness */
			v = Z3_L_FALSE;
			break;
		}
		active[drop] = 0;
		dropped[drop] = 1;
	}
	if (v == Z3_L_UNDEF) {
		/* give up minimising */
		for (size_t i = 0; i < n; i++)
			active[i] = 0;
		v = check(D, 0, NULL);
	}
	Z3_model m = NULL;
	if (v == Z3_L_TRUE) {
		m = get_model(D);
		/* local minimality: can a dropped one come back alone? */
		for (size_t j = 0; j < n; j++) {
			if (!dropped[j])
				continue;
			size_t na = 0;
			for (size_t i = 0; i < n; i++)
				if (active[i] || i == j)
					as[na++] = p[i];
			if (check(D, (unsigned)na, as) == Z3_L_TRUE) {
				active[j] = 1;
				Z3_model_dec_ref(x->z, m);
				m = get_model(D);
			}
		}
	}
	/* the chosen ones stay true for the rest of this scope */
	for (size_t i = 0; i < n; i++)
		Z3_solver_assert(x->z, D->S, active[i] ? p[i] : x->t);
	free(p);
	free(as);
	free(dropped);
	return m;
}

static Z3_model witness_optimize(differ *D, Z3_ast query)
{
	smt_ctx *x = D->x;
	Z3_optimize opt = Z3_mk_optimize(x->z);
	Z3_optimize_inc_ref(x->z, opt);
	if (D->o->timeout_ms) {
		Z3_params pr = Z3_mk_params(x->z);
		Z3_params_inc_ref(x->z, pr);
		Z3_params_set_uint(x->z, pr, Z3_mk_string_symbol(x->z, "timeout"), D->o->timeout_ms);
		Z3_optimize_set_params(x->z, opt, pr);
		Z3_params_dec_ref(x->z, pr);
	}
	Z3_optimize_assert(x->z, opt, smt_ctx_domain(x));
	Z3_optimize_assert(x->z, opt, query);
	for (size_t k = 0; k < x->nvars; k++) {
		smt_var *v = x->vars[k];
		const uint64_t *dv = var_default(D, v);
		if (!dv || v->priv)
			continue;
		Z3_optimize_assert_soft(x->z, opt, var_eq(x, v, dv), "1000", Z3_mk_string_symbol(x->z, "fields"));
		if (v->kind == PK_SET)
			for (uint32_t m = 0; m < v->nmembers; m++)
				Z3_optimize_assert_soft(x->z, opt, lp_bit(dv, m) ? v->bits[m] : mk_not(x, v->bits[m]),
				                        "1", Z3_mk_string_symbol(x->z, "fields"));
	}
	D->r->queries++;
	Z3_lbool res = Z3_optimize_check(x->z, opt, 0, NULL);
	Z3_model m = NULL;
	if (res == Z3_L_TRUE) {
		m = Z3_optimize_get_model(x->z, opt);
		Z3_model_inc_ref(x->z, m);
	} else if (res == Z3_L_UNDEF) {
		D->r->unknown = 1;
	}
	Z3_optimize_dec_ref(x->z, opt);
	return m;
}

/* A witness of `query` (already known satisfiable), fields at their
 * defaults where possible. */
static Z3_model witness(differ *D, Z3_ast query)
{
	smt_ctx *x = D->x;
	if (D->o->optimize) {
		Z3_model m = witness_optimize(D, query);
		if (m)
			return m;
	}
	Z3_solver_push(x->z, D->S);
	Z3_solver_assert(x->z, D->S, query);
	lit *cand = xcalloc(x->nvars + 1, sizeof *cand);
	size_t n = 0;
	for (size_t k = 0; k < x->nvars; k++) {
		smt_var *v = x->vars[k];
		const uint64_t *dv = var_default(D, v);
		if (!dv || v->priv)
			continue;
		cand[n].lit = var_eq(x, v, dv);
		cand[n].v = v;
		cand[n].member = -1;
		n++;
	}
	uint8_t *active = xcalloc(n + 1, 1);
	Z3_model m = greedy(D, cand, n, active);
	if (m) {
		/* sets off their defaults: as few members changed as possible */
		size_t nb = 0;
		lit *bits = NULL;
		for (size_t i = 0; i < n; i++) {
			smt_var *v = cand[i].v;
			if (active[i] || v->kind != PK_SET)
				continue;
			const uint64_t *dv = var_default(D, v);
			bits = xrealloc(bits, (nb + v->nmembers + 1) * sizeof *bits);
			for (uint32_t k = 0; k < v->nmembers; k++) {
				bits[nb].lit = lp_bit(dv, k) ? v->bits[k] : mk_not(x, v->bits[k]);
				bits[nb].v = v;
				bits[nb].member = (int)k;
				nb++;
			}
		}
		if (nb) {
			uint8_t *ba = xcalloc(nb + 1, 1);
			Z3_model m2 = greedy(D, bits, nb, ba);
			if (m2) {
				Z3_model_dec_ref(x->z, m);
				m = m2;
			}
			free(ba);
		}
		free(bits);
	}
	if (m) {
		/* fields without a default: neutral values where possible
		 * (two different parties, false, the first member, {}, 0, the
		 * agreement's first day) */
		lit *nl = xcalloc(x->nvars + 2, sizeof *nl);
		size_t nn = 0;
		smt_var *va = NULL, *vb = NULL;
		for (size_t k = 0; k < x->nvars; k++) {
			smt_var *v = x->vars[k];
			if (!v->priv && v->kind == PK_ENUM && strcmp(v->name, "requesting_party") == 0)
				va = v;
			if (!v->priv && v->kind == PK_ENUM && strcmp(v->name, "requested_party") == 0)
				vb = v;
		}
		if (va && vb && va->width == vb->width)
			nl[nn++].lit = mk_not(x, Z3_mk_eq(x->z, va->s, vb->s));
		const lw_program *c0 = D->c[0]->scope.has_header ? D->c[0] : D->c[1];
		for (size_t k = 0; k < x->nvars; k++) {
			smt_var *v = x->vars[k];
			if (var_default(D, v) || v->priv)
				continue;
			uint64_t zero[1] = { 0 };
			if (v->kind == PK_DATE) {
				if (!c0->scope.has_header || !c0->scope.has_effective)
					continue;
				zero[0] = (uint64_t)c0->scope.effective;
			}
			if (v->kind == PK_SET) {
				Z3_ast a = x->t;
				for (uint32_t j = 0; j < v->nmembers; j++)
					a = mk_and(x, a, mk_not(x, v->bits[j]));
				nl[nn++].lit = a;
			} else {
				nl[nn++].lit = var_eq(x, v, zero);
			}
		}
		if (nn) {
			uint8_t *na = xcalloc(nn + 1, 1);
			Z3_model m3 = greedy(D, nl, nn, na);
			if (m3) {
				Z3_model_dec_ref(x->z, m);
				m = m3;
			}
			free(na);
		}
		free(nl);
	}
	free(active);
	free(cand);
	Z3_solver_pop(x->z, D->S, 1);
	return m;
}

/* ---- recording a kind with its witness ---- */

static char *sb_take(lp_strbuf *b)
{
	char *s = strndup(b->data ? b->data : "", b->len);
	lp_sb_free(b);
	return s;
}

static char *request_json(const lp_schema *s, const uint64_t *req)
{
	lp_strbuf b = { 0 };
	lp_json_encode_request(s, req, &b);
	return sb_take(&b);
}

static int words_eq(const uint64_t *a, const uint64_t *b, uint32_t n)
{
	return memcmp(a, b, n * sizeof *a) == 0;
}

/* The fields a reader needs: those without a default on a side that has
 * them, and those off their default on some side. */
static char *witness_json(differ *D)
{
	lp_strbuf b = { 0 };
	int first = 1;
	lp_sb_puts(&b, "{");
	for (size_t k = 0; k < D->x->nvars; k++) {
		const smt_var *v = D->x->vars[k];
		int show = 0, side = -1;
		for (int s = 0; s < 2; s++) {
			if (v->field[s] < 0)
				continue;
			const lp_field_desc *f = &D->c[s]->schema.fields[v->field[s]];
			if (side < 0)
				side = s;
			if (!f->has_default || !words_eq(f->defval, D->req[s] + f->slot, f->nslots))
				show = 1;
		}
		if (!show)
			continue;
		const lp_schema *s = &D->c[side]->schema;
		const lp_field_desc *f = &s->fields[v->field[side]];
		lp_sb_printf(&b, "%s\"%s\": ", first ? "" : ", ", f->name);
		lp_json_encode_value(s, f->kind, f->enum_index, D->req[side] + f->slot, &b);
		first = 0;
	}
	lp_sb_puts(&b, "}");
	return sb_take(&b);
}

static void labels(const lp_schema *s, const uint64_t *bits, char ***out, size_t *n)
{
	*n = 0;
	*out = xcalloc(s->nclauses + 1, sizeof **out);
	for (uint32_t i = 0; i < s->nclauses; i++)
		if (lp_bit(bits, i))
			(*out)[(*n)++] = strdup(s->clauses[i].label);
}

static void fill_side(differ *D, int s, smt_side *sd)
{
	const lp_schema *sc = &D->c[s]->schema;
	const lp_decision_buf *d = &D->d[s];
	sd->outcome = d->outcome;
	sd->ground = d->ground;
	if (d->ground == PG_CLAUSES)
		labels(sc, d->grounds, &sd->grounds, &sd->ngrounds);
	else
		sd->grounds = xcalloc(1, sizeof *sd->grounds);
	uint64_t *fc = xcalloc(LP_BITWORDS(sc->nclauses) + 1, sizeof *fc);
	for (uint32_t r = 0; r < sc->nrules; r++)
		if (lp_bit(d->fired, r))
			lp_bit_set(fc, sc->rules[r].clause);
	labels(sc, fc, &sd->fired, &sd->nfired);
	free(fc);
	labels(sc, d->exempted, &sd->exempted, &sd->nexempted);
	sd->request_json = request_json(sc, D->req[s]);
	lp_strbuf b = { 0 };
	lp_request_id id = { 0 };
	lp_json_encode_decision(sc, d, &id, 1, &b);
	sd->decision_json = sb_take(&b);
}

static smt_change *new_change(differ *D)
{
	smt_diff_result *r = D->r;
	if (r->nchanges == D->capch) {
		D->capch = D->capch ? D->capch * 2 : 16;
		r->changes = xrealloc(r->changes, D->capch * sizeof *r->changes);
	}
	smt_change *ch = &r->changes[r->nchanges++];
	memset(ch, 0, sizeof *ch);
	return ch;
}

/* obligation io of side s in the evaluator's decision: set, and its words */
static int dec_oblig(differ *D, int s, int io, const uint64_t **vw)
{
	if (io < 0 || D->d[s].outcome == PO_REFUSE)
		return 0;
	const lp_oblig_desc *od = &D->c[s]->schema.obligs[io];
	*vw = D->d[s].oblig_val + od->slot;
	return lp_bit(D->d[s].oblig_set, (size_t)io);
}

static char *value_text(const lp_schema *s, int io, const uint64_t *w)
{
	const lp_oblig_desc *od = &s->obligs[io];
	lp_strbuf b = { 0 };
	lp_json_encode_value(s, od->kind, od->enum_index, w, &b);
	return sb_take(&b);
}

static const char *unit_of(uint8_t kind)
{
	return kind == PK_DAYS ? " days" : kind == PK_YEARS ? " years" : "";
}

/* Decides the witness with both evaluators, fills the change, checks it
 * reproduces.  want_val[s]: the obligation's expected words on side s. */
static void record(differ *D, smt_change *ch, Z3_model m, int io[2], const uint64_t *want[2])
{
	for (int s = 0; s < 2; s++) {
		smt_enc_read(D->e[s], m, D->req[s]);
		eval_request(D->ev[s], D->req[s], &D->d[s]);
		fill_side(D, s, s ? &ch->neu : &ch->old);
	}
	ch->witness_json = witness_json(D);
	char why[512] = "";
	switch (ch->type) {
	case SMT_OUTCOME:
		if (D->d[0].outcome != ch->old_outcome || D->d[1].outcome != ch->new_outcome)
			snprintf(why, sizeof why, "expected %s -> %s, the evaluators decided %s -> %s",
			         lp_outcome_names[ch->old_outcome], lp_outcome_names[ch->new_outcome],
			         lp_outcome_names[D->d[0].outcome], lp_outcome_names[D->d[1].outcome]);
		break;
	case SMT_GROUND_ADDED:
	case SMT_GROUND_REMOVED: {
		int on[2];
		for (int sd = 0; sd < 2; sd++)
			on[sd] = io[sd] >= 0 && D->d[sd].ground == PG_CLAUSES &&
			         lp_bit(D->d[sd].grounds, (size_t)io[sd]);
		int added = ch->type == SMT_GROUND_ADDED;
		if (D->d[0].outcome != ch->old_outcome || D->d[1].outcome != ch->old_outcome ||
		    on[0] == added || on[1] != added)
			snprintf(why, sizeof why, "the evaluators do not show the change %s "
			         "(old: %s, %s a ground; new: %s, %s a ground)", ch->kind,
			         lp_outcome_names[D->d[0].outcome], on[0] ? "is" : "not",
			         lp_outcome_names[D->d[1].outcome], on[1] ? "is" : "not");
		break;
	}
	default: {
		const uint64_t *v[2] = { NULL, NULL };
		int set[2];
		for (int s = 0; s < 2; s++)
			set[s] = dec_oblig(D, s, io[s], &v[s]);
		int ok = D->d[0].outcome != PO_REFUSE && D->d[1].outcome != PO_REFUSE;
		for (int s = 0; s < 2 && ok; s++) {
			int want_set = ch->type == SMT_OBLIG_VALUE || (ch->type == SMT_OBLIG_ADDED) == (s == 1);
			if (set[s] != want_set)
				ok = 0;
			else if (set[s] && want[s] &&
			         !words_eq(v[s], want[s], D->c[s]->schema.obligs[io[s]].nslots))
				ok = 0;
		}
		if (!ok)
			snprintf(why, sizeof why, "the evaluators do not show the change %s "
			         "(old: %s, obligation %s; new: %s, obligation %s)", ch->kind,
			         lp_outcome_names[D->d[0].outcome], set[0] ? "set" : "absent",
			         lp_outcome_names[D->d[1].outcome], set[1] ? "set" : "absent");
		break;
	}
	}
	ch->reproduced = why[0] == 0;
	if (!ch->reproduced) {
		ch->bug = strdup(why);
		D->r->bugs++;
	}
}

/* ---- the kinds of change ---- */

/* A witness of `q` when some request satisfies it, else NULL. */
static Z3_model found(differ *D, Z3_ast q)
{
	smt_ctx *x = D->x;
	if (is_false(x, q))
		return NULL;
	Z3_solver_push(x->z, D->S);
	Z3_solver_assert(x->z, D->S, q);
	Z3_lbool v = check(D, 0, NULL);
	Z3_solver_pop(x->z, D->S, 1);
	return v == Z3_L_TRUE ? witness(D, q) : NULL;
}

static void outcome_kinds(differ *D)
{
	smt_ctx *x = D->x;
	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	for (int a = 0; a < PO__COUNT; a++)
		for (int b = 0; b < PO__COUNT; b++) {
			if (a == b)
				continue;
			Z3_model m = found(D, mk_and(x, o->outcome[a], n->outcome[b]));
			if (!m)
				continue;
			smt_change *ch = new_change(D);
			ch->type = SMT_OUTCOME;
			ch->old_outcome = (uint8_t)a;
			ch->new_outcome = (uint8_t)b;
			char buf[64];
			snprintf(buf, sizeof buf, "%s -> %s", lp_outcome_names[a], lp_outcome_names[b]);
			ch->kind = strdup(buf);
			int io[2] = { -1, -1 };
			const uint64_t *want[2] = { NULL, NULL };
			record(D, ch, m, io, want);
			Z3_model_dec_ref(x->z, m);
		}
}

static int oblig_index(const lp_schema *s, const char *name)
{
	for (uint32_t i = 0; i < s->noblig; i++)
		if (strcmp(s->obligs[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int oblig_same_type(const lp_schema *a, int ia, const lp_schema *b, int ib)
{
	const lp_oblig_desc *x = &a->obligs[ia], *y = &b->obligs[ib];
	if (x->combine != y->combine || x->kind != y->kind)
		return 0;
	if (x->kind != PK_SET)
		return 1;
	const lp_enum_desc *ea = &a->enums[x->enum_index], *eb = &b->enums[y->enum_index];
	if (ea->nmembers != eb->nmembers)
		return 0;
	for (uint32_t i = 0; i < ea->nmembers; i++)
		if (strcmp(ea->members[i], eb->members[i]) != 0)
			return 0;
	return 1;
}

/* the obligation's value terms on side s equal to words w */
static Z3_ast oval_eq(differ *D, int s, int io, const uint64_t *w)
{
	smt_ctx *x = D->x;
	const smt_decision *d = &D->e[s]->d;
	const lp_oblig_desc *od = &D->c[s]->schema.obligs[io];
	if (od->kind == PK_SET) {
		Z3_ast a = x->t;
		for (uint32_t m = 0; m < d->oblig_n[io]; m++)
			a = mk_and(x, a, lp_bit(w, m) ? d->oblig_val[io][m] : mk_not(x, d->oblig_val[io][m]));
		return a;
	}
	return mk_eq(x, d->oblig_val[io][0], K64(x, (int64_t)w[0]));
}

static Z3_ast oval_differ(differ *D, int io, int in)
{
	smt_ctx *x = D->x;
	const smt_decision *a = &D->e[0]->d, *b = &D->e[1]->d;
	Z3_ast eq = x->t;
	for (uint32_t m = 0; m < a->oblig_n[io]; m++)
		eq = mk_and(x, eq, mk_eq(x, a->oblig_val[io][m], b->oblig_val[in][m]));
	return mk_not(x, eq);
}

/* the obligation's value on side s in model m, as words */
static void oval_read(differ *D, int s, int io, Z3_model m, uint64_t *w)
{
	smt_ctx *x = D->x;
	const smt_decision *d = &D->e[s]->d;
	const lp_oblig_desc *od = &D->c[s]->schema.obligs[io];
	memset(w, 0, od->nslots * sizeof *w);
	if (od->kind == PK_SET) {
		for (uint32_t k = 0; k < d->oblig_n[io]; k++)
			if (model_bool(x, m, d->oblig_val[io][k]))
				lp_bit_set(w, k);
	} else {
		w[0] = (uint64_t)model_num(x, m, d->oblig_val[io][0]);
	}
}

/* Enumerates the kinds of one obligation change: `q` the change; the
 * values are read from the sides in `vs` (bit 0 old, bit 1 new) and each
 * found combination is blocked. */
static void oblig_kind(differ *D, int ctype, const char *name, int io[2], Z3_ast q)
{
	smt_ctx *x = D->x;
	if (is_false(x, q))
		return;
	int valued[2] = { 0, 0 };
	for (int s = 0; s < 2; s++)
		valued[s] = io[s] >= 0 && D->c[s]->schema.obligs[io[s]].combine != PC_FLAG &&
		            (ctype == SMT_OBLIG_VALUE || (ctype == SMT_OBLIG_ADDED) == (s == 1));
	Z3_solver_push(x->z, D->S);
	Z3_solver_assert(x->z, D->S, q);
	Z3_ast qb = q;      /* the change, less the kinds found */
	for (unsigned count = 0;; count++) {
		if (check(D, 0, NULL) != Z3_L_TRUE)
			break;
		if (count >= D->o->max_values) {
			D->r->truncated = 1;
			break;
		}
		/* the values are read from the minimal witness, so the
		 * natural ones come first */
		Z3_model m = witness(D, qb);
		if (!m)
			break;
		uint64_t *w[2] = { NULL, NULL };
		int dep[2] = { 0, 0 };
		Z3_ast blk = x->t;
		for (int s = 0; s < 2; s++) {
			if (!valued[s])
				continue;
			const smt_enc *E = D->e[s];
			w[s] = xcalloc(D->c[s]->schema.obligs[io[s]].nslots + 1, sizeof *w[s]);
			oval_read(D, s, io[s], m, w[s]);
			if (D->c[s]->schema.obligs[io[s]].kind != PK_SET && E->ovar[io[s]]) {
				int known = 0;
				for (uint32_t k = 0; k < E->noconst[io[s]]; k++)
					known |= E->oconst[io[s]][k] == (int64_t)w[s][0];
				if (!known) {
					/* a value computed from the request: one kind
					 * for all values other than the constants */
					dep[s] = 1;
					Z3_ast other = x->t;
					for (uint32_t k = 0; k < E->noconst[io[s]]; k++)
						other = mk_and(x, other, mk_not(x, mk_eq(x, D->e[s]->d.oblig_val[io[s]][0],
						                                      K64(x, E->oconst[io[s]][k]))));
					blk = mk_and(x, blk, other);
					continue;
				}
			}
			blk = mk_and(x, blk, oval_eq(D, s, io[s], w[s]));
		}
		smt_change *ch = new_change(D);
		ch->type = ctype;
		ch->oblig = strdup(name);
		char *vt[2] = { NULL, NULL };
		for (int s = 0; s < 2; s++)
			if (w[s])
				vt[s] = value_text(&D->c[s]->schema, io[s], w[s]);
		ch->old_value = vt[0];
		ch->new_value = vt[1];
		const lp_schema *sc = &D->c[io[0] >= 0 ? 0 : 1]->schema;
		const char *u = unit_of(sc->obligs[io[0] >= 0 ? io[0] : io[1]].kind);
		char t[2][160];
		for (int s = 0; s < 2; s++)
			snprintf(t[s], sizeof t[s], dep[s] ? "%s%s (from the request)" : "%s%s",
			         vt[s] ? vt[s] : "", u);
		lp_strbuf b = { 0 };
		if (ctype == SMT_OBLIG_ADDED)
			lp_sb_printf(&b, vt[1] ? "%s: added (%s)" : "%s: added", name, t[1]);
		else if (ctype == SMT_OBLIG_REMOVED)
			lp_sb_printf(&b, vt[0] ? "%s: removed (was %s)" : "%s: removed", name, t[0]);
		else
			lp_sb_printf(&b, "%s: %s -> %s", name, t[0], t[1]);
		ch->kind = sb_take(&b);
		const uint64_t *want[2] = { w[0], w[1] };
		record(D, ch, m, io, want);
		Z3_model_dec_ref(x->z, m);
		free(w[0]);
		free(w[1]);
		if (!valued[0] && !valued[1])
			break;
		Z3_solver_assert(x->z, D->S, mk_not(x, blk));
		qb = mk_and(x, qb, mk_not(x, blk));
	}
	Z3_solver_pop(x->z, D->S, 1);
}

static void oblig_kinds(differ *D)
{
	smt_ctx *x = D->x;
	const lp_schema *so = &D->c[0]->schema, *sn = &D->c[1]->schema;
	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	Z3_ast carry = mk_and(x, mk_not(x, o->outcome[PO_REFUSE]), mk_not(x, n->outcome[PO_REFUSE]));
	for (int pass = 0; pass < 2; pass++) {
		const lp_schema *s = pass ? sn : so;
		for (uint32_t i = 0; i < s->noblig; i++) {
			const char *name = s->obligs[i].name;
			int io[2] = { oblig_index(so, name), oblig_index(sn, name) };
			if (pass == 1 && io[0] >= 0)
				continue;   /* done in the first pass */
			if (io[0] >= 0 && io[1] >= 0 && !oblig_same_type(so, io[0], sn, io[1])) {
				smt_diff_result *r = D->r;
				r->schema = xrealloc(r->schema, (r->nschema + 1) * sizeof *r->schema);
				char buf[256];
				snprintf(buf, sizeof buf, "obligation %s: type or combine changed (left out of the comparison)", name);
				r->schema[r->nschema++] = strdup(buf);
				continue;
			}
			Z3_ast set_o = io[0] >= 0 ? o->oblig_set[io[0]] : x->f;
			Z3_ast set_n = io[1] >= 0 ? n->oblig_set[io[1]] : x->f;
			oblig_kind(D, SMT_OBLIG_ADDED, name, io, mk_and(x, carry, mk_and(x, mk_not(x, set_o), set_n)));
			oblig_kind(D, SMT_OBLIG_REMOVED, name, io, mk_and(x, carry, mk_and(x, set_o, mk_not(x, set_n))));
			if (io[0] >= 0 && io[1] >= 0 && so->obligs[io[0]].combine != PC_FLAG)
				oblig_kind(D, SMT_OBLIG_VALUE, name, io,
				           mk_and(x, mk_and(x, set_o, set_n), oval_differ(D, io[0], io[1])));
		}
	}
}

/* A clause of either agreement, by label, with its index on each side (or
 * -1). */
typedef struct clause_pair {
	const char *label;
	int io[2];
} clause_pair;

static int pair_cmp(const void *pa, const void *pb)
{
	return strcmp(((const clause_pair *)pa)->label, ((const clause_pair *)pb)->label);
}

/* Every clause label of either side once, the old side's in order, then
 * those only the new side has; made once per diff (D->cp), labels matched
 * through a sorted copy of the new side's, not side against side. */
static const clause_pair *clause_pairs(differ *D, size_t *n)
{
	if (D->cp) {
		*n = D->ncp;
		return D->cp;
	}
	const lw_program *c0 = D->c[0], *c1 = D->c[1];
	size_t n0 = c0->schema.nclauses, n1 = c1->schema.nclauses;
	clause_pair *p = arena_alloc(D->x->ar, (n0 + n1 + 1) * sizeof *p);
	clause_pair *by1 = arena_alloc(D->x->ar, (n1 + 1) * sizeof *by1);
	uint8_t *matched = arena_alloc(D->x->ar, n1 + 1);
	memset(matched, 0, n1 + 1);
	for (size_t i = 0; i < n1; i++)
		by1[i] = (clause_pair){ c1->clauses[i].label, { -1, (int)i } };
	qsort(by1, n1, sizeof *by1, pair_cmp);
	size_t k = 0;
	for (size_t i = 0; i < n0; i++) {
		clause_pair key = { c0->clauses[i].label, { 0, 0 } };
		const clause_pair *hit = n1 ? bsearch(&key, by1, n1, sizeof *by1, pair_cmp) : NULL;
		p[k++] = (clause_pair){ key.label, { (int)i, hit ? hit->io[1] : -1 } };
		if (hit)
			matched[hit->io[1]] = 1;
	}
	for (size_t i = 0; i < n1; i++)
		if (!matched[i])
			p[k++] = (clause_pair){ c1->clauses[i].label, { -1, (int)i } };
	D->cp = p;
	D->ncp = *n = k;
	return p;
}

/* Same outcome, other reasons: for each outcome and each clause (matched
 * by label), the requests decided that way by both agreements on which
 * the clause becomes, or stops being, a ground.  A reviewer reads the
 * grounds as the articles that produced the decision. */
static void ground_kinds(differ *D)
{
	smt_ctx *x = D->x;
	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	size_t np;
	const clause_pair *cp = clause_pairs(D, &np);
	for (int a = 0; a < PO__COUNT; a++) {
		Z3_ast same = mk_and(x, o->outcome[a], n->outcome[a]);
		if (is_false(x, same))
			continue;
		for (size_t i = 0; i < np; i++) {
			int io[2] = { cp[i].io[0], cp[i].io[1] };
			Z3_ast g[2];
			for (int sd = 0; sd < 2; sd++)
				g[sd] = io[sd] >= 0 ? (sd ? n : o)->grounds[io[sd]] : x->f;
			for (int added = 1; added >= 0; added--) {
				Z3_model m = found(D, mk_and(x, same, added ? mk_and(x, mk_not(x, g[0]), g[1])
				                                            : mk_and(x, g[0], mk_not(x, g[1]))));
				if (!m)
					continue;
				smt_change *ch = new_change(D);
				ch->type = added ? SMT_GROUND_ADDED : SMT_GROUND_REMOVED;
				ch->old_outcome = ch->new_outcome = (uint8_t)a;
				ch->clause = strdup(cp[i].label);
				char buf[256];
				snprintf(buf, sizeof buf, added ? "%s: %s becomes a ground" : "%s: %s is no longer a ground",
				         lp_outcome_names[a], cp[i].label);
				ch->kind = strdup(buf);
				const uint64_t *want[2] = { NULL, NULL };
				record(D, ch, m, io, want);
				Z3_model_dec_ref(x->z, m);
			}
		}
	}
}

/* The same outcome on other grounds. */
static Z3_ast grounds_differ_any(differ *D)
{
	smt_ctx *x = D->x;
	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	Z3_ast same = x->f, other = x->f;
	for (int a = 0; a < PO__COUNT; a++)
		same = mk_or(x, same, mk_and(x, o->outcome[a], n->outcome[a]));
	size_t np;
	const clause_pair *cp = clause_pairs(D, &np);
	for (size_t i = 0; i < np; i++) {
		Z3_ast go = cp[i].io[0] >= 0 ? o->grounds[cp[i].io[0]] : x->f;
		Z3_ast gn = cp[i].io[1] >= 0 ? n->grounds[cp[i].io[1]] : x->f;
		other = mk_or(x, other, mk_not(x, mk_eq(x, go, gn)));
	}
	return mk_and(x, same, other);
}

/* Any difference in obligations, when both carry them. */
static Z3_ast oblig_differ_any(differ *D)
{
	smt_ctx *x = D->x;
	const lp_schema *so = &D->c[0]->schema, *sn = &D->c[1]->schema;
	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	Z3_ast any = x->f;
	for (int pass = 0; pass < 2; pass++) {
		const lp_schema *s = pass ? sn : so;
		for (uint32_t i = 0; i < s->noblig; i++) {
			int io[2] = { oblig_index(so, s->obligs[i].name), oblig_index(sn, s->obligs[i].name) };
			if (pass == 1 && io[0] >= 0)
				continue;
			if (io[0] >= 0 && io[1] >= 0 && !oblig_same_type(so, io[0], sn, io[1]))
				continue;
			Z3_ast set_o = io[0] >= 0 ? o->oblig_set[io[0]] : x->f;
			Z3_ast set_n = io[1] >= 0 ? n->oblig_set[io[1]] : x->f;
			any = mk_or(x, any, mk_not(x, mk_eq(x, set_o, set_n)));
			if (io[0] >= 0 && io[1] >= 0 && so->obligs[io[0]].combine != PC_FLAG)
				any = mk_or(x, any, mk_and(x, mk_and(x, set_o, set_n), oval_differ(D, io[0], io[1])));
		}
	}
	return any;
}

/* ---- signatures ---- */

static smt_var *shared_var(differ *D, const char *name)
{
	for (size_t k = 0; k < D->x->nvars; k++) {
		smt_var *v = D->x->vars[k];
		if (!v->priv && v->field[0] >= 0 && v->field[1] >= 0 && strcmp(v->name, name) == 0)
			return v;
	}
	return NULL;
}

static void signatures(differ *D)
{
	smt_ctx *x = D->x;
	smt_diff_result *r = D->r;
	smt_var *va = shared_var(D, "requesting_party"), *vb = shared_var(D, "requested_party");
	smt_var *vs = shared_var(D, "assistance");
	if (!va || !vb || !vs || va->kind != PK_ENUM || vb->kind != PK_ENUM || vs->kind != PK_ENUM ||
	    va->nmembers != vb->nmembers) {
		r->signature_note = strdup("no summary: requesting_party, requested_party and assistance "
		                           "are not enum fields on both sides");
		return;
	}
	/* the parties of either agreement */
	uint32_t *pm = xcalloc(va->nmembers + 1, sizeof *pm);
	size_t np = 0;
	for (uint32_t m = 0; m < va->nmembers; m++) {
		int in = 0;
		for (int s = 0; s < 2; s++) {
			/* the party by name on each side: a side whose country
			 * enum changed numbers its members otherwise */
			const lp_schema *sc = &D->c[s]->schema;
			const lp_enum_desc *en = &sc->enums[sc->fields[va->field[s]].enum_index];
			int k = member_index(en, va->en->members[m]);
			if (k >= 0 && D->c[s]->scope.parties && (uint32_t)k < D->c[s]->scope.party_words * 64 &&
			    lp_bit(D->c[s]->scope.parties, (uint32_t)k))
				in = 1;
		}
		if (in)
			pm[np++] = m;
	}
	if (np < 2) {
		r->signature_note = strdup("no summary: the agreements name fewer than two parties");
		free(pm);
		return;
	}
	uint32_t na = vs->nmembers;
	r->nsigs = np * (np - 1) * na;
	r->sigs = xcalloc(r->nsigs + 1, sizeof *r->sigs);
	size_t *at = xcalloc((size_t)va->nmembers * va->nmembers + 1, sizeof *at);  /* pair -> base */
	size_t k = 0;
	for (size_t i = 0; i < np; i++)
		for (size_t j = 0; j < np; j++) {
			if (i == j)
				continue;
			at[(size_t)pm[i] * va->nmembers + pm[j]] = k;
			for (uint32_t a = 0; a < na; a++, k++) {
				r->sigs[k].requesting = va->en->members[pm[i]];
				r->sigs[k].requested = va->en->members[pm[j]];
				r->sigs[k].assistance = vs->en->members[a];
			}
		}
	char buf[256];
	snprintf(buf, sizeof buf, "%zu parties (of either agreement), requesting != requested, "
	         "%u assistance values: %zu signatures", np, na, r->nsigs);
	r->signature_note = strdup(buf);

	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	Z3_ast ro = o->outcome[PO_REFUSE], rn = n->outcome[PO_REFUSE];
	Z3_ast q[3];
	q[0] = mk_and(x, ro, mk_not(x, rn));                       /* more */
	q[1] = mk_and(x, mk_not(x, ro), rn);                       /* less */
	q[2] = mk_or(x, mk_and(x, mk_and(x, mk_not(x, ro), mk_not(x, rn)),  /* changed */
	                       mk_or(x, mk_not(x, mk_eq(x, o->outcome[PO_GRANT], n->outcome[PO_GRANT])),
	                             oblig_differ_any(D))),
	             grounds_differ_any(D));
	Z3_ast ina = x->f, inb = x->f;
	for (size_t i = 0; i < np; i++) {
		ina = mk_or(x, ina, var_eq(x, va, (uint64_t[]){ pm[i] }));
		inb = mk_or(x, inb, var_eq(x, vb, (uint64_t[]){ pm[i] }));
	}
	Z3_ast dom = mk_and(x, mk_and(x, ina, inb), mk_not(x, Z3_mk_eq(x->z, va->s, vb->s)));
	for (int t = 0; t < 3; t++) {
		if (is_false(x, q[t]))
			continue;
		Z3_solver_push(x->z, D->S);
		Z3_solver_assert(x->z, D->S, mk_and(x, dom, q[t]));
		while (check(D, 0, NULL) == Z3_L_TRUE) {
			Z3_model m = get_model(D);
			uint64_t a = (uint64_t)model_num(x, m, va->s), b = (uint64_t)model_num(x, m, vb->s);
			uint64_t s = (uint64_t)model_num(x, m, vs->s);
			Z3_model_dec_ref(x->z, m);
			smt_signature *sg = &r->sigs[at[a * va->nmembers + b] + s];
			if (t == 0)
				sg->more = 1;
			else if (t == 1)
				sg->less = 1;
			else
				sg->changed = 1;
			Z3_ast blk = mk_and(x, var_eq(x, va, &a), mk_and(x, var_eq(x, vb, &b), var_eq(x, vs, &s)));
			Z3_solver_assert(x->z, D->S, mk_not(x, blk));
		}
		Z3_solver_pop(x->z, D->S, 1);
	}
	for (size_t i = 0; i < r->nsigs; i++) {
		smt_signature *sg = &r->sigs[i];
		sg->verdict = sg->more && sg->less ? SMT_SIG_INCOMPARABLE : sg->more ? SMT_SIG_MORE
		            : sg->less ? SMT_SIG_LESS : sg->changed ? SMT_SIG_CHANGED : SMT_SIG_EQUIVALENT;
		r->sig_count[sg->verdict]++;
	}
	r->has_signatures = 1;
	free(pm);
	free(at);
}

/* ---- the entry point ---- */

int smt_diff(const lw_program *old, const lw_program *neu, const smt_diff_options *opt,
             smt_diff_result *r)
{
	double t0 = now();
	smt_diff_options defaults;
	if (!opt) {
		smt_diff_options_default(&defaults);
		opt = &defaults;
	}
	memset(r, 0, sizeof *r);
	differ D = { 0 };
	D.o = opt;
	D.r = r;
	D.c[0] = old;
	D.c[1] = neu;
	smt_ctx *x = D.x = smt_ctx_new();
	D.e[0] = smt_encode(x, old, 0);
	D.e[1] = smt_encode(x, neu, 1);
	/* schema changes: fields on one side only, type changes (noted) */
	for (size_t i = 0; i < x->nnotes; i++) {
		r->schema = xrealloc(r->schema, (r->nschema + 1) * sizeof *r->schema);
		r->schema[r->nschema++] = strdup(x->notes[i]);
	}
	for (size_t k = 0; k < x->nvars; k++) {
		const smt_var *v = x->vars[k];
		if (v->priv || (v->field[0] >= 0 && v->field[1] >= 0))
			continue;
		char buf[256];
		snprintf(buf, sizeof buf, "field %s: only in the %s agreement", v->name,
		         v->field[0] >= 0 ? "old" : "new");
		r->schema = xrealloc(r->schema, (r->nschema + 1) * sizeof *r->schema);
		r->schema[r->nschema++] = strdup(buf);
	}
	D.S = Z3_mk_solver(x->z);
	Z3_solver_inc_ref(x->z, D.S);
	if (opt->timeout_ms) {
		Z3_params pr = Z3_mk_params(x->z);
		Z3_params_inc_ref(x->z, pr);
		Z3_params_set_uint(x->z, pr, Z3_mk_string_symbol(x->z, "timeout"), opt->timeout_ms);
		Z3_solver_set_params(x->z, D.S, pr);
		Z3_params_dec_ref(x->z, pr);
	}
	Z3_solver_assert(x->z, D.S, smt_ctx_domain(x));
	for (int s = 0; s < 2; s++) {
		const lp_schema *sc = &D.c[s]->schema;
		D.ev[s] = eval_new(D.c[s]);
		D.dmem[s] = xcalloc(1, lp_decision_size(sc));
		lp_decision_layout(sc, &D.d[s], D.dmem[s]);
		D.req[s] = xcalloc(sc->nslots + 1, sizeof *D.req[s]);
	}
	outcome_kinds(&D);
	oblig_kinds(&D);
	ground_kinds(&D);
	if (opt->signatures)
		signatures(&D);
	for (int s = 0; s < 2; s++) {
		eval_free(D.ev[s]);
		free(D.dmem[s]);
		free(D.req[s]);
	}
	Z3_solver_dec_ref(x->z, D.S);
	smt_ctx_free(x);
	r->seconds = now() - t0;
	return 0;
}

static void side_free(smt_side *s)
{
	for (size_t i = 0; i < s->ngrounds; i++)
		free(s->grounds[i]);
	for (size_t i = 0; i < s->nfired; i++)
		free(s->fired[i]);
	for (size_t i = 0; i < s->nexempted; i++)
		free(s->exempted[i]);
	free(s->grounds);
	free(s->fired);
	free(s->exempted);
	free(s->request_json);
	free(s->decision_json);
}

void smt_diff_result_free(smt_diff_result *r)
{
	for (size_t i = 0; i < r->nchanges; i++) {
		smt_change *c = &r->changes[i];
		free(c->oblig);
		free(c->clause);
		free(c->old_value);
		free(c->new_value);
		free(c->kind);
		free(c->witness_json);
		free(c->bug);
		side_free(&c->old);
		side_free(&c->neu);
	}
	free(r->changes);
	for (size_t i = 0; i < r->nschema; i++)
		free(r->schema[i]);
	free(r->schema);
	free(r->signature_note);
	free(r->sigs);
	memset(r, 0, sizeof *r);
}

/* ---- output ---- */

static void print_labels(FILE *out, char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ", " : "", l[i]);
}

static void print_side_text(FILE *out, const char *who, const smt_side *s)
{
	fprintf(out, "     %s: %s", who, lp_outcome_names[s->outcome]);
	if (s->ground == PG_AGREEMENT)
		fprintf(out, " by agreement (not a party, or not in force)");
	else if (s->ground == PG_DEFAULT)
		fprintf(out, " by default");
	else {
		fprintf(out, " by ");
		print_labels(out, s->grounds, s->ngrounds);
	}
	fprintf(out, "; fired: ");
	if (s->nfired)
		print_labels(out, s->fired, s->nfired);
	else
		fprintf(out, "(none)");
	if (s->nexempted) {
		fprintf(out, "; exempted: ");
		print_labels(out, s->exempted, s->nexempted);
	}
	fprintf(out, "\n");
}

void smt_diff_print_text(const smt_diff_result *r, FILE *out)
{
	if (r->error[0]) {
		fprintf(out, "semantic diff: error: %s\n", r->error);
		return;
	}
	for (size_t i = 0; i < r->nschema; i++)
		fprintf(out, "schema: %s\n", r->schema[i]);
	if (!r->nchanges)
		fprintf(out, "semantic diff: no request is decided differently\n");
	else
		fprintf(out, "semantic diff: %zu kind%s of change\n", r->nchanges, r->nchanges == 1 ? "" : "s");
	for (size_t i = 0; i < r->nchanges; i++) {
		const smt_change *c = &r->changes[i];
		fprintf(out, "  %zu. %s\n", i + 1, c->kind);
		fprintf(out, "     witness: %s\n", c->witness_json);
		print_side_text(out, "old", &c->old);
		print_side_text(out, "new", &c->neu);
		if (!c->reproduced)
			fprintf(out, "     BUG: the witness does not reproduce: %s\n", c->bug);
	}
	if (r->has_signatures) {
		fprintf(out, "signatures (requesting party, requested party, assistance): %s\n", r->signature_note);
		for (int v = 0; v < SMT_SIG__COUNT; v++)
			if (r->sig_count[v])
				fprintf(out, "  %zu %s\n", r->sig_count[v], smt_sig_verdict_names[v]);
		for (size_t i = 0; i < r->nsigs; i++) {
			const smt_signature *s = &r->sigs[i];
			if (s->verdict != SMT_SIG_EQUIVALENT)
				fprintf(out, "    %s -> %s, %s: %s\n", s->requesting, s->requested, s->assistance,
				        smt_sig_verdict_names[s->verdict]);
		}
	} else if (r->signature_note) {
		fprintf(out, "signatures: %s\n", r->signature_note);
	}
	if (r->truncated)
		fprintf(out, "note: some obligation's values were not all enumerated (max_values)\n");
	if (r->unknown)
		fprintf(out, "note: the solver gave up on some query (timeout): the list may be incomplete\n");
	if (r->bugs)
		fprintf(out, "BUG: %zu witness%s did not reproduce\n", r->bugs, r->bugs == 1 ? "" : "es");
	fprintf(out, "(%u solver queries, %.3f s)\n", r->queries, r->seconds);
}

static void jstr(FILE *out, const char *s)
{
	lp_strbuf b = { 0 };
	if (s)
		lp_sb_json_string(&b, s, strlen(s));
	else
		lp_sb_puts(&b, "null");
	fwrite(b.data, 1, b.len, out);
	lp_sb_free(&b);
}

static void jlabels(FILE *out, char **l, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		jstr(out, l[i]);
	}
	fputc(']', out);
}

static void jside(FILE *out, const smt_side *s)
{
	static const char *g[] = { "clauses", "default", "agreement" };
	fprintf(out, "{\"outcome\": \"%s\", \"ground\": \"%s\", \"grounds\": ",
	        lp_outcome_names[s->outcome], g[s->ground]);
	jlabels(out, s->grounds, s->ngrounds);
	fputs(", \"fired\": ", out);
	jlabels(out, s->fired, s->nfired);
	fputs(", \"exempted\": ", out);
	jlabels(out, s->exempted, s->nexempted);
	fprintf(out, ", \"request\": %s, \"decision\": %s}", s->request_json, s->decision_json);
}

void smt_diff_print_json(const smt_diff_result *r, FILE *out)
{
	static const char *types[] = { "outcome", "obligation_added", "obligation_removed", "obligation_value",
	                               "ground_added", "ground_removed" };
	fputs("{\"error\": ", out);
	jstr(out, r->error[0] ? r->error : NULL);
	fputs(", \"schema\": ", out);
	jlabels(out, r->schema, r->nschema);
	fprintf(out, ", \"count\": %zu, \"kinds\": [", r->nchanges);
	for (size_t i = 0; i < r->nchanges; i++) {
		const smt_change *c = &r->changes[i];
		fprintf(out, "%s\n  {\"type\": \"%s\", \"kind\": ", i ? "," : "", types[c->type]);
		jstr(out, c->kind);
		if (c->type == SMT_OUTCOME) {
			fprintf(out, ", \"old_outcome\": \"%s\", \"new_outcome\": \"%s\"",
			        lp_outcome_names[c->old_outcome], lp_outcome_names[c->new_outcome]);
		} else if (c->type == SMT_GROUND_ADDED || c->type == SMT_GROUND_REMOVED) {
			fprintf(out, ", \"outcome\": \"%s\", \"clause\": ", lp_outcome_names[c->old_outcome]);
			jstr(out, c->clause);
		} else {
			fputs(", \"obligation\": ", out);
			jstr(out, c->oblig);
			fprintf(out, ", \"old_value\": %s, \"new_value\": %s",
			        c->old_value ? c->old_value : "null", c->new_value ? c->new_value : "null");
		}
		fprintf(out, ", \"witness\": %s, \"old\": ", c->witness_json);
		jside(out, &c->old);
		fputs(", \"new\": ", out);
		jside(out, &c->neu);
		fprintf(out, ", \"reproduced\": %s, \"bug\": ", c->reproduced ? "true" : "false");
		jstr(out, c->bug);
		fputc('}', out);
	}
	fputs("],\n \"signatures\": ", out);
	if (!r->has_signatures) {
		fputs("null, \"signature_note\": ", out);
		jstr(out, r->signature_note);
	} else {
		fputs("{\"note\": ", out);
		jstr(out, r->signature_note);
		fputs(", \"counts\": {", out);
		for (int v = 0; v < SMT_SIG__COUNT; v++)
			fprintf(out, "%s\"%s\": %zu", v ? ", " : "", smt_sig_verdict_names[v], r->sig_count[v]);
		fputs("}, \"changed\": [", out);
		int first = 1;
		for (size_t i = 0; i < r->nsigs; i++) {
			const smt_signature *s = &r->sigs[i];
			if (s->verdict == SMT_SIG_EQUIVALENT)
				continue;
			fprintf(out, "%s\n  {\"requesting_party\": \"%s\", \"requested_party\": \"%s\", "
			        "\"assistance\": \"%s\", \"verdict\": \"%s\"}", first ? "" : ",",
			        s->requesting, s->requested, s->assistance, smt_sig_verdict_names[s->verdict]);
			first = 0;
		}
		fputs("]}", out);
	}
	fprintf(out, ",\n \"bugs\": %zu, \"truncated\": %s, \"unknown\": %s, \"queries\": %u, \"seconds\": %.3f}\n",
	        r->bugs, r->truncated ? "true" : "false", r->unknown ? "true" : "false",
	        r->queries, r->seconds);
}
