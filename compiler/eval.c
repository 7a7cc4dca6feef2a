/*
 * eval.c — the reference evaluator: the decision procedure, step by step.
 *
 * It decides one request over the lowered program (lower.c), walking the
 * rules' typed expressions, and fills the runtime's decision buffer
 * (runtime/model.h), the same one the native modules fill, so that every
 * other backend can be compared with it.  It is written for clarity: the
 * steps below are numbered as in docs/language.md, "How a request is
 * decided".  Defines that read the request are computed at most once per
 * request (a cache stamped with a generation); constant ones were folded
 * by lower.c.  Set temporaries come from a scratch stack sized when the
 * evaluator is made, so deciding a request allocates nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "pactac.h"

struct evaluator {
	const lw_program *lw;
	const uint64_t *req;
	uint64_t *scratch;       /* set temporaries, a stack */
	size_t sp, cap;
	uint64_t *dcache;        /* define values, at cache_slot[define] */
	uint32_t *cache_slot;
	uint32_t *dgen;          /* per define: generation it was computed in */
	uint32_t gen;
	uint8_t *in_force;       /* per clause, for the current request */
	const lp_decision_buf *dec;   /* eval_property: the decision its facts read */
};

static void ev_value(evaluator *ev, const expr *e, uint64_t *out);
static int64_t ev_scalar(evaluator *ev, const expr *e);

static uint32_t W(const expr *e)
{
	return type_words(e->ty);
}

/* Scratch words a set expression needs beyond its own output. */
static size_t need(const expr *e)
{
	if (!e)
		return 0;
	size_t n = need(e->a), m = need(e->b), o = need(e->c);
	size_t x = n > m ? n : m;
	x = x > o ? x : o;
	for (uint32_t i = 0; i < e->nelem; i++) {
		size_t y = need(e->elem[i]);
		x = x > y ? x : y;
	}
	switch (e->kind) {
	case E_EQ:
	case E_NE:
	case E_OVERLAPS:
	case E_WITHIN:
		return e->a->ty.kind == PK_SET ? x + 2 * (size_t)W(e->a) : x;
	case E_IN:
	case E_NOTIN:
		return x + W(e->b);
	case E_UNION:
	case E_INTER:
	case E_SUB:
		return e->ty.kind == PK_SET ? x + W(e) : x;
	default:
		return x;
	}
}

static size_t rule_need(const lw_rule *r)
{
	size_t a = need(r->when), b = need(r->unless), c = need(r->value);
	size_t x = a > b ? a : b;
	return (x > c ? x : c) + (r->value ? W(r->value) : 0);
}

evaluator *eval_new(const lw_program *lw)
{
	evaluator *ev = xcalloc(1, sizeof *ev);
	ev->lw = lw;
	size_t cap = 16, slots = 0;
	ev->cache_slot = xcalloc(lw->ndefines + 1, sizeof *ev->cache_slot);
	for (uint32_t i = 0; i < lw->ndefines; i++) {
		const lw_define *d = &lw->defines[i];
		ev->cache_slot[i] = (uint32_t)slots;
		slots += type_words(d->ty);
		/* a define is computed into its cache, its temporaries on top
		 * of whatever is on the stack when it is first used */
		cap += need(d->value);
	}
	for (uint32_t i = 0; i < lw->ntables; i++) {
		const lw_table *t = &lw->tables[i];
		for (uint32_t k = 0; k < t->nkeys; k++)
			cap += need(t->by_key[k]) + type_words(t->ty);
	}
	size_t rmax = 0;
	for (uint32_t i = 0; i < lw->schema.nrules; i++) {
		size_t n = rule_need(&lw->rules[i]);
		rmax = n > rmax ? n : rmax;
	}
	for (uint32_t i = 0; i < lw->nasserts; i++) {
		size_t n = need(lw->asserts[i].prop);
		rmax = n > rmax ? n : rmax;
	}
	ev->cap = cap + rmax;
	ev->scratch = xcalloc(ev->cap, sizeof(uint64_t));
	ev->dcache = xcalloc(slots + 1, sizeof(uint64_t));
	ev->dgen = xcalloc(lw->ndefines + 1, sizeof(uint32_t));
	ev->in_force = xcalloc(lw->schema.nclauses + 1, 1);
	return ev;
}

void eval_free(evaluator *ev)
{
	if (!ev)
		return;
	free(ev->scratch);
	free(ev->dcache);
	free(ev->dgen);
	free(ev->in_force);
	free(ev->cache_slot);
	free(ev);
}

static uint64_t *push(evaluator *ev, size_t n)
{
	/* need() sized the stack; running out is a bug, not bad input */
	if (ev->sp + n > ev->cap) {
		fputs("pacta: internal error: evaluator scratch overflow\n", stderr);
		abort();
	}
	uint64_t *p = ev->scratch + ev->sp;
	ev->sp += n;
	return p;
}

static const uint64_t *ev_define(evaluator *ev, uint32_t i)
{
	const lw_define *d = &ev->lw->defines[i];
	if (d->folded)
		return d->folded;
	uint64_t *slot = ev->dcache + ev->cache_slot[i];
	if (ev->dgen[i] != ev->gen) {
		ev_value(ev, d->value, slot);
		ev->dgen[i] = ev->gen;
	}
	return slot;
}

static const expr *table_entry(evaluator *ev, const expr *e)
{
	int64_t key = ev_scalar(ev, e->a);
	return ev->lw->tables[e->index].by_key[key];
}

/* ---- the decision's facts, which only asserts read (eval_property) ---- */

static int imposed(const evaluator *ev, uint32_t oblig)
{
	uint32_t si = ev->lw->obligs[oblig].schema;
	return si != LW_NONE && lp_bit(ev->dec->oblig_set, si);
}

/* An obligation's value: its combined value when the decision imposes
 * it, else what combining no values gives (docs/language.md, Guarantees):
 * no limit for min, none for max, {} for union, every member for
 * intersect. */
static void oblig_value(evaluator *ev, const expr *e, uint64_t *out)
{
	const lw_oblig *o = &ev->lw->obligs[e->index];
	size_t n = W(e);
	if (o->combine == PC_FLAG) {
		out[0] = (uint64_t)imposed(ev, e->index);
	} else if (imposed(ev, e->index)) {
		memcpy(out, ev->dec->oblig_val + ev->lw->schema.obligs[o->schema].slot, n * 8);
	} else if (o->combine == PC_UNION || o->combine == PC_INTERSECT) {
		memset(out, 0, n * 8);
		if (o->combine == PC_INTERSECT)
			for (uint32_t m = 0; m < type_members(o->ty); m++)
				lp_bit_set(out, m);
	} else {
		int min = o->combine == PC_MIN, date = o->ty.kind == PK_DATE;
		out[0] = (uint64_t)(min ? (date ? LP_DATE_MAX : INT64_MAX) : (date ? LP_DATE_MIN : INT64_MIN));
	}
}

static int fact(evaluator *ev, const expr *e)
{
	const lp_decision_buf *d = ev->dec;
	switch (e->kind) {
	case E_OUTCOME:
		return (int)(e->ival >> d->outcome & 1);
	case E_GROUNDED:
		return d->ground == e->ival && (e->ival != PG_CLAUSES || lp_bit(d->grounds, e->index));
	case E_DISCRETIONARY:
		return d->ground == PG_CLAUSES && lp_bit(d->discretionary, e->index);
	case E_EXEMPTED:
		return lp_bit(d->exempted, e->index);
	case E_FIRED: {
		const lw_clause *cl = &ev->lw->clauses[e->index];
		for (uint32_t r = cl->rule0; r < cl->rule0 + cl->nrules; r++)
			if (lp_bit(d->fired, r))
				return 1;
		return 0;
	}
	default:
		return imposed(ev, e->index);
	}
}

static int64_t ev_scalar(evaluator *ev, const expr *e)
{
	switch (e->kind) {
	case E_INT:
	case E_DUR:
	case E_DATE:
	case E_BOOL:
		return e->ival;
	case E_NAME:
		if (e->ref == REF_MEMBER)
			return e->member;
		if (e->ref == REF_FIELD)
			return (int64_t)ev->req[ev->lw->schema.fields[e->index].slot];
		if (e->ref == REF_OBLIG) {
			uint64_t v;
			oblig_value(ev, e, &v);
			return (int64_t)v;
		}
		return (int64_t)ev_define(ev, e->index)[0];
	case E_LOOKUP:
		return ev_scalar(ev, table_entry(ev, e));
	case E_NOT:
		return !ev_scalar(ev, e->a);
	case E_AND:
		return ev_scalar(ev, e->a) && ev_scalar(ev, e->b);
	case E_OR:
		return ev_scalar(ev, e->a) || ev_scalar(ev, e->b);
	case E_IMPLIES:
		return !ev_scalar(ev, e->a) || ev_scalar(ev, e->b);
	case E_OUTCOME:
	case E_GROUNDED:
	case E_DISCRETIONARY:
	case E_EXEMPTED:
	case E_FIRED:
	case E_IMPOSED:
		return fact(ev, e);
	case E_IF:
		return ev_scalar(ev, ev_scalar(ev, e->a) ? e->b : e->c);
	case E_LT:
		return ev_scalar(ev, e->a) < ev_scalar(ev, e->b);
	case E_LE:
		return ev_scalar(ev, e->a) <= ev_scalar(ev, e->b);
	case E_GT:
		return ev_scalar(ev, e->a) > ev_scalar(ev, e->b);
	case E_GE:
		return ev_scalar(ev, e->a) >= ev_scalar(ev, e->b);
	case E_ADD:
	case E_SUB: {
		int64_t a = ev_scalar(ev, e->a), b = ev_scalar(ev, e->b);
		int64_t r = e->kind == E_ADD ? lp_sat_add(a, b) : lp_sat_sub(a, b);
		/* dates saturate at the ends of the calendar, so that every date
		 * a decision holds can be written */
		if (e->ty.kind == PK_DATE)
			r = r < LP_DATE_MIN ? LP_DATE_MIN : r > LP_DATE_MAX ? LP_DATE_MAX : r;
		return r;
	}
	case E_EQ:
	case E_NE:
	case E_OVERLAPS:
	case E_WITHIN: {
		int r;
		if (e->a->ty.kind != PK_SET) {
			r = ev_scalar(ev, e->a) == ev_scalar(ev, e->b);
			return e->kind == E_EQ ? r : !r;
		}
		size_t n = W(e->a), mark = ev->sp;
		uint64_t *x = push(ev, n), *y = push(ev, n);
		ev_value(ev, e->a, x);
		ev_value(ev, e->b, y);
		r = e->kind == E_NE ? 0 : 1;
		int any = 0;
		for (size_t i = 0; i < n; i++) {
			if (x[i] != y[i])
				r = e->kind == E_NE ? 1 : (e->kind == E_EQ ? 0 : r);
			if (x[i] & y[i])
				any = 1;
			if (e->kind == E_WITHIN && (x[i] & ~y[i]))
				r = 0;
		}
		ev->sp = mark;
		return e->kind == E_OVERLAPS ? any : r;
	}
	case E_IN:
	case E_NOTIN: {
		int64_t m = ev_scalar(ev, e->a);
		size_t mark = ev->sp;
		uint64_t *s = push(ev, W(e->b));
		ev_value(ev, e->b, s);
		int r = lp_bit(s, (size_t)m);
		ev->sp = mark;
		return e->kind == E_IN ? r : !r;
	}
	default:
		return 0;
	}
}

/* Writes the value of `e` (W(e) words) into out. */
static void ev_value(evaluator *ev, const expr *e, uint64_t *out)
{
	if (e->ty.kind != PK_SET) {
		out[0] = (uint64_t)ev_scalar(ev, e);
		return;
	}
	size_t n = W(e);
	switch (e->kind) {
	case E_NAME:
		if (e->ref == REF_FIELD)
			memcpy(out, ev->req + ev->lw->schema.fields[e->index].slot, n * 8);
		else if (e->ref == REF_OBLIG)
			oblig_value(ev, e, out);
		else
			memcpy(out, ev_define(ev, e->index), n * 8);
		return;
	case E_SET:
		memset(out, 0, n * 8);
		for (uint32_t i = 0; i < e->nelem; i++)
			lp_bit_set(out, (size_t)ev_scalar(ev, e->elem[i]));
		return;
	case E_LOOKUP:
		ev_value(ev, table_entry(ev, e), out);
		return;
	case E_IF:
		ev_value(ev, ev_scalar(ev, e->a) ? e->b : e->c, out);
		return;
	case E_UNION:
	case E_INTER:
	case E_SUB: {
		size_t mark = ev->sp;
		uint64_t *y = push(ev, n);
		ev_value(ev, e->a, out);
		ev_value(ev, e->b, y);
		for (size_t i = 0; i < n; i++)
			out[i] = e->kind == E_UNION ? out[i] | y[i]
			       : e->kind == E_INTER ? out[i] & y[i] : out[i] & ~y[i];
		ev->sp = mark;
		return;
	}
	default:
		memset(out, 0, n * 8);
		return;
	}
}

/* A rule's condition: `when C unless D` is C and not D. */
static int holds(evaluator *ev, const lw_rule *r)
{
	if (r->when && !ev_scalar(ev, r->when))
		return 0;
	if (r->unless && ev_scalar(ev, r->unless))
		return 0;
	return 1;
}

static void impose(evaluator *ev, const lw_rule *r, lp_decision_buf *d)
{
	const lp_schema *s = &ev->lw->schema;
	const lp_oblig_desc *o = &s->obligs[r->oblig];
	uint32_t oi = r->oblig;
	int first = !lp_bit(d->oblig_set, oi);
	lp_bit_set(d->oblig_set, oi);
	lp_bit_set(d->oblig_src + oi * LP_BITWORDS(s->nclauses), r->clause);
	if (o->combine == PC_FLAG)
		return;
	uint64_t *cur = d->oblig_val + o->slot;
	size_t mark = ev->sp;
	uint64_t *v = push(ev, o->nslots);
	ev_value(ev, r->value, v);
	for (size_t i = 0; i < o->nslots; i++) {
		int64_t a = (int64_t)cur[i], b = (int64_t)v[i];
		switch (first ? PC_FLAG : o->combine) {
		case PC_MIN: cur[i] = (uint64_t)(b < a ? b : a); break;
		case PC_MAX: cur[i] = (uint64_t)(b > a ? b : a); break;
		case PC_UNION: cur[i] |= v[i]; break;
		case PC_INTERSECT: cur[i] &= v[i]; break;
		default: cur[i] = v[i]; break;
		}
	}
	ev->sp = mark;
}

void eval_request(evaluator *ev, const uint64_t *req, lp_decision_buf *d)
{
	const lw_program *lw = ev->lw;
	const lp_schema *s = &lw->schema;
	const lw_scope *sc = &lw->scope;
	lp_decision_clear(s, d);
	ev->req = req;
	ev->sp = 0;
	if (++ev->gen == 0) {
		memset(ev->dgen, 0, (lw->ndefines + 1) * sizeof(uint32_t));
		ev->gen = 1;
	}
	int64_t submitted = sc->f_submitted != LW_NONE ? (int64_t)req[s->fields[sc->f_submitted].slot] : 0;

	/* 0. The agreement binds only its parties, only while in force. */
	if (sc->has_header) {
		int out = 0;
		if (sc->parties) {
			uint64_t a = req[s->fields[sc->f_requesting].slot];
			uint64_t b = req[s->fields[sc->f_requested].slot];
			out = !lp_bit(sc->parties, a) || !lp_bit(sc->parties, b);
		}
		if (sc->has_effective && submitted < sc->effective)
			out = 1;
		if (sc->has_expires && submitted > sc->expires)
			out = 1;
		if (out) {
			d->outcome = PO_REFUSE;
			d->ground = PG_AGREEMENT;
			return;
		}
	}

	/* 1. In force: the submitted date within the clause's window, and a
	 * reservation or declaration in its Party's relations only: a
	 * declaration when that Party is requested, a reservation when it is
	 * either Party (reciprocity: VCLT Art. 21(1)). */
	for (uint32_t i = 0; i < s->nclauses; i++) {
		const lw_clause *cl = &lw->clauses[i];
		int f = !(cl->has_from && submitted < cl->from) &&
		        !(cl->has_sunset && submitted > cl->sunset);
		if (f && cl->owner != LW_NONE) {
			uint64_t a = req[s->fields[sc->f_requesting].slot];
			uint64_t b = req[s->fields[sc->f_requested].slot];
			f = b == cl->owner || (cl->kind == CK_RESERVATION && a == cl->owner);
		}
		ev->in_force[i] = (uint8_t)f;
	}

	/* 2–3. In exemption order, so every clause that could exempt this one
	 * has already been decided: an active clause's rules fire when their
	 * conditions hold; a fired `exempts` deactivates its targets. */
	int strongest = -1;
	for (uint32_t k = 0; k < s->nclauses; k++) {
		uint32_t i = lw->order[k];
		const lw_clause *cl = &lw->clauses[i];
		if (!ev->in_force[i] || lp_bit(d->exempted, i))
			continue;
		for (uint32_t j = cl->rule0; j < cl->rule0 + cl->nrules; j++) {
			const lw_rule *r = &lw->rules[j];
			if (!holds(ev, r))
				continue;
			lp_bit_set(d->fired, j);
			switch (r->action) {
			case PA_EXEMPTS:
				for (uint32_t m = 0; m < r->nexempts; m++) {
					uint32_t t = r->exempts[m];
					/* a clause out of force is inactive anyway;
					 * the trace does not call it exempted */
					if (ev->in_force[t] && !lp_bit(d->exempted, t)) {
						lp_bit_set(d->exempted, t);
						d->exempted_by[t] = i;
					}
				}
				break;
			case PA_OBLIGE:
				impose(ev, r, d);
				break;
			default:
				/* 4. The strongest fired action decides (a `may
				 * refuse` carries refer). */
				if (lp_action_outcome(r->action) > strongest)
					strongest = lp_action_outcome(r->action);
				break;
			}
		}
	}

	if (strongest < 0) {
		d->outcome = s->default_outcome;
		d->ground = PG_DEFAULT;
	} else {
		/* 5. The grounds: clauses with a fired rule carrying the
		 * outcome.  A ground of a referral is discretionary when every
		 * such rule of its clause that fired is a `may refuse`. */
		d->outcome = (uint8_t)strongest;
		d->ground = PG_CLAUSES;
		for (size_t r = 0; r < s->nrules; r++)
			if (lp_action_outcome(s->rules[r].action) == strongest && lp_bit(d->fired, r)) {
				lp_bit_set(d->grounds, s->rules[r].clause);
				if (s->rules[r].action == PA_MAY_REFUSE)
					lp_bit_set(d->discretionary, s->rules[r].clause);
			}
		for (size_t r = 0; r < s->nrules; r++)
			if (s->rules[r].action == PA_REFER && lp_bit(d->fired, r))
				d->discretionary[s->rules[r].clause / 64] &= ~((uint64_t)1 << (s->rules[r].clause % 64));
	}

	/* 6. The obligations reported are those that go with the outcome
	 * (by default with grant and refer: a refusal carries none). */
	size_t cw = LP_BITWORDS(s->nclauses);
	for (uint32_t o = 0; o < s->noblig; o++) {
		const lp_oblig_desc *od = &s->obligs[o];
		if (od->on & (1u << d->outcome))
			continue;
		d->oblig_set[o / 64] &= ~((uint64_t)1 << (o % 64));
		memset(d->oblig_val + od->slot, 0, (size_t)od->nslots * 8);
		memset(d->oblig_src + o * cw, 0, cw * 8);
	}
}

int eval_property(evaluator *ev, const expr *prop, const uint64_t *req, const lp_decision_buf *d)
{
	ev->req = req;
	ev->sp = 0;
	ev->dec = d;
	if (++ev->gen == 0) {
		memset(ev->dgen, 0, (ev->lw->ndefines + 1) * sizeof(uint32_t));
		ev->gen = 1;
	}
	int r = ev_scalar(ev, prop) != 0;
	ev->dec = NULL;
	return r;
}
