/*
 * check.c — from parsed declarations to a checked program.
 *
 * Resolves every name in one namespace shared by all loaded files, types
 * every expression (enum members by the type the context expects), checks
 * tables for completeness, labels for uniqueness, `exempts` for existing
 * targets and an acyclic graph (ordered: every clause after the clauses that
 * can exempt it), obligations, fixtures and tests.  Every expression that
 * names a field, define or table records its index (expr.index), which
 * the lowered program (lower.c) keeps.  Errors are collected; the caller
 * stops before lowering if there were any.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pactac.h"

/* Deeper expressions are refused, so that checking and evaluating them
 * (both recursive) stay within a small, fixed stack.  PACTA_MAX_DEPTH
 * changes it (up to 100,000; the stack must then be large enough). */
static uint32_t MAX_EXPR_DEPTH = 1000;   /* set by check_program */

/* ---- a map from interned names (pointers) to values ---- */

typedef struct pmap {
	const void **keys;
	void **vals;
	size_t cap, len;
} pmap;

static size_t phash(const void *k, size_t cap)
{
	uintptr_t x = (uintptr_t)k;
	x ^= x >> 17;
	x *= 0xed5ad4bbu;
	x ^= x >> 11;
	return (size_t)x & (cap - 1);
}

static void pmap_put(pmap *m, const void *k, void *v);

static void pmap_grow(pmap *m)
{
	pmap n = { 0 };
	n.cap = m->cap ? m->cap * 2 : 64;
	n.keys = xcalloc(n.cap, sizeof *n.keys);
	n.vals = xcalloc(n.cap, sizeof *n.vals);
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			pmap_put(&n, m->keys[i], m->vals[i]);
	free(m->keys);
	free(m->vals);
	*m = n;
}

static void pmap_put(pmap *m, const void *k, void *v)
{
	if (2 * (m->len + 1) > m->cap)
		pmap_grow(m);
	size_t i = phash(k, m->cap);
	while (m->keys[i] && m->keys[i] != k)
		i = (i + 1) & (m->cap - 1);
	if (!m->keys[i])
		m->len++;
	m->keys[i] = k;
	m->vals[i] = v;
}

static void *pmap_get(const pmap *m, const void *k)
{
	if (!m->cap)
		return NULL;
	size_t i = phash(k, m->cap);
	while (m->keys[i]) {
		if (m->keys[i] == k)
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

static void pmap_free(pmap *m)
{
	free(m->keys);
	free(m->vals);
}

/* Enum members with one name, across all enums. */
typedef struct member_ref {
	decl *en;
	uint32_t index;
	struct member_ref *next;
} member_ref;

typedef struct ck {
	checked *c;
	program *p;
	arena *ar;
	diag *dg;
	pmap types;        /* name -> enum decl: types have their own namespace,
	                      so a field may share its enum's name (`offence`) */
	pmap globals;      /* name -> decl (define, table, field, obligation, fixture) */
	pmap members;      /* name -> member_ref list */
	pmap labels;       /* label -> clause decl */
	pmap articles;     /* label -> article decl */
	pmap tests;        /* test title (interned) -> test decl */
	pmap asserts;      /* assert name (interned) -> assert decl */
	pmap *enum_members;/* per enum index: name -> index+1 */
	int const_ctx;     /* checking a constant: no request fields */
	int assert_ctx;    /* checking an assert: the decision's facts too */
	int saw_field;     /* the expression just checked reads the request */
	span const_at;     /* what asked for a constant, for the message */
	uint32_t nest;     /* the nesting of the values of the definitions
	                      being checked, each inside the last */
	uint32_t depth;    /* eval_depth of the expression check_root checked */
	int nest_said;     /* too many of them was reported */
	vec party_meant;   /* per header party in error: the member it may
	                      mean ("xa": XA), or NULL when none is near */
} ck;

static const type T_ERR = { PK__COUNT, NULL };

static type mk(int kind, decl *en)
{
	type t = { (uint8_t)kind, en };
	return t;
}

static int is_err(type t)
{
	return t.kind == PK__COUNT;
}

static int type_eq(type a, type b)
{
	return a.kind == b.kind && a.en == b.en;
}

static const char *TN(ck *k, type t)
{
	return type_name(k->ar, t);
}

static const char *decl_what(int kind)
{
	switch (kind) {
	case D_ENUM: return "an enum";
	case D_DEFINE: return "a define";
	case D_TABLE: return "a table";
	case D_FIELD: return "a request field";
	case D_OBLIGATION: return "an obligation";
	case D_FIXTURE: return "a fixture";
	default: return "a declaration";
	}
}

/* ---- did you mean ---- */

/* Bits of decl kinds, for the candidates of a suggestion. */
#define DK(kind) (1u << (kind))

/* The nearest name to `word` among the globals of the given kinds, the
 * enum types (DK(D_ENUM)) and, with `members`, every enum member; `sg`
 * keeps how sure it is, for fix(). */
static const char *nearest(ck *k, lp_suggest *sg, const char *word, unsigned kinds, int members)
{
	lp_suggest_init(sg, word);
	for (size_t i = 0; i < k->globals.cap; i++) {
		const decl *d = k->globals.vals ? k->globals.vals[i] : NULL;
		if (k->globals.keys[i] && d && (kinds & DK(d->kind)))
			lp_suggest_add(sg, k->globals.keys[i]);
	}
	if (kinds & DK(D_ENUM))
		for (size_t i = 0; i < k->types.cap; i++)
			if (k->types.keys[i])
				lp_suggest_add(sg, k->types.keys[i]);
	if (members)
		for (size_t i = 0; i < k->members.cap; i++)
			if (k->members.keys[i])
				lp_suggest_add(sg, k->members.keys[i]);
	return sg->best;
}

static const char *nearest_member(lp_suggest *sg, const decl *en, const char *word)
{
	lp_suggest_init(sg, word);
	for (size_t i = 0; i < en->members.len; i++)
		lp_suggest_add(sg, ((const binding *)en->members.items[i])->name);
	return sg->best;
}

static const char *nearest_label(ck *k, lp_suggest *sg, const char *word)
{
	lp_suggest_init(sg, word);
	for (size_t i = 0; i < k->labels.cap; i++)
		if (k->labels.keys[i])
			lp_suggest_add(sg, k->labels.keys[i]);
	return sg->best;
}

/* "; did you mean 'x'?", or nothing. */
static const char *dym(ck *k, const char *best)
{
	return best ? arena_printf(k->ar, "; did you mean '%s'?", best) : "";
}

/* A label's "did you mean": labels are close to each other (1.1, 2.1,
 * 3.1, ...), so one as close as others is not named alone: two or three
 * as close are named together, in order; more, none. */
static const char *dym_labels(ck *k, const lp_suggest *sg, const char *best)
{
	if (!best || sg->ties == 1 || sg->ties > 3)
		return sg->ties > 3 ? "" : dym(k, best);
	return sg->ties == 2 ? arena_printf(k->ar, "; did you mean '%s' or '%s'?", sg->tied[0], sg->tied[1])
	                     : arena_printf(k->ar, "; did you mean '%s', '%s' or '%s'?", sg->tied[0], sg->tied[1],
	                                    sg->tied[2]);
}

/* The span of a name written at the start of `at`. */
static span name_span(span at, const char *name)
{
	span s = at;
	s.end = s.start + (uint32_t)strlen(name);
	if (s.end > at.end)
		s.end = at.end;
	return s;
}

/* The suggestion as the fix tools write, when it is beyond doubt: a
 * "did you mean" by resemblance alone stays a question (pacta check
 * --help: "where the fix is certain"). */
static void fix(ck *k, span at, const lp_suggest *sg)
{
	if (lp_suggest_certain(sg) != LP_GUESS)
		diag_fix(k->dg, at, sg->best);
}

/* A label differs from another by a digit or a letter more or swapped,
 * and is then another clause (1.1, 1.11, 1.2): only case is certain. */
static void fix_label(ck *k, span at, const lp_suggest *sg)
{
	if (lp_suggest_certain(sg) == LP_SURE_CASE)
		diag_fix(k->dg, at, sg->best);
}

/* ---- declaring names ---- */

/* A test's title or an assert's name, once in the agreement and the files
 * it imports: reports and `pacta diff` tell them apart by it. */
static void unique_title(ck *k, pmap *m, decl *d, const char *what)
{
	const char *name = intern_str(k->p->names, d->name);
	decl *old = pmap_get(m, name);
	if (old) {
		diag_error(k->dg, d->name_at, "duplicate %s \"%s\": each %s has a name of its own", what, d->name, what);
		diag_note(k->dg, old->name_at, "first used here");
		return;
	}
	pmap_put(m, name, d);
}

static void declare(ck *k, decl *d, span at)
{
	pmap *m = d->kind == D_ENUM ? &k->types : &k->globals;
	decl *old = pmap_get(m, d->name);
	if (old) {
		if (old->name_at.file && old->name_at.file->id == 0 && at.file && at.file->id != 0) {
			/* the agreement's own name clashes with one of a file it
			 * imports (the standard library, say): the mistake is the
			 * agreement's, and the imported name keeps its meaning,
			 * so that the file it comes from reads as written */
			diag_error(k->dg, old->name_at, "'%s' is already declared in %s (as %s): choose another name for "
			           "this %s", d->name, at.file->path, decl_what(d->kind),
			           strchr(decl_what(old->kind), ' ') + 1);
			diag_note(k->dg, at, "declared here");
			pmap_put(m, d->name, d);
			return;
		}
		diag_error(k->dg, at, "'%s' is already declared (as %s)", d->name,
		           decl_what(old->kind));
		diag_note(k->dg, old->name_at, "first declared here");
		return;
	}
	pmap_put(m, d->name, d);
}

static int member_index(ck *k, decl *en, const char *name)
{
	uintptr_t v = (uintptr_t)pmap_get(&k->enum_members[en->index], name);
	return v ? (int)(v - 1) : -1;
}

/* Resolves a type annotation written as `name` or `set of name`. */
static type resolve_type(ck *k, int kind, const char *name, span at)
{
	if (kind != PK_ENUM && kind != PK_SET)
		return mk(kind, NULL);
	decl *d = pmap_get(&k->types, name);
	if (!d) {
		lp_suggest sg;
		lp_suggest_init(&sg, name);
		static const char *const builtin[] = { "bool", "int", "date", "days", "years" };
		for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
			lp_suggest_add(&sg, builtin[i]);
		lp_suggest en;
		if (nearest(k, &en, name, DK(D_ENUM), 0))
			sg = en;
		diag_error(k->dg, at, "unknown type '%s'%s", name, dym(k, sg.best));
		fix(k, name_span(at, name), &sg);
		return T_ERR;
	}
	return mk(kind, d);
}

/* ---- expressions ---- */

static type check_expr(ck *k, expr *e, const type *want);
static type check_define(ck *k, decl *d);
static type check_table(ck *k, decl *d);

/*
 * Checking a definition that uses one not yet checked checks that one
 * first, recursively: a chain of definitions written in the wrong order
 * recurses as deep as their values are, added up.  The sum is counted
 * (k->nest), and the chain cut past PACTA_MAX_DEPTH, the use an error
 * reported once.  Returns 0 when `d`, used at `e`, may not be checked
 * now; else 1, with *h what it adds to the count (0 when it is checked
 * already), for the caller to take off again.
 */
static int nest_push(ck *k, decl *d, const expr *e, uint32_t *h)
{
	*h = 0;
	if (d->state != 0)
		return 1;
	if (d->kind == D_DEFINE) {
		*h = d->value ? d->value->depth : 1;
	} else {
		for (size_t i = 0; i < d->entries.len; i++) {
			binding *b = d->entries.items[i];
			if (b->value && b->value->depth > *h)
				*h = b->value->depth;
		}
	}
	if (k->nest > 0 && k->nest + *h > MAX_EXPR_DEPTH) {
		if (!k->nest_said)
			diag_error(k->dg, e->at, "definitions nested too deeply: '%s' is used inside definitions "
			           "not yet checked, %u levels deep with its own (the limit is %u; see PACTA_MAX_DEPTH)",
			           e->name, k->nest + *h, MAX_EXPR_DEPTH);
		k->nest_said = 1;
		*h = 0;
		return 0;
	}
	k->nest += *h;
	return 1;
}

/*
 * How deep evaluating `e` recurses, counted as operators are (a literal
 * or a field is 0, an operator one more than its deepest operand), where
 * using a definition or a table counts one more than its value
 * (decl.depth): the evaluators compute a definition where it is first
 * used, inside the expression using it.  Called on expressions whose own
 * nesting is within the limit.
 */
static uint32_t eval_depth(const expr *e)
{
	uint32_t d = 0, x;
	const expr *kids[] = { e->a, e->b, e->c };
	for (int i = 0; i < 3; i++)
		if (kids[i] && (x = eval_depth(kids[i]) + 1) > d)
			d = x;
	for (uint32_t i = 0; i < e->nelem; i++)
		if ((x = eval_depth(e->elem[i]) + 1) > d)
			d = x;
	if (((e->kind == E_NAME && e->ref == REF_DEFINE) || e->kind == E_LOOKUP) && e->decl &&
	    e->decl->depth + 1 > d)
		d = e->decl->depth + 1;
	return d;
}

/* After a whole expression checked: whether evaluating it stays within
 * the limit, its depth in k->depth. */
static int depth_ok(ck *k, const expr *e)
{
	uint32_t d = eval_depth(e);
	k->depth = d;
	if (d <= MAX_EXPR_DEPTH)
		return 1;
	diag_error(k->dg, e->at, "expression nested too deeply through the definitions it uses: %u levels, "
	           "counting each definition used and what it uses (the limit is %u; see PACTA_MAX_DEPTH)",
	           d, MAX_EXPR_DEPTH);
	return 0;
}

/* A bare name that is not a global, or a set literal: its type comes from
 * the other operand. */
static int needs_context(ck *k, const expr *e)
{
	if (e->kind == E_SET)
		return 1;
	if (e->kind == E_NAME)
		return pmap_get(&k->globals, e->name) == NULL;
	if (e->kind == E_IF)
		return needs_context(k, e->b) && needs_context(k, e->c);
	return 0;
}

/* A bare number where days or years are wanted, `penalty >= 1`: said
 * with the unit it needs, and the fix.  0 when `lit` is no number. */
static int unit_missing(ck *k, const expr *lit, type dur)
{
	if (!lit || lit->kind != E_INT)
		return 0;
	const char *unit = dur.kind == PK_DAYS ? "day" : "year";
	char *with = arena_printf(k->ar, "%lld %s%s", (long long)lit->ival, unit,
	                          lit->ival == 1 || lit->ival == -1 ? "" : "s");
	diag_error(k->dg, lit->at, "a number of %ss needs its unit: write '%s'", unit, with);
	diag_fix(k->dg, lit->at, with);
	return 1;
}

static type mismatch(ck *k, expr *e, const char *op, type a, type b)
{
	if (is_err(a) || is_err(b))
		return T_ERR;
	int dur_a = a.kind == PK_DAYS || a.kind == PK_YEARS;
	int dur_b = b.kind == PK_DAYS || b.kind == PK_YEARS;
	if ((dur_a && b.kind == PK_INT && unit_missing(k, e->b, a))
	    || (dur_b && a.kind == PK_INT && unit_missing(k, e->a, b)))
		return T_ERR;
	if (dur_a && dur_b)
		diag_error(k->dg, e->at, "unit mismatch: '%s' %s '%s' (days and years are different units)",
		           TN(k, a), op, TN(k, b));
	else
		diag_error(k->dg, e->at, "type mismatch: '%s' %s '%s'", TN(k, a), op, TN(k, b));
	return T_ERR;
}

static const char *op_text(int kind);

/* `offence in (terrorism)`, `offence in terrorism`: one value where a set
 * belongs.  In parentheses, a set was meant, and is written in braces;
 * bare, the test is one of equality. */
static type member_for_set(ck *k, const expr *e)
{
	const expr *b = e->b;
	const char *t = b->at.file->text;
	uint32_t s = b->at.start, end = b->at.end, o = s, c = end;
	span all = b->at;
	while (o > 0 && (t[o - 1] == ' ' || t[o - 1] == '\t'))
		o--;
	while (t[c] == ' ' || t[c] == '\t')
		c++;
	int parens = 1;
	if (t[s] == '(' && end > s + 1 && t[end - 1] == ')')
		s++, end--;   /* the parentheses are the expression's */
	else if (o > 0 && t[o - 1] == '(' && t[c] == ')')
		all.start = o - 1, all.end = c + 1;   /* they are around it */
	else
		parens = 0;
	while (s < end && (t[s] == ' ' || t[s] == '\t'))
		s++;
	while (end > s && (t[end - 1] == ' ' || t[end - 1] == '\t'))
		end--;
	if (!parens) {
		const span *x = &e->a->at;
		all = (span){ x->file, x->start, end };
		char *eq = arena_printf(k->ar, "%.*s %s %.*s", (int)(x->end - x->start), t + x->start,
		                        e->kind == E_IN ? "=" : "!=", (int)(end - s), t + s);
		diag_error(k->dg, all, "'%s' takes a set, and '%.*s' is one value: write '%s'", op_text(e->kind),
		           (int)(end - s), t + s, eq);
		diag_fix(k->dg, all, eq);
		return T_ERR;
	}
	char *set = arena_printf(k->ar, "{%.*s}", (int)(end - s), t + s);
	diag_error(k->dg, all, "a set is written in braces: write '%s'", set);
	diag_fix(k->dg, all, set);
	return T_ERR;
}

static type expect_type(ck *k, expr *e, type got, type want)
{
	if (is_err(got) || is_err(want) || type_eq(got, want))
		return got;
	int dur_a = got.kind == PK_DAYS || got.kind == PK_YEARS;
	int dur_b = want.kind == PK_DAYS || want.kind == PK_YEARS;
	if (dur_b && got.kind == PK_INT && unit_missing(k, e, want))
		return T_ERR;
	if (dur_a && dur_b)
		diag_error(k->dg, e->at, "unit mismatch: expected '%s', found '%s' (days and years are different units)",
		           TN(k, want), TN(k, got));
	else
		diag_error(k->dg, e->at, "type mismatch: expected '%s', found '%s'", TN(k, want), TN(k, got));
	return T_ERR;
}

/* yes, off: what forms and other languages write for a truth value.  Not
 * a fix: 'yes' for 'true' is a reading, not a spelling. */
static int yes_or_no(const char *w)
{
	static const char *const words[] = { "yes", "no", "y", "n", "on", "off" };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (!strcasecmp(w, words[i]))
			return 1;
	return 0;
}

static type check_name(ck *k, expr *e, const type *want)
{
	/* A member of the expected enum wins: `assistance = preservation`. */
	if (want && want->kind == PK_ENUM && want->en) {
		int i = member_index(k, want->en, e->name);
		if (i >= 0) {
			e->ref = REF_MEMBER;
			e->member = (uint32_t)i;
			return e->ty = *want;
		}
	}
	decl *d = pmap_get(&k->globals, e->name);
	if (d && d->kind == D_OBLIGATION && k->assert_ctx && !is_err(d->ty)) {
		/* an assert reads the obligation's value in the decision */
		e->ref = REF_OBLIG;
		e->decl = d;
		e->index = d->index;
		return e->ty = d->ty;
	}
	if (d) {
		switch (d->kind) {
		case D_FIELD:
			if (k->const_ctx) {
				diag_error(k->dg, e->at, "'%s' is a request field; a constant is needed here", e->name);
				return T_ERR;
			}
			k->saw_field = 1;
			e->ref = REF_FIELD;
			e->decl = d;
			e->index = d->index;
			return e->ty = d->ty;
		case D_DEFINE: {
			uint32_t h;
			if (!nest_push(k, d, e, &h))
				return T_ERR;
			type t = check_define(k, d);
			k->nest -= h;
			if (d->uses_fields) {
				if (k->const_ctx) {
					diag_error(k->dg, e->at, "'%s' depends on the request; a constant is needed here", e->name);
					return T_ERR;
				}
				k->saw_field = 1;
			}
			e->ref = REF_DEFINE;
			e->decl = d;
			e->index = d->index;
			return e->ty = t;
		}
		case D_TABLE:
			diag_error(k->dg, e->at, "table '%s' needs a key: '%s[...]'", e->name, e->name);
			return T_ERR;
		default:
			diag_error(k->dg, e->at, "'%s' is %s, not a value", e->name, decl_what(d->kind));
			diag_note(k->dg, d->name_at, "declared here");
			return T_ERR;
		}
	}
	if (want && want->kind == PK_ENUM && want->en) {
		lp_suggest sg;
		const char *best = nearest_member(&sg, want->en, e->name);
		diag_error(k->dg, e->at, "unknown member '%s' of enum '%s'%s", e->name, want->en->name, dym(k, best));
		fix(k, e->at, &sg);
		diag_note(k->dg, want->en->name_at, "enum '%s' declared here", want->en->name);
		return T_ERR;
	}
	decl *en = pmap_get(&k->types, e->name);
	if (en) {
		diag_error(k->dg, e->at, "'%s' is an enum type, not a value", e->name);
		diag_note(k->dg, en->name_at, "declared here");
		return T_ERR;
	}
	member_ref *m = pmap_get(&k->members, e->name);
	if (m && !m->next) {
		e->ref = REF_MEMBER;
		e->member = m->index;
		return e->ty = mk(PK_ENUM, m->en);
	}
	if (m) {
		diag_error(k->dg, e->at, "'%s' is a member of several enums ('%s', '%s'); the context does not say which",
		           e->name, m->en->name, m->next->en->name);
		return T_ERR;
	}
	/* True, FALSE: Pacta's truth values are written in lower case */
	if (!strcasecmp(e->name, "true") || !strcasecmp(e->name, "false")) {
		const char *w = !strcasecmp(e->name, "true") ? "true" : "false";
		diag_error(k->dg, e->at, "unknown name '%s': write '%s'", e->name, w);
		diag_fix(k->dg, e->at, w);
		return T_ERR;
	}
	lp_suggest sg;
	const char *best = nearest(k, &sg, e->name, DK(D_FIELD) | DK(D_DEFINE), 1);
	const char *hint = "";
	if (want && want->kind == PK_BOOL && (k->const_ctx || yes_or_no(e->name)))
		hint = best ? " (a bool is written 'true' or 'false')" : ": a bool is written 'true' or 'false'";
	diag_error(k->dg, e->at, "unknown name '%s'%s%s", e->name, dym(k, best), hint);
	fix(k, e->at, &sg);
	return T_ERR;
}

static type check_set(ck *k, expr *e, const type *want)
{
	type elem = T_ERR;
	int known = 0;
	if (want && want->kind == PK_SET && want->en) {
		elem = mk(PK_ENUM, want->en);
		known = 1;
	}
	if (!known && e->nelem == 0) {
		diag_error(k->dg, e->at, "cannot tell the type of '{}' here");
		return T_ERR;
	}
	int bad = 0;
	for (size_t i = 0; i < e->nelem; i++) {
		expr *x = e->elem[i];
		type t = check_expr(k, x, known ? &elem : NULL);
		if (is_err(t)) {
			bad = 1;
			continue;
		}
		if (t.kind != PK_ENUM) {
			diag_error(k->dg, x->at, "set elements must be enum members, found '%s'", TN(k, t));
			bad = 1;
			continue;
		}
		if (!known) {
			elem = t;
			known = 1;
		} else if (!type_eq(t, elem)) {
			expect_type(k, x, t, elem);
			bad = 1;
		}
	}
	if (bad || !known)
		return T_ERR;
	return e->ty = mk(PK_SET, elem.en);
}

/* Checks both operands, the one that carries its own type first, and passes
 * its type (or the outer expectation) to the other. */
static void check_pair(ck *k, expr *e, const type *want, type *ta, type *tb,
                       int in_op)
{
	int ca = needs_context(k, e->a), cb = needs_context(k, e->b);
	if (ca && !cb) {
		*tb = check_expr(k, e->b, in_op ? NULL : want);
		type w = *tb;
		if (in_op && w.kind == PK_SET)
			w.kind = PK_ENUM;
		*ta = is_err(w) ? check_expr(k, e->a, NULL) : check_expr(k, e->a, &w);
	} else {
		*ta = check_expr(k, e->a, in_op ? NULL : want);
		type w = *ta;
		if (in_op && w.kind == PK_ENUM)
			w.kind = PK_SET;
		*tb = is_err(w) ? check_expr(k, e->b, NULL) : check_expr(k, e->b, &w);
	}
}

static const char *op_text(int kind)
{
	switch (kind) {
	case E_EQ: return "=";
	case E_NE: return "!=";
	case E_LT: return "<";
	case E_LE: return "<=";
	case E_GT: return ">";
	case E_GE: return ">=";
	case E_IN: return "in";
	case E_NOTIN: return "not in";
	case E_OVERLAPS: return "overlaps";
	case E_WITHIN: return "within";
	case E_UNION: return "|";
	case E_INTER: return "&";
	case E_ADD: return "+";
	case E_SUB: return "-";
	case E_AND: return "and";
	case E_OR: return "or";
	default: return "?";
	}
}

/* `offence = {a, b}`: one value compared with a set; membership is
 * written `in` (and `!=` is `not in`). */
static type member_of_set(ck *k, expr *e, type ta, type tb)
{
	const char *op = e->kind == E_EQ ? "=" : "!=", *w = e->kind == E_EQ ? "in" : "not in";
	diag_error(k->dg, e->at, "'%s' is one value and '%s' a set: to ask whether it is among them, write '%s'",
	           TN(k, ta), TN(k, tb), w);
	const char *t = e->at.file->text;
	for (uint32_t i = e->a->at.end; i < e->b->at.start; i++) {
		if (t[i] == '=' || t[i] == '!') {
			span at = { e->at.file, i, i + (uint32_t)strlen(op) };
			diag_fix(k->dg, at, w);
			break;
		}
	}
	return T_ERR;
}

static type need_bool(ck *k, expr *e, type t, const char *what);

/* purpose = intelligence or prosecution (or ...): the names after the
 * first are no conditions; what is meant is one of them, `purpose in
 * {...}`.  e is the top 'or' of the chain; its operands are checked here,
 * and the chain's type returned, when it is one (a name after `x = m`,
 * each 'or' on the left); *done is 0 and nothing checked otherwise. */
static type either_members(ck *k, expr *e, int *done)
{
	expr *eq = e;
	size_t n = 0;
	while (eq->kind == E_OR && eq->b && eq->b->kind == E_NAME && eq->a)
		eq = eq->a, n++;
	*done = 0;
	if (!n || eq->kind != E_EQ || !eq->a || !eq->b || eq->b->kind != E_NAME)
		return T_ERR;
	*done = 1;
	const type TB = mk(PK_BOOL, NULL);
	type te = check_expr(k, eq, &TB);
	int bad = is_err(te), members = eq->a->ty.kind == PK_ENUM;
	expr **names = arena_alloc(k->ar, (n + 1) * sizeof *names);
	type *ty = arena_alloc(k->ar, (n + 1) * sizeof *ty);
	size_t i = n;
	for (expr *o = e; o != eq; o = o->a) {
		names[--i] = o->b;
		ty[i] = check_expr(k, o->b, &TB);
		bad |= is_err(ty[i]);
		members = members && ty[i].kind == PK_ENUM && strcmp(TN(k, ty[i]), TN(k, eq->a->ty)) == 0;
	}
	/* a set lists members: `x = a or x` (a field) is not one */
	for (i = 0; members && i <= n; i++)
		members = (i < n ? names[i] : eq->b)->ref == REF_MEMBER;
	if (bad)
		return T_ERR;
	if (!members) {   /* bools, or a mistake of another kind: said as ever */
		for (i = 0; i < n; i++)
			bad |= is_err(need_bool(k, names[i], ty[i], "the right operand of 'or'"));
		for (expr *o = e; o != eq; o = o->a)
			o->ty = TB;
		return bad ? T_ERR : TB;
	}
	const char *t = e->at.file->text;
	int fn = (int)(eq->a->at.end - eq->a->at.start);
	lp_strbuf set = { 0 };
	lp_sb_printf(&set, "%.*s", (int)(eq->b->at.end - eq->b->at.start), t + eq->b->at.start);
	for (i = 0; i < n; i++)
		lp_sb_printf(&set, ", %.*s", (int)(names[i]->at.end - names[i]->at.start), t + names[i]->at.start);
	const char *f = t + eq->a->at.start;
	diag_error(k->dg, names[0]->at, "'%.*s' is of type '%s', not a condition: to ask whether %.*s is any of them, "
	           "write '%.*s in {%s}'", (int)(names[0]->at.end - names[0]->at.start), t + names[0]->at.start,
	           TN(k, ty[0]), fn, f, fn, f, set.data ? set.data : "");
	diag_fix(k->dg, e->at, arena_printf(k->ar, "%.*s in {%s}", fn, f, set.data ? set.data : ""));
	lp_sb_free(&set);
	return T_ERR;
}

static type need_bool(ck *k, expr *e, type t, const char *what)
{
	if (is_err(t) || t.kind == PK_BOOL)
		return t;
	diag_error(k->dg, e->at, "%s must be 'bool', found '%s'", what, TN(k, t));
	return T_ERR;
}

static decl *find_clause(ck *k, label_ref *l);

/* The words that introduce each fact of the decision, for messages. */
static const char *fact_word(int kind)
{
	switch (kind) {
	case E_OUTCOME: return "outcome";
	case E_GROUNDED: return "grounded_by";
	case E_DISCRETIONARY: return "discretionary";
	case E_EXEMPTED: return "exempted";
	case E_FIRED: return "fired";
	default: return "imposed";
	}
}

/* outcome = O, grounded_by L, discretionary L, exempted L, fired L,
 * imposed OBLIGATION: a fact of the decision, which only an assert
 * states anything about (rules decide; they cannot read the decision). */
static type check_fact(ck *k, expr *e)
{
	if (!k->assert_ctx) {
		diag_error(k->dg, e->at, "'%s' reads the decision; only an 'assert' can say something about it",
		           fact_word(e->kind));
		return T_ERR;
	}
	if (e->kind == E_IMPOSED) {
		decl *o = pmap_get(&k->globals, e->name);
		if (!o || o->kind != D_OBLIGATION) {
			diag_error(k->dg, e->at, "undeclared obligation '%s'", e->name);
			if (o)
				diag_note(k->dg, o->name_at, "'%s' is %s", e->name, decl_what(o->kind));
			return T_ERR;
		}
		e->decl = o;
		e->index = o->index;
	} else if (e->kind != E_OUTCOME && !(e->kind == E_GROUNDED && e->ival != PG_CLAUSES)) {
		/* as `exempts` and a test's `by` name a clause: the same
		 * messages (an article, another Party's label, a guess) */
		label_ref l = { e->name, e->at, NULL };
		size_t n = strlen(e->name);
		if (e->at.end - e->at.start > n && !memcmp(e->at.file->text + e->at.end - n, e->name, n))
			l.at.start = e->at.end - (uint32_t)n;   /* the label, after the word */
		decl *cl = find_clause(k, &l);
		if (!cl)
			return T_ERR;
		e->index = cl->index;
	}
	return e->ty = mk(PK_BOOL, NULL);
}

static type check_expr(ck *k, expr *e, const type *want)
{
	type ta, tb, tc;
	const type TB = mk(PK_BOOL, NULL);
	switch (e->kind) {
	case E_INT:
		return e->ty = mk(PK_INT, NULL);
	case E_DUR:
		if (e->unit == U_YEARS)
			return e->ty = mk(PK_YEARS, NULL);
		if (e->unit == U_WEEKS) {
			e->ival = lp_sat_add(0, e->ival > INT64_MAX / 7 ? INT64_MAX : e->ival * 7);
			e->unit = U_DAYS;
		}
		return e->ty = mk(PK_DAYS, NULL);
	case E_DATE:
		return e->ty = mk(PK_DATE, NULL);
	case E_BOOL:
		return e->ty = TB;
	case E_NAME:
		return check_name(k, e, want);
	case E_SET:
		return check_set(k, e, want);
	case E_NOT:
		ta = check_expr(k, e->a, &TB);
		if (is_err(need_bool(k, e->a, ta, "the operand of 'not'")))
			return T_ERR;
		return e->ty = TB;
	case E_AND:
	case E_OR:
	case E_IMPLIES: {
		const char *op = e->kind == E_AND ? "and" : e->kind == E_OR ? "or" : "implies";
		int done = 0;
		if (e->kind == E_OR) {
			type chain = either_members(k, e, &done);
			if (done)
				return is_err(chain) ? T_ERR : (e->ty = chain);
		}
		ta = need_bool(k, e->a, check_expr(k, e->a, &TB), arena_printf(k->ar, "the left operand of '%s'", op));
		tb = need_bool(k, e->b, check_expr(k, e->b, &TB), arena_printf(k->ar, "the right operand of '%s'", op));
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		return e->ty = TB;
	}
	case E_OUTCOME:
	case E_GROUNDED:
	case E_DISCRETIONARY:
	case E_EXEMPTED:
	case E_FIRED:
	case E_IMPOSED:
		return check_fact(k, e);
	case E_IF:
		ta = need_bool(k, e->a, check_expr(k, e->a, &TB), "the condition of 'if'");
		if (needs_context(k, e->b) && !needs_context(k, e->c)) {
			tc = check_expr(k, e->c, want);
			tb = check_expr(k, e->b, is_err(tc) ? want : &tc);
		} else {
			tb = check_expr(k, e->b, want);
			tc = check_expr(k, e->c, is_err(tb) ? want : &tb);
		}
		if (is_err(ta) || is_err(tb) || is_err(tc))
			return T_ERR;
		if (!type_eq(tb, tc)) {
			diag_error(k->dg, e->at, "the branches of 'if' differ: 'then' gives '%s', 'else' gives '%s'",
			           TN(k, tb), TN(k, tc));
			return T_ERR;
		}
		return e->ty = tb;
	case E_EQ:
	case E_NE:
		check_pair(k, e, NULL, &ta, &tb, 0);
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		if (ta.kind == PK_ENUM && tb.kind == PK_SET && ta.en == tb.en)
			return member_of_set(k, e, ta, tb);
		if (!type_eq(ta, tb))
			return mismatch(k, e, op_text(e->kind), ta, tb);
		return e->ty = TB;
	case E_LT:
	case E_LE:
	case E_GT:
	case E_GE:
		check_pair(k, e, NULL, &ta, &tb, 0);
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		if (!type_eq(ta, tb))
			return mismatch(k, e, op_text(e->kind), ta, tb);
		if (ta.kind == PK_BOOL || ta.kind == PK_ENUM || ta.kind == PK_SET) {
			diag_error(k->dg, e->at, "'%s' does not order values of type '%s' (only int, days, years and date)",
			           op_text(e->kind), TN(k, ta));
			return T_ERR;
		}
		return e->ty = TB;
	case E_IN:
	case E_NOTIN:
		check_pair(k, e, NULL, &ta, &tb, 1);
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		if (ta.kind == PK_ENUM && tb.kind == PK_ENUM && ta.en == tb.en)
			return member_for_set(k, e);
		if (ta.kind != PK_ENUM || tb.kind != PK_SET || ta.en != tb.en)
			return mismatch(k, e, op_text(e->kind), ta, tb);
		return e->ty = TB;
	case E_OVERLAPS:
	case E_WITHIN:
		check_pair(k, e, NULL, &ta, &tb, 0);
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		if (ta.kind != PK_SET || !type_eq(ta, tb))
			return mismatch(k, e, op_text(e->kind), ta, tb);
		return e->ty = TB;
	case E_UNION:
	case E_INTER:
		check_pair(k, e, want, &ta, &tb, 0);
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		if (!type_eq(ta, tb))
			return mismatch(k, e, op_text(e->kind), ta, tb);
		if (ta.kind != PK_SET) {
			diag_error(k->dg, e->at, "'%s' is not defined on '%s' (it combines sets)",
			           op_text(e->kind), TN(k, ta));
			return T_ERR;
		}
		return e->ty = ta;
	case E_ADD:
	case E_SUB: {
		/* date - date and date +/- days mix types, so no expectation
		 * flows into the operands of a date expression. */
		const type *w = want && want->kind != PK_DATE && want->kind != PK_DAYS ? want : NULL;
		check_pair(k, e, w, &ta, &tb, 0);
		if (is_err(ta) || is_err(tb))
			return T_ERR;
		const char *op = op_text(e->kind);
		if (ta.kind == PK_DATE && tb.kind == PK_DAYS)
			return e->ty = mk(PK_DATE, NULL);
		if (e->kind == E_ADD && ta.kind == PK_DAYS && tb.kind == PK_DATE)
			return e->ty = mk(PK_DATE, NULL);
		if (e->kind == E_SUB && ta.kind == PK_DATE && tb.kind == PK_DATE)
			return e->ty = mk(PK_DAYS, NULL);
		if (!type_eq(ta, tb))
			return mismatch(k, e, op, ta, tb);
		if (ta.kind == PK_INT || ta.kind == PK_DAYS || ta.kind == PK_YEARS)
			return e->ty = ta;
		if (ta.kind == PK_SET && e->kind == E_SUB)
			return e->ty = ta;
		diag_error(k->dg, e->at, "'%s' is not defined on '%s'", op, TN(k, ta));
		return T_ERR;
	}
	case E_LOOKUP: {
		decl *t = pmap_get(&k->globals, e->name);
		if (!t) {
			lp_suggest sg;
			const char *best = nearest(k, &sg, e->name, DK(D_TABLE), 0);
			diag_error(k->dg, e->at, "unknown table '%s'%s", e->name, dym(k, best));
			fix(k, name_span(e->at, e->name), &sg);
			check_expr(k, e->a, NULL);
			return T_ERR;
		}
		if (t->kind != D_TABLE) {
			diag_error(k->dg, e->at, "'%s' is %s, not a table", e->name, decl_what(t->kind));
			diag_note(k->dg, t->name_at, "declared here");
			return T_ERR;
		}
		uint32_t h;
		if (!nest_push(k, t, e, &h))
			return T_ERR;
		type vt = check_table(k, t);
		k->nest -= h;
		if (t->uses_fields) {
			if (k->const_ctx) {
				diag_error(k->dg, e->at, "table '%s' depends on the request; a constant is needed here", e->name);
				return T_ERR;
			}
			k->saw_field = 1;
		}
		e->decl = t;
		e->index = t->index;
		ta = check_expr(k, e->a, is_err(t->key) ? NULL : &t->key);
		if (is_err(expect_type(k, e->a, ta, t->key)) || is_err(vt))
			return T_ERR;
		return e->ty = vt;
	}
	}
	return T_ERR;
}

/* The entry point for a whole expression: the depth guard, then the check,
 * then the expected type. */
static type check_root(ck *k, expr *e, const type *want)
{
	/* e->depth counts the literal or name at the bottom too */
	if (e->depth - 1 > MAX_EXPR_DEPTH) {
		diag_error(k->dg, e->at, "expression nested too deeply (%u operators deep; the limit is %u): split it with defines, or use a set",
		           e->depth - 1, MAX_EXPR_DEPTH);
		return T_ERR;
	}
	type t = check_expr(k, e, want);
	if (want && !is_err(*want))
		t = expect_type(k, e, t, *want);
	k->depth = 0;
	if (!is_err(t) && !depth_ok(k, e))
		return T_ERR;
	return t;
}

static type check_cond(ck *k, expr *e, const char *what)
{
	const type TB = mk(PK_BOOL, NULL);
	if (e->depth - 1 > MAX_EXPR_DEPTH)
		return check_root(k, e, &TB);
	type t = need_bool(k, e, check_expr(k, e, &TB), what);
	return is_err(t) || depth_ok(k, e) ? t : T_ERR;
}

/* A constant: a literal, a set, or a define or table that does not read the
 * request. */
static type check_const(ck *k, expr *e, const type *want)
{
	int save = k->const_ctx;
	k->const_ctx = 1;
	type t = check_root(k, e, want);
	k->const_ctx = save;
	return t;
}

static type check_define(ck *k, decl *d)
{
	if (d->state == 2)
		return d->ty;
	if (d->state == 1) {
		diag_error(k->dg, d->name_at, "'%s' is defined in terms of itself", d->name);
		d->state = 2;
		d->ty = T_ERR;
		return T_ERR;
	}
	if (d->has_type && is_err(d->ty)) {   /* reported; spare the value */
		d->state = 2;
		return T_ERR;
	}
	d->state = 1;
	int save_field = k->saw_field, save_const = k->const_ctx, save_assert = k->assert_ctx;
	k->saw_field = 0;
	k->const_ctx = 0;
	k->assert_ctx = 0;   /* a define is about the request, even one an assert names */
	type want = d->has_type ? d->ty : T_ERR;
	type t = check_root(k, d->value, d->has_type ? &want : NULL);
	d->depth = k->depth;
	d->uses_fields = k->saw_field;
	k->saw_field = save_field;
	k->const_ctx = save_const;
	k->assert_ctx = save_assert;
	if (d->state == 2)   /* a cycle was reported through it */
		return d->ty;
	d->state = 2;
	d->ty = d->has_type ? want : t;
	if (is_err(t))
		d->ty = T_ERR;
	return d->ty;
}

/* table name: K -> V { key: expr ... _: expr } */
static type check_table(ck *k, decl *d)
{
	if (d->state == 2)
		return d->ty;
	if (d->state == 1) {
		diag_error(k->dg, d->name_at, "table '%s' is defined in terms of itself", d->name);
		d->state = 2;
		d->ty = T_ERR;
		return T_ERR;
	}
	d->state = 1;
	int save_field = k->saw_field, save_const = k->const_ctx, save_assert = k->assert_ctx;
	k->saw_field = 0;
	k->const_ctx = 0;
	k->assert_ctx = 0;
	decl *en = is_err(d->key) ? NULL : d->key.en;
	size_t n = en ? en->members.len : 0;
	expr *other = NULL;
	span other_at = { 0 };
	if (en)
		d->table_by_key = arena_alloc(k->ar, (n ? n : 1) * sizeof(expr *));
	span *seen_at = en ? xcalloc(n ? n : 1, sizeof(span)) : NULL;
	for (size_t i = 0; i < d->entries.len; i++) {
		binding *b = d->entries.items[i];
		if (!is_err(d->ty)) {   /* an unknown value type was reported */
			check_root(k, b->value, &d->ty);
			if (k->depth > d->depth)
				d->depth = k->depth;
		}
		if (strcmp(b->name, "_") == 0) {
			if (other) {
				diag_error(k->dg, b->at, "table '%s' has two '_' entries", d->name);
				diag_note(k->dg, other_at, "first '_' here");
			}
			other = b->value;
			other_at = b->at;
			continue;
		}
		if (!en)
			continue;
		int m = member_index(k, en, b->name);
		if (m < 0) {
			lp_suggest sg;
			const char *best = nearest_member(&sg, en, b->name);
			diag_error(k->dg, b->at, "unknown member '%s' of enum '%s'%s", b->name, en->name, dym(k, best));
			fix(k, b->at, &sg);
			continue;
		}
		if (d->table_by_key[m]) {
			diag_error(k->dg, b->at, "table '%s' lists '%s' twice", d->name, b->name);
			diag_note(k->dg, seen_at[m], "first listed here");
			continue;
		}
		d->table_by_key[m] = b->value;
		seen_at[m] = b->at;
	}
	if (en) {
		size_t missing = 0, first = 0;
		for (size_t i = 0; i < n; i++) {
			if (d->table_by_key[i])
				continue;
			if (other) {
				d->table_by_key[i] = other;
			} else {
				if (!missing)
					first = i;
				missing++;
			}
		}
		/* a table keyed by the Parties' enum: the Parties it lacks are
		 * what matters (a long enum of countries lists 'AD' first) */
		const char *lacks = NULL;
		size_t nlacks = 0;
		for (size_t i = 0; missing && k->c->agreement && i < k->c->agreement->hdr.parties.len; i++) {
			const binding *pb = k->c->agreement->hdr.parties.items[i];
			int pm = member_index(k, en, pb->name);
			if (pm < 0 || d->table_by_key[pm])
				continue;
			lacks = lacks ? arena_printf(k->ar, "%s, %s", lacks, pb->name) : pb->name;
			nlacks++;
		}
		if (missing && nlacks && missing > nlacks) {
			diag_error(k->dg, d->name_at, "table '%s' is incomplete: no entry for the Part%s %s (nor for %zu "
			           "other member%s of '%s'), and no '_' entry", d->name, nlacks == 1 ? "y" : "ies", lacks,
			           missing - nlacks, missing - nlacks == 1 ? "" : "s", en->name);
		} else if (missing && nlacks) {
			diag_error(k->dg, d->name_at, "table '%s' is incomplete: no entry for the Part%s %s, and no '_' "
			           "entry", d->name, nlacks == 1 ? "y" : "ies", lacks);
		} else if (missing) {
			binding *m0 = en->members.items[first];
			if (missing == 1)
				diag_error(k->dg, d->name_at, "table '%s' is incomplete: no entry for '%s' and no '_' entry",
				           d->name, m0->name);
			else
				diag_error(k->dg, d->name_at, "table '%s' is incomplete: no entry for '%s' and %zu other member%s of '%s', and no '_' entry",
				           d->name, m0->name, missing - 1, missing == 2 ? "" : "s", en->name);
		}
	}
	free(seen_at);
	d->uses_fields = k->saw_field;
	k->saw_field = save_field;
	k->const_ctx = save_const;
	k->assert_ctx = save_assert;
	d->state = 2;
	return d->ty;
}

/* ---- declarations ---- */

static void collect(ck *k)
{
	checked *c = k->c;
	program *p = k->p;
	decl *article = NULL;
	const srcfile *article_file = NULL;
	for (size_t i = 0; i < p->decls.len; i++) {
		decl *d = p->decls.items[i];
		switch (d->kind) {
		case D_AGREEMENT:
			if (d->at.file->id != 0) {
				diag_error(k->dg, d->at, "an imported file may not hold the 'agreement' header");
			} else if (c->agreement) {
				diag_error(k->dg, d->at, "a second 'agreement' header");
				diag_note(k->dg, c->agreement->at, "the first is here");
			} else {
				c->agreement = d;
			}
			break;
		case D_ENUM: {
			d->index = (uint32_t)c->enums.len;
			vec_push(k->ar, &c->enums, d);
			declare(k, d, d->name_at);
			break;
		}
		case D_DEFINE:
			d->index = (uint32_t)c->defines.len;
			vec_push(k->ar, &c->defines, d);
			declare(k, d, d->name_at);
			break;
		case D_TABLE:
			d->index = (uint32_t)c->tables.len;
			vec_push(k->ar, &c->tables, d);
			declare(k, d, d->name_at);
			break;
		case D_REQUEST:
			for (size_t j = 0; j < d->fields.len; j++) {
				decl *f = d->fields.items[j];
				f->index = (uint32_t)c->fields.len;
				vec_push(k->ar, &c->fields, f);
				/* a request's "id" is its identifier in JSON Lines:
				 * a field of that name could never be given */
				if (!strcmp(f->name, "id"))
					diag_error(k->dg, f->at, "a request field cannot be named 'id': "
					           "in a JSON request \"id\" is the request's identifier");
				declare(k, f, f->at);
			}
			break;
		case D_OBLIGATION:
			d->index = (uint32_t)c->obligs.len;
			vec_push(k->ar, &c->obligs, d);
			declare(k, d, d->name_at);
			break;
		case D_ARTICLE: {
			decl *old = pmap_get(&k->articles, d->name);
			if (old) {
				diag_error(k->dg, d->name_at, "duplicate article label '%s'", d->name);
				diag_note(k->dg, old->name_at, "first used here");
			} else {
				pmap_put(&k->articles, d->name, d);
			}
			d->index = (uint32_t)c->articles.len;
			vec_push(k->ar, &c->articles, d);
			article = d;
			article_file = d->at.file;
			break;
		}
		case D_CLAUSE: {
			decl *old = pmap_get(&k->labels, d->name);
			if (old) {
				diag_error(k->dg, d->name_at, "duplicate clause label '%s'", d->name);
				diag_note(k->dg, old->name_at, "first used here");
			} else {
				pmap_put(&k->labels, d->name, d);
			}
			/* a reservation or declaration belongs to its Party,
			 * not to the article above it */
			d->article = d->clause_kind == CK_CLAUSE && article_file == d->at.file ? article : NULL;
			d->index = (uint32_t)c->clauses.len;
			vec_push(k->ar, &c->clauses, d);
			break;
		}
		case D_FIXTURE:
			vec_push(k->ar, &c->fixtures, d);
			declare(k, d, d->name_at);
			break;
		case D_TEST:
			unique_title(k, &k->tests, d, "test");
			vec_push(k->ar, &c->tests, d);
			break;
		case D_ASSERT:
			unique_title(k, &k->asserts, d, "assert");
			vec_push(k->ar, &c->asserts, d);
			break;
		default:
			break;
		}
	}
	/* enum members, after all enums are known */
	k->enum_members = xcalloc(c->enums.len ? c->enums.len : 1, sizeof(pmap));
	for (size_t i = 0; i < c->enums.len; i++) {
		decl *en = c->enums.items[i];
		if (en->members.len == 0)
			diag_error(k->dg, en->name_at, "enum '%s' has no members", en->name);
		for (size_t j = 0; j < en->members.len; j++) {
			binding *m = en->members.items[j];
			int old = member_index(k, en, m->name);
			if (old >= 0) {
				binding *f = en->members.items[old];
				diag_error(k->dg, m->at, "duplicate member '%s' in enum '%s'", m->name, en->name);
				diag_note(k->dg, f->at, "first listed here");
				continue;
			}
			pmap_put(&k->enum_members[i], m->name, (void *)(uintptr_t)(j + 1));
			member_ref *r = arena_alloc(k->ar, sizeof *r);
			r->en = en;
			r->index = (uint32_t)j;
			r->next = pmap_get(&k->members, m->name);
			pmap_put(&k->members, m->name, r);
		}
	}
}

/* `on O, ...` and `by requesting|requested` of an obligation. */
static void check_oblig_parts(ck *k, decl *d)
{
	d->on_mask = d->on.len ? 0 : LP_ON_DEFAULT;
	for (size_t j = 0; j < d->on.len; j++) {
		binding *b = d->on.items[j];
		int o = -1;
		for (int x = 0; x < PO__COUNT; x++)
			if (!strcmp(b->name, lp_outcome_names[x]))
				o = x;
		if (o < 0) {
			diag_error(k->dg, b->at, "'%s' is not an outcome: 'on' takes grant, refer or refuse", b->name);
			continue;
		}
		if (d->on_mask & (1u << o))
			diag_error(k->dg, b->at, "outcome '%s' is listed twice", b->name);
		d->on_mask |= (uint8_t)(1u << o);
	}
	if (d->on.len && !d->on_mask)
		d->on_mask = LP_ON_DEFAULT;   /* reported; spare later stages */
	d->bearer = PB_UNSAID;
	if (d->bearer_name) {
		if (!strcmp(d->bearer_name, "requesting"))
			d->bearer = PB_REQUESTING;
		else if (!strcmp(d->bearer_name, "requested"))
			d->bearer = PB_REQUESTED;
		else
			diag_error(k->dg, d->bearer_at, "'by' names the Party that bears the obligation: "
			           "'requesting' or 'requested', not '%s'", d->bearer_name);
	}
}

static void resolve_types(ck *k)
{
	checked *c = k->c;
	for (size_t i = 0; i < c->defines.len; i++) {
		decl *d = c->defines.items[i];
		if (d->has_type)
			d->ty = resolve_type(k, d->tref.kind, d->tref.name, d->tref.at);
	}
	for (size_t i = 0; i < c->tables.len; i++) {
		decl *d = c->tables.items[i];
		d->ty = resolve_type(k, d->tref.kind, d->tref.name, d->tref.at);
		const typeref *kt = &d->key_ref;
		if (kt->kind != PK_ENUM) {
			diag_error(k->dg, kt->at, "a table's key must be an enum type, not '%s'",
			           kt->kind == PK_SET ? "set" : lp_kind_names[kt->kind]);
			d->key = T_ERR;
		} else {
			d->key = resolve_type(k, PK_ENUM, kt->name, kt->at);
		}
	}
	for (size_t i = 0; i < c->fields.len; i++) {
		decl *d = c->fields.items[i];
		d->ty = resolve_type(k, d->tref.kind, d->tref.name, d->tref.at);
	}
	for (size_t i = 0; i < c->obligs.len; i++) {
		decl *d = c->obligs.items[i];
		check_oblig_parts(k, d);
		if (!d->has_type) {
			d->combine = PC_FLAG;
			d->ty = mk(PK_BOOL, NULL);
			continue;
		}
		d->ty = resolve_type(k, d->tref.kind, d->tref.name, d->tref.at);
		static const char *const ops[] = { "min", "max", "union", "intersect" };
		int op = -1;
		for (int j = 0; j < 4; j++)
			if (strcmp(d->combine_name, ops[j]) == 0)
				op = j;
		if (op < 0) {
			diag_error(k->dg, d->combine_at, "unknown combine operator '%s' (min, max, union or intersect)",
			           d->combine_name);
			/* its values are neither checked nor refused: the one
			 * error says what is wrong */
			d->combine = PC_MIN;
			d->ty = mk(PK__COUNT, NULL);
			continue;
		}
		d->combine = (uint8_t)(PC_MIN + op);
		if (is_err(d->ty))
			continue;
		int ordered = d->ty.kind == PK_INT || d->ty.kind == PK_DAYS ||
		              d->ty.kind == PK_YEARS || d->ty.kind == PK_DATE;
		if ((op < 2 && !ordered) || (op >= 2 && d->ty.kind != PK_SET)) {
			diag_error(k->dg, d->combine_at, "'combine %s' does not apply to '%s' (min and max take int, days, years or date; union and intersect take sets)",
			           d->combine_name, TN(k, d->ty));
		}
	}
}

static void check_header(ck *k)
{
	checked *c = k->c;
	c->f_requesting = pmap_get(&k->globals, intern_str(k->p->names, "requesting_party"));
	c->f_requested = pmap_get(&k->globals, intern_str(k->p->names, "requested_party"));
	c->f_submitted = pmap_get(&k->globals, intern_str(k->p->names, "submitted"));
	if (c->f_requesting && c->f_requesting->kind != D_FIELD)
		c->f_requesting = NULL;
	if (c->f_requested && c->f_requested->kind != D_FIELD)
		c->f_requested = NULL;
	if (c->f_submitted && c->f_submitted->kind != D_FIELD)
		c->f_submitted = NULL;
	if (c->f_submitted && c->f_submitted->ty.kind != PK_DATE)
		c->f_submitted = NULL;
	decl *a = c->agreement;
	if (!a)
		return;
	for (size_t i = 0; i < a->repeated.len; i++) {
		binding *b = a->repeated.items[i];
		diag_error(k->dg, b->at, "'%s' is given twice in the agreement header", b->name);
	}
	if ((a->hdr.has_effective || a->hdr.has_expires) && !c->f_submitted) {
		span at = a->hdr.has_effective ? a->hdr.effective_at : a->hdr.expires_at;
		diag_error(k->dg, at, "'effective' and 'expires' need a request field 'submitted: date'");
	}
	if (a->hdr.has_effective && a->hdr.has_expires && a->hdr.expires < a->hdr.effective)
		diag_error(k->dg, a->hdr.expires_at, "the agreement expires before it takes effect");
	/* `summary by`: the enum fields that, with the two Parties, make the
	 * signature `pacta diff` sums changes up by */
	for (size_t i = 0; i < a->hdr.summary.len; i++) {
		binding *b = a->hdr.summary.items[i];
		decl *f = pmap_get(&k->globals, b->name);
		for (size_t j = 0; j < i; j++)
			if (((binding *)a->hdr.summary.items[j])->name == b->name)
				diag_error(k->dg, b->at, "'%s' is named twice in 'summary by'", b->name);
		if (!f || f->kind != D_FIELD)
			diag_error(k->dg, b->at, "'summary by %s': there is no request field '%s'", b->name, b->name);
		else if (f == c->f_requesting || f == c->f_requested)
			diag_error(k->dg, b->at, "'summary by %s': the Parties are in every summary already", b->name);
		else if (f->ty.kind != PK_ENUM)
			diag_error(k->dg, b->at, "'summary by %s': a summary is by enum fields, and '%s' is not one",
			           b->name, b->name);
	}
	if (a->hdr.summary.len > 16)
		diag_error(k->dg, ((binding *)a->hdr.summary.items[16])->at, "'summary by' names at most 16 fields");
	if (a->hdr.parties.len == 0)
		return;
	binding *p0 = a->hdr.parties.items[0];
	decl *fr = c->f_requesting, *fd = c->f_requested;
	if (!fr || !fd || fr->ty.kind != PK_ENUM || !type_eq(fr->ty, fd->ty)) {
		diag_error(k->dg, p0->at, "'parties' needs request fields 'requesting_party' and 'requested_party' of one enum type");
		return;
	}
	decl *en = fr->ty.en;
	c->party_words = (uint32_t)LP_BITWORDS(en->members.len);
	c->parties = arena_alloc(k->ar, c->party_words * sizeof(uint64_t));
	for (size_t i = 0; i < a->hdr.parties.len; i++) {
		binding *b = a->hdr.parties.items[i];
		int m = member_index(k, en, b->name);
		if (m < 0) {
			lp_suggest sg;
			const char *best = nearest_member(&sg, en, b->name);
			diag_error(k->dg, b->at, "unknown member '%s' of enum '%s'%s", b->name, en->name, dym(k, best));
			fix(k, b->at, &sg);
			vec_push(k->ar, &k->party_meant, (void *)best);
			continue;
		}
		if (lp_bit(c->parties, (size_t)m))
			diag_error(k->dg, b->at, "party '%s' is listed twice", b->name);
		lp_bit_set(c->parties, (size_t)m);
	}
}

/* The Party a label ends with ("7.9.b.XE": XE), when it is one of the
 * agreement's, as reservations and declarations are labelled; else NULL. */
static const char *label_party(ck *k, const char *label)
{
	const char *dot = strrchr(label, '.');
	if (!dot || !k->c->agreement)
		return NULL;
	for (size_t i = 0; i < k->c->agreement->hdr.parties.len; i++) {
		const binding *b = k->c->agreement->hdr.parties.items[i];
		if (!strcmp(b->name, dot + 1))
			return b->name;
	}
	return NULL;
}

/* The clauses labelled under `label` ("3.1.a", "3.1.b" under "3.1"), in
 * words ("3.1.a and 3.1.b are", at most five named), or NULL. */
static const char *sub_labels(ck *k, const char *label)
{
	size_t n = strlen(label), count = 0;
	const char *names[6];
	for (size_t i = 0; i < k->c->clauses.len; i++) {
		const decl *cl = k->c->clauses.items[i];
		if (cl->name && !strncmp(cl->name, label, n) && cl->name[n] == '.' && cl->name[n + 1]) {
			if (count < 6)
				names[count] = cl->name;
			count++;
		}
	}
	if (!count)
		return NULL;
	if (count == 1)
		return arena_printf(k->ar, "%s is", names[0]);
	const char *s = names[0];
	size_t shown = count > 5 ? 4 : count;
	for (size_t i = 1; i + 1 < shown; i++)
		s = arena_printf(k->ar, "%s, %s", s, names[i]);
	return count > 5 ? arena_printf(k->ar, "%s, %s and %zu more are", s, names[shown - 1], count - shown)
	                 : arena_printf(k->ar, "%s and %s are", s, names[shown - 1]);
}

static decl *find_clause(ck *k, label_ref *l)
{
	decl *d = pmap_get(&k->labels, l->label);
	if (!d) {
		lp_suggest sg;
		const char *best = nearest_label(k, &sg, l->label);
		const char *party = label_party(k, l->label), *best_party = best ? label_party(k, best) : NULL;
		decl *art = pmap_get(&k->articles, l->label);
		if (art) {
			/* `exempts 2`, `by 2`: the article, not a clause of it */
			const char *first = NULL;
			for (size_t i = 0; !first && i < k->c->clauses.len; i++) {
				decl *cl = k->c->clauses.items[i];
				if (cl->article == art)
					first = cl->name;
			}
			if (first)
				diag_error(k->dg, l->at, "'%s' is an article, and only a clause is named here (such as '%s')",
				           l->label, first);
			else
				diag_error(k->dg, l->at, "'%s' is an article, and only a clause is named here", l->label);
		} else if (party && (!best_party || strcmp(best_party, party))) {
			/* another Party's reservation is not what was meant: the
			 * file with this one's is missing, more likely */
			diag_error(k->dg, l->at, "no clause, reservation or declaration is labelled '%s' (is the file with "
			           "%s's reservations and declarations imported?)", l->label, party);
		} else if (sub_labels(k, l->label)) {
			/* `exempts 3.1` where 3.1.a, 3.1.b are the clauses */
			diag_error(k->dg, l->at, "no clause is labelled '%s', but %s: name the one meant, or each",
			           l->label, sub_labels(k, l->label));
		} else {
			diag_error(k->dg, l->at, "no clause is labelled '%s'%s", l->label, dym_labels(k, &sg, best));
			fix_label(k, l->at, &sg);
		}
	}
	l->clause = d;
	return d;
}

/* The Party of a reservation or declaration: one of the agreement's. */
static void check_owner(ck *k, decl *d)
{
	checked *c = k->c;
	const char *what = lp_clause_kind_names[d->clause_kind];
	d->owner_index = UINT32_MAX;
	if (!c->parties) {
		diag_error(k->dg, d->owner_at, "a %s belongs to a Party, but the agreement lists no 'parties'", what);
		return;
	}
	decl *en = c->f_requesting->ty.en;
	int m = member_index(k, en, d->owner);
	if (m < 0 || !lp_bit(c->parties, (size_t)m)) {
		/* `parties xa, XB` and `declaration XA`: the header's error
		 * is the one mistake, said there */
		for (size_t i = 0; i < k->party_meant.len; i++) {
			const char *meant = k->party_meant.items[i];
			if (!meant || !strcmp(meant, d->owner))
				return;
		}
		char *list = NULL;
		const char *same = NULL;   /* a Party written in other case: `declaration xb` */
		for (size_t i = 0; i < c->agreement->hdr.parties.len; i++) {
			const binding *b = c->agreement->hdr.parties.items[i];
			list = list ? arena_printf(k->ar, "%s, %s", list, b->name) : arena_printf(k->ar, "%s", b->name);
			if (!strcasecmp(b->name, d->owner))
				same = b->name;
		}
		if (same) {
			diag_error(k->dg, d->owner_at, "'%s' is not a party to the agreement, so it cannot make a %s; did "
			           "you mean '%s'?", d->owner, what, same);
			diag_fix(k->dg, d->owner_at, same);
			return;
		}
		diag_error(k->dg, d->owner_at, "'%s' is not a party to the agreement, so it cannot make a %s (the parties are %s)",
		           d->owner, what, list ? list : "none");
		diag_note(k->dg, ((const binding *)c->agreement->hdr.parties.items[0])->at, "the parties are listed here");
		return;
	}
	d->owner_index = (uint32_t)m;
}

static void check_clauses(ck *k)
{
	checked *c = k->c;
	for (size_t i = 0; i < c->clauses.len; i++) {
		decl *d = c->clauses.items[i];
		if (d->clause_kind != CK_CLAUSE)
			check_owner(k, d);
		else if (d->text)
			diag_error(k->dg, d->text_at, "a clause has no text of its own (its article's text is its text); "
			           "'text' goes with a reservation or a declaration");
		for (size_t j = 0; j < d->repeated.len; j++) {
			binding *b = d->repeated.items[j];
			diag_error(k->dg, b->at, "'%s' is given twice for %s '%s'", b->name,
			           lp_clause_kind_names[d->clause_kind], d->name);
		}
		if ((d->has_from || d->has_sunset) && !c->f_submitted)
			diag_error(k->dg, d->has_from ? d->from_at : d->sunset_at,
			           "'from' and 'sunset' need a request field 'submitted: date'");
		if (d->has_from && d->has_sunset && d->sunset < d->from)
			diag_error(k->dg, d->sunset_at, "%s '%s' ends before it begins",
			           lp_clause_kind_names[d->clause_kind], d->name);
		for (size_t j = 0; j < d->rules.len; j++) {
			rule *r = d->rules.items[j];
			r->index = (uint32_t)c->rules.len;
			vec_push(k->ar, &c->rules, r);
			if (r->when)
				check_cond(k, r->when, "a 'when' condition");
			if (r->unless)
				check_cond(k, r->unless, "an 'unless' condition");
			if (r->action == PA_EXEMPTS) {
				for (size_t m = 0; m < r->labels.len; m++) {
					label_ref *l = r->labels.items[m];
					find_clause(k, l);
				}
			}
			if (r->action != PA_OBLIGE)
				continue;
			decl *o = pmap_get(&k->globals, r->oblig);
			if (!o || o->kind != D_OBLIGATION) {
				/* a name of another kind: no guess */
				lp_suggest sg;
				const char *best = nearest(k, &sg, r->oblig, o ? 0 : DK(D_OBLIGATION), 0);
				diag_error(k->dg, r->oblig_at, "undeclared obligation '%s'%s", r->oblig, dym(k, best));
				fix(k, r->oblig_at, &sg);
				if (o)
					diag_note(k->dg, o->name_at, "'%s' is %s", r->oblig, decl_what(o->kind));
				continue;
			}
			r->oblig_decl = o;
			if (is_err(o->ty)) {
				/* its declaration is in error: said there */
			} else if (o->combine == PC_FLAG && r->value) {
				diag_error(k->dg, r->value->at, "obligation '%s' is a flag and takes no value", o->name);
			} else if (o->combine != PC_FLAG && !r->value) {
				diag_error(k->dg, r->oblig_at, "obligation '%s' needs a value of type '%s'", o->name, TN(k, o->ty));
			} else if (r->value && !is_err(o->ty)) {
				check_root(k, r->value, &o->ty);
			}
		}
	}
}

/* Every clause left out of the exemption order has a predecessor (a clause
 * that exempts it) that was left out too, so walking predecessors from any
 * of them must run into a cycle.  Each cycle is reported once, in the
 * direction of the `exempts` edges, at the edge that closes it. */
static void report_cycles(ck *k, const uint8_t *done)
{
	checked *c = k->c;
	size_t n = c->clauses.len;
	uint32_t *pred = xmalloc(n * sizeof *pred);
	label_ref **via = xcalloc(n, sizeof *via);   /* the edge pred -> this */
	for (size_t i = 0; i < n; i++)
		pred[i] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		if (done[i])
			continue;
		decl *d = c->clauses.items[i];
		for (size_t j = 0; j < d->rules.len; j++) {
			rule *r = d->rules.items[j];
			if (r->action != PA_EXEMPTS)
				continue;
			for (size_t m = 0; m < r->labels.len; m++) {
				label_ref *l = r->labels.items[m];
				if (l->clause && !done[l->clause->index] &&
				    pred[l->clause->index] == UINT32_MAX) {
					pred[l->clause->index] = (uint32_t)i;
					via[l->clause->index] = l;
				}
			}
		}
	}
	uint32_t *walk = xcalloc(n, sizeof *walk);   /* 0: unseen, else walk id */
	uint32_t *path = xmalloc(n * sizeof *path);
	for (size_t s0 = 0; s0 < n; s0++) {
		if (done[s0] || walk[s0])
			continue;
		size_t len = 0;
		uint32_t cur = (uint32_t)s0;
		while (cur != UINT32_MAX && !walk[cur]) {
			walk[cur] = (uint32_t)s0 + 1;
			path[len++] = cur;
			cur = pred[cur];
		}
		if (cur == UINT32_MAX || walk[cur] != s0 + 1)
			continue;   /* ran into a cycle found by an earlier walk */
		/* path holds cur ... back to cur's successor on the cycle, in
		 * reverse edge order; print it forwards from cur */
		size_t from = 0;
		while (path[from] != cur)
			from++;
		char *names = arena_printf(k->ar, "%s", ((decl *)c->clauses.items[cur])->name);
		for (size_t i = len; i-- > from + 1;)
			names = arena_printf(k->ar, "%s -> %s", names,
			                     ((decl *)c->clauses.items[path[i]])->name);
		names = arena_printf(k->ar, "%s -> %s", names, ((decl *)c->clauses.items[cur])->name);
		diag_error(k->dg, via[cur]->at, "exemption cycle: %s", names);
		for (size_t i = len; i-- > from + 1;) {
			uint32_t v = path[i];
			diag_note(k->dg, via[v]->at, "'%s' exempts '%s' here",
			          ((decl *)c->clauses.items[pred[v]])->name, via[v]->label);
		}
	}
	free(path);
	free(walk);
	free(via);
	free(pred);
}

/* Exemption order: a clause comes after every clause that may exempt it.
 * Kahn's algorithm, taking the lowest clause index first, so the order is
 * deterministic; what remains is on or behind a cycle. */
static void order_exemptions(ck *k)
{
	checked *c = k->c;
	size_t n = c->clauses.len;
	uint32_t *indeg = xcalloc(n ? n : 1, sizeof *indeg);
	for (size_t i = 0; i < n; i++) {
		decl *d = c->clauses.items[i];
		for (size_t j = 0; j < d->rules.len; j++) {
			rule *r = d->rules.items[j];
			if (r->action != PA_EXEMPTS)
				continue;
			for (size_t m = 0; m < r->labels.len; m++) {
				label_ref *l = r->labels.items[m];
				if (l->clause)
					indeg[l->clause->index]++;
			}
		}
	}
	c->order = arena_alloc(k->ar, (n ? n : 1) * sizeof(uint32_t));
	uint8_t *done = xcalloc(n ? n : 1, 1);
	size_t out = 0;
	/* a simple binary heap of ready clause indexes */
	uint32_t *heap = xmalloc((n ? n : 1) * sizeof *heap);
	size_t hn = 0;
#define HPUSH(x) do { size_t _i = hn++; heap[_i] = (x); \
	while (_i && heap[(_i - 1) / 2] > heap[_i]) { uint32_t _t = heap[_i]; \
	heap[_i] = heap[(_i - 1) / 2]; heap[(_i - 1) / 2] = _t; _i = (_i - 1) / 2; } } while (0)
	for (size_t i = 0; i < n; i++)
		if (!indeg[i])
			HPUSH((uint32_t)i);
	while (hn) {
		uint32_t top = heap[0];
		heap[0] = heap[--hn];
		for (size_t i = 0;;) {
			size_t l = 2 * i + 1, r = l + 1, m = i;
			if (l < hn && heap[l] < heap[m])
				m = l;
			if (r < hn && heap[r] < heap[m])
				m = r;
			if (m == i)
				break;
			uint32_t t = heap[i];
			heap[i] = heap[m];
			heap[m] = t;
			i = m;
		}
		c->order[out++] = top;
		done[top] = 1;
		decl *d = c->clauses.items[top];
		for (size_t j = 0; j < d->rules.len; j++) {
			rule *r = d->rules.items[j];
			if (r->action != PA_EXEMPTS)
				continue;
			for (size_t m = 0; m < r->labels.len; m++) {
				label_ref *l = r->labels.items[m];
				if (l->clause && --indeg[l->clause->index] == 0)
					HPUSH(l->clause->index);
			}
		}
	}
#undef HPUSH
	if (out < n)
		report_cycles(k, done);
	free(heap);
	free(done);
	free(indeg);
}

/* ---- fixtures and tests ---- */

/* Applies a `given` list onto `vals` (one binding per field, or NULL).
 * Problems inside a fixture are reported once, when the fixture itself is
 * checked, not again for every test that names it (`report` is 0 there).
 * Returns the number of problems met. */
static int apply_given(ck *k, vec *given, binding **vals, int depth, int report,
                       int report_cycles)
{
	int bad = 0;
	for (size_t i = 0; i < given->len; i++) {
		binding *b = given->items[i];
		decl *d = pmap_get(&k->globals, b->name);
		if (!b->value) {
			if (!d || d->kind != D_FIXTURE) {
				if (report && d) {
					diag_error(k->dg, b->at, "'%s' is not a fixture", b->name);
				} else if (report) {
					lp_suggest sg;
					const char *best = nearest(k, &sg, b->name, DK(D_FIXTURE), 0);
					diag_error(k->dg, b->at, "unknown fixture '%s'%s", b->name, dym(k, best));
					fix(k, b->at, &sg);
				}
				bad++;
				continue;
			}
			if (d->state == 1 || depth > 64) {
				if (report || report_cycles)
					diag_error(k->dg, b->at, "fixture '%s' includes itself", b->name);
				bad++;
				continue;
			}
			d->state = 1;
			bad += apply_given(k, &d->given, vals, depth + 1, 0, report_cycles);
			d->state = 0;
			continue;
		}
		if (!d || d->kind != D_FIELD) {
			if (report && d) {
				diag_error(k->dg, b->at, "'%s' is not a request field", b->name);
			} else if (report) {
				lp_suggest sg;
				const char *best = nearest(k, &sg, b->name, DK(D_FIELD), 0);
				diag_error(k->dg, b->at, "unknown request field '%s'%s", b->name, dym(k, best));
				fix(k, b->at, &sg);
			}
			bad++;
			continue;
		}
		b->decl = d;
		/* a field given twice in one list: which value is meant?
		 * (one given by a fixture the list names is overridden) */
		for (size_t j = 0; report && j < i; j++) {
			const binding *e = given->items[j];
			if (e->value && !strcmp(e->name, b->name)) {
				diag_error(k->dg, b->at, "'%s' is given twice: a request gives each field one value (one "
				           "given here overrides a fixture's, not one given beside it)", b->name);
				diag_note(k->dg, e->at, "'%s' is given here first", b->name);
				bad++;
				break;
			}
		}
		vals[d->index] = b;
	}
	return bad;
}

static void check_given_values(ck *k, vec *given)
{
	for (size_t i = 0; i < given->len; i++) {
		binding *b = given->items[i];
		if (!b->value)
			continue;
		decl *d = pmap_get(&k->globals, b->name);
		if (d && d->kind == D_FIELD && !is_err(d->ty))
			check_const(k, b->value, &d->ty);
	}
}

/* `expect O [by ...] discretionary L, ...`: only a referral by clauses has
 * discretionary grounds, and each is one of the grounds `by` lists. */
static void check_discretionary(ck *k, decl *t)
{
	if (!t->has_discretionary)
		return;
	label_ref *l0 = t->discretionary.items[0];
	if (t->expect_outcome != PO_REFER) {
		/* a clause named that has no `may refuse`: the test's mistake is
		 * the word, not the outcome */
		for (size_t j = 0; j < t->discretionary.len; j++) {
			label_ref *l = t->discretionary.items[j];
			decl *cl = pmap_get(&k->labels, l->label);
			int may = 0, refuses = 0;
			for (size_t r = 0; cl && r < cl->rules.len; r++) {
				may |= ((rule *)cl->rules.items[r])->action == PA_MAY_REFUSE;
				refuses |= ((rule *)cl->rules.items[r])->action == PA_REFUSE;
			}
			if (cl && !may && refuses) {
				diag_error(k->dg, l->at, "clause '%s' has no 'may refuse': a refusal by it is mandatory, "
				           "not discretionary (leave '%s' out of 'discretionary')", l->label, l->label);
				return;
			}
			if (cl && !may) {
				diag_error(k->dg, l->at, "clause '%s' refuses nothing, so it is no discretionary ground: "
				           "only a 'may refuse' is (leave '%s' out of 'discretionary')", l->label, l->label);
				return;
			}
		}
		diag_error(k->dg, l0->at, "only a referral has discretionary grounds: a 'may refuse' that fired "
		           "makes the outcome 'refer' (write 'expect refer')");
		return;
	}
	if (t->expect_by == EXPECT_DEFAULT || t->expect_by == EXPECT_AGREEMENT) {
		diag_error(k->dg, l0->at, "a decision by %s has no discretionary grounds",
		           t->expect_by == EXPECT_DEFAULT ? "default" : "agreement");
		return;
	}
	for (size_t j = 0; j < t->discretionary.len; j++) {
		label_ref *l = t->discretionary.items[j];
		if (!find_clause(k, l) || t->expect_by != EXPECT_LABELS)
			continue;
		int listed = 0;
		for (size_t m = 0; m < t->by.len; m++)
			listed |= ((label_ref *)t->by.items[m])->clause == l->clause;
		if (!listed)
			diag_error(k->dg, l->at, "'%s' is expected to be a discretionary ground, but 'by' does not list it as a ground",
			           l->label);
	}
}

/* The tests after the first that leave the same fields unset, said once. */
static void more_unset(ck *k, const char *names, size_t more, const char *lines, span at)
{
	if (!more)
		return;
	diag_error(k->dg, at, "%zu more test%s (line%s %s) leave%s %s unset as well: give %s in the fixture "
	           "they start from, or in each test", more, more == 1 ? "" : "s", more == 1 ? "" : "s",
	           lines, more == 1 ? "s" : "", names, strchr(names, ',') ? "them" : "it");
}

static void check_tests(ck *k)
{
	checked *c = k->c;
	binding **vals = xcalloc(c->fields.len + 1, sizeof *vals);
	for (size_t i = 0; i < c->fixtures.len; i++) {
		decl *f = c->fixtures.items[i];
		check_given_values(k, &f->given);
		/* its own values, reported here once */
		f->state = 1;
		apply_given(k, &f->given, vals, 0, 1, 1);
		f->state = 0;
	}
	/* tests that leave the same fields unset as one said before: said
	 * once, together, at the first of them (a fixture that lacks a
	 * field would otherwise give an error for every test) */
	const char *said = NULL, *more_lines = NULL;
	size_t more = 0;
	span more_at = { 0 };
	for (size_t i = 0; i < c->tests.len; i++) {
		decl *t = c->tests.items[i];
		check_given_values(k, &t->given);
		memset(vals, 0, (c->fields.len + 1) * sizeof *vals);
		if (apply_given(k, &t->given, vals, 0, 1, 0))
			continue;   /* what is missing cannot be told */
		char *names = NULL;
		decl *first = NULL;
		size_t missing = 0;
		for (size_t j = 0; j < c->fields.len; j++) {
			decl *f = c->fields.items[j];
			if (vals[j] || f->value)
				continue;
			names = names ? arena_printf(k->ar, "%s, '%s'", names, f->name)
			              : arena_printf(k->ar, "'%s'", f->name);
			first = first ? first : f;
			missing++;
		}
		uint32_t tl = 0, tc = 0;
		span_linecol(t->name_at, &tl, &tc);
		if (missing && said && !strcmp(said, names)) {
			more_lines = more ? arena_printf(k->ar, "%s, %u", more_lines, tl) : arena_printf(k->ar, "%u", tl);
			more_at = more ? more_at : t->name_at;
			more++;
		} else if (missing) {
			more_unset(k, said, more, more_lines, more_at);
			more = 0;
			diag_error(k->dg, t->name_at, "test leaves %s %s unset, with no default",
			           missing == 1 ? "field" : "fields", names);
			diag_note(k->dg, first->at, "'%s' is declared here", first->name);
			said = names;
		}
		for (size_t j = 0; j < t->by.len; j++)
			find_clause(k, t->by.items[j]);
		check_discretionary(k, t);
		for (size_t j = 0; j < t->with.len; j++) {
			binding *b = t->with.items[j];
			decl *o = pmap_get(&k->globals, b->name);
			if (!o || o->kind != D_OBLIGATION) {
				lp_suggest sg;
				const char *best = nearest(k, &sg, b->name, o ? 0 : DK(D_OBLIGATION), 0);
				diag_error(k->dg, b->at, "undeclared obligation '%s'%s", b->name, dym(k, best));
				fix(k, b->at, &sg);
				continue;
			}
			b->decl = o;
			if (o->combine == PC_FLAG && b->value && !is_err(o->ty))
				diag_error(k->dg, b->value->at, "obligation '%s' is a flag and takes no value", o->name);
			else if (b->value && !is_err(o->ty))
				check_const(k, b->value, &o->ty);
		}
	}
	more_unset(k, said, more, more_lines, more_at);
	free(vals);
}

/* assert "name" always P | never P: P is a condition on the request and
 * its decision.  assert reciprocal: the agreement has Parties to swap. */
static void check_asserts(ck *k)
{
	checked *c = k->c;
	for (size_t i = 0; i < c->asserts.len; i++) {
		decl *d = c->asserts.items[i];
		/* `always` and `never` are not reserved: a drafter may name
		 * an obligation `never` */
		if (d->assert_word) {
			d->assert_kind = strcmp(d->assert_word, "never") ? ASSERT_ALWAYS : ASSERT_NEVER;
			if (strcmp(d->assert_word, "always") && strcmp(d->assert_word, "never"))
				diag_error(k->dg, d->assert_word_at, "an assert says 'always' or 'never' before its "
				           "property, not '%s'", d->assert_word);
		}
		if (d->assert_kind == ASSERT_RECIPROCAL) {
			if (!c->parties)
				diag_error(k->dg, d->at, "'assert reciprocal' swaps the requesting and the requested Party, "
				           "but the agreement lists no 'parties'");
			continue;
		}
		k->assert_ctx = 1;
		check_cond(k, d->value, "an assert's property");
		k->assert_ctx = 0;
	}
}

checked *check_program(program *p)
{
	MAX_EXPR_DEPTH = (uint32_t)env_limit("PACTA_MAX_DEPTH", 1000, 1, 100000);
	checked *c = arena_alloc(p->ar, sizeof *c);
	c->p = p;
	ck k = { 0 };
	k.c = c;
	k.p = p;
	k.ar = p->ar;
	k.dg = p->dg;
	collect(&k);
	resolve_types(&k);
	check_header(&k);
	for (size_t i = 0; i < c->fields.len; i++) {
		decl *d = c->fields.items[i];
		if (d->value && !is_err(d->ty))
			check_const(&k, d->value, &d->ty);
	}
	for (size_t i = 0; i < c->defines.len; i++)
		check_define(&k, c->defines.items[i]);
	for (size_t i = 0; i < c->tables.len; i++)
		check_table(&k, c->tables.items[i]);
	check_clauses(&k);
	order_exemptions(&k);
	check_tests(&k);
	check_asserts(&k);
	for (size_t i = 0; i < c->enums.len; i++)
		pmap_free(&k.enum_members[i]);
	free(k.enum_members);
	pmap_free(&k.globals);
	pmap_free(&k.types);
	pmap_free(&k.members);
	pmap_free(&k.labels);
	pmap_free(&k.articles);
	pmap_free(&k.tests);
	pmap_free(&k.asserts);
	return c;
}
