/*
 * prove.c — proofs over every request: asserts, and the closest request
 * with another outcome (`pacta explain --to`).
 *
 * Pipeline: lower -> smt_encode -> **prove** (here) -> main.c, doc.c.
 * The agreement is encoded once (smt_encode.c, the same encoding `pacta
 * diff` uses and tests/smt checks against the interpreter); the requests
 * range over every value their fields' types allow, with the submission
 * date inside the agreement's term when it has one.  An assert is proven
 * when no request violates it; otherwise Z3's optimiser finds the
 * violating request nearest to the neutral one (fields at their defaults,
 * then the others at plain values), which the interpreter decides again:
 * a counterexample it does not confirm is reported as a bug of this file,
 * never printed as a counterexample.  `explain --to` is the same search
 * with the given request as the one to stay near.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "prove.h"
#include "smt.h"

typedef struct prover {
	const lw_program *lw;
	smt_ctx *x;
	smt_enc *e;
	smt_enc *sw;                /* reciprocity: the swapped encoding, or NULL */
	Z3_ast base;                /* the fields' domains and the term */
	unsigned timeout_ms;
	evaluator *ev;
	lp_decision_buf d;
	void *dmem;
	uint64_t *req;              /* the request found */
} prover;

/* The facts of a request explain --to holds (hold_facts): each as a
 * constraint, all of them, the fields they are about, and in words. */
typedef struct held_facts {
	Z3_ast date, parties, kept, all;
	const char **fields;   /* the held fields in the way (n), xcalloc'd */
	int n;
	char *words;   /* "submitted on 2026-03-01 or later" */
	char *not_party;   /* "the requesting Party, XC, is not ...", or NULL */
} held_facts;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Per solver query (docs/language.md, Limits). */
static unsigned timeout_ms(void)
{
	return (unsigned)env_limit("PACTA_PROVE_TIMEOUT_MS", 60000, 1, 3600000);
}

static const smt_var *field_var(const prover *P, uint32_t f)
{
	return P->e->fv[f];
}

/* The fields' domains, and the submission date inside the term: a
 * request outside it is refused by step 0 whatever the clauses say,
 * which no guarantee is about. */
static Z3_ast term_base(const prover *P)
{
	const lw_program *lw = P->lw;
	smt_ctx *x = P->x;
	Z3_ast base = smt_ctx_domain(x);
	const lw_scope *sc = &lw->scope;
	if (sc->f_submitted != LW_NONE) {
		Z3_ast d = field_var(P, sc->f_submitted)->s;
		if (sc->has_effective)
			base = smt_mk_and(x, base, Z3_mk_bvsge(x->z, d, smt_k64(x, sc->effective)));
		if (sc->has_expires)
			base = smt_mk_and(x, base, Z3_mk_bvsle(x->z, d, smt_k64(x, sc->expires)));
	}
	return base;
}

static void prover_init(prover *P, const lw_program *lw)
{
	memset(P, 0, sizeof *P);
	P->lw = lw;
	P->x = smt_ctx_new();
	P->e = smt_encode(P->x, lw, 0);
	P->timeout_ms = timeout_ms();
	P->base = term_base(P);
	P->ev = eval_new(lw);
	P->dmem = xcalloc(1, lp_decision_size(&lw->schema));
	lp_decision_layout(&lw->schema, &P->d, P->dmem);
	P->req = xcalloc(lw->schema.nslots + 1, sizeof *P->req);
}

static void prover_free(prover *P)
{
	eval_free(P->ev);
	free(P->dmem);
	free(P->req);
	smt_ctx_free(P->x);
}

/* The request nothing is asked of: fields at their defaults; those
 * without one false, 0, {}, the first member, the term's first day; the
 * requesting and requested Parties the first two listed. */
static void neutral_request(const prover *P, uint64_t *req)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	const lw_scope *sc = &lw->scope;
	memset(req, 0, s->nslots * sizeof *req);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		if (f->has_default)
			memcpy(req + f->slot, f->defval, f->nslots * sizeof *req);
		else if (f->kind == PK_DATE && sc->has_effective)
			req[f->slot] = (uint64_t)sc->effective;
	}
	uint32_t party[2] = { LW_NONE, LW_NONE }, np = 0;
	for (uint32_t m = 0; sc->parties && np < 2 && m < 64 * sc->party_words; m++)
		if (lp_bit(sc->parties, m))
			party[np++] = m;
	uint32_t fp[2] = { sc->f_requesting, sc->f_requested };
	for (int k = 0; k < 2; k++)
		if (fp[k] != LW_NONE && party[k] != LW_NONE && !s->fields[fp[k]].has_default)
			req[s->fields[fp[k]].slot] = party[k];
}

static void soft(smt_ctx *x, Z3_optimize o, Z3_ast a, const char *weight, const char *group)
{
	Z3_optimize_assert_soft(x->z, o, a, weight, Z3_mk_string_symbol(x->z, group));
}

/* A request satisfying q, nearest to `ref`: fewest fields changed (the
 * requesting or requested Party last, where q leaves them free: explain
 * --to holds them, hold_facts), then fewest set members, then each number
 * (in field order) nearest its value in ref.  1: found, in P->req; 0: none
 * exists; -1: the solver could not tell (a timeout). */
static int closest(prover *P, Z3_ast q, const uint64_t *ref)
{
	smt_ctx *x = P->x;
	const lp_schema *s = &P->lw->schema;
	Z3_optimize o = Z3_mk_optimize(x->z);
	Z3_optimize_inc_ref(x->z, o);
	Z3_params pr = Z3_mk_params(x->z);
	Z3_params_inc_ref(x->z, pr);
	Z3_params_set_uint(x->z, pr, Z3_mk_string_symbol(x->z, "timeout"), P->timeout_ms);
	Z3_optimize_set_params(x->z, o, pr);
	Z3_params_dec_ref(x->z, pr);
	Z3_optimize_assert(x->z, o, P->base);
	Z3_optimize_assert(x->z, o, q);
	const lw_scope *sc = &P->lw->scope;
	char heavy[16];
	snprintf(heavy, sizeof heavy, "%u", s->nfields + 1);   /* more than all the others together */
	for (uint32_t i = 0; i < s->nfields; i++)
		soft(x, o, smt_var_eq(x, field_var(P, i), ref + s->fields[i].slot),
		     i == sc->f_requesting || i == sc->f_requested ? heavy : "1", "fields");
	for (uint32_t i = 0; i < s->nfields; i++) {
		const smt_var *v = field_var(P, i);
		const uint64_t *w = ref + s->fields[i].slot;
		for (uint32_t m = 0; v->kind == PK_SET && m < v->nmembers; m++)
			soft(x, o, lp_bit(w, m) ? v->bits[m] : smt_mk_not(x, v->bits[m]), "1", "members");
	}
	for (uint32_t i = 0; i < s->nfields; i++) {
		const smt_var *v = field_var(P, i);
		if (v->kind == PK_BOOL || v->kind == PK_ENUM || v->kind == PK_SET)
			continue;
		/* |v - ref| as an unsigned 64-bit number: exact, whatever the
		 * two signed values */
		Z3_ast r = smt_k64(x, (int64_t)ref[s->fields[i].slot]);
		Z3_ast dist = Z3_mk_ite(x->z, Z3_mk_bvsge(x->z, v->s, r), Z3_mk_bvsub(x->z, v->s, r),
		                        Z3_mk_bvsub(x->z, r, v->s));
		Z3_optimize_minimize(x->z, o, dist);
	}
	Z3_lbool res = Z3_optimize_check(x->z, o, 0, NULL);
	if (res == Z3_L_TRUE) {
		Z3_model m = Z3_optimize_get_model(x->z, o);
		Z3_model_inc_ref(x->z, m);
		smt_enc_read(P->e, m, P->req);
		Z3_model_dec_ref(x->z, m);
	}
	Z3_optimize_dec_ref(x->z, o);
	return res == Z3_L_TRUE ? 1 : res == Z3_L_FALSE ? 0 : -1;
}

/* ---- printing requests and decisions ---- */

static char *sb_take(lp_strbuf *b)
{
	char *s = strndup(b->data ? b->data : "", b->len);
	lp_sb_free(b);
	return s;
}

/* The request as `pacta eval` reads it, short: the fields without a
 * default and those off it. */
static char *request_json(const lw_program *lw, const uint64_t *req)
{
	const lp_schema *s = &lw->schema;
	lp_strbuf b = { 0 };
	int first = 1;
	lp_sb_puts(&b, "{");
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		if (f->has_default && !memcmp(f->defval, req + f->slot, f->nslots * sizeof *req))
			continue;
		lp_sb_printf(&b, "%s\"%s\": ", first ? "" : ", ", f->name);
		lp_json_encode_value(s, f->kind, f->enum_index, req + f->slot, &b);
		first = 0;
	}
	lp_sb_puts(&b, "}");
	return sb_take(&b);
}

static char *decision_json(const lw_program *lw, const lp_decision_buf *d)
{
	lp_strbuf b = { 0 };
	lp_request_id id = { 0 };
	lp_json_encode_decision(&lw->schema, d, &id, 1, &b);
	return sb_take(&b);
}

/* ---- reciprocity ---- */

/* The agreement with the two Parties' rows of every party-keyed table
 * exchanged (p and q, members of the parties' enum), for the interpreter
 * to decide a swapped request as smt_encode_swapped encodes it (prove.h). */
lw_program *prove_permuted(const lw_program *lw, uint32_t p, uint32_t q)
{
	lw_program *c = xmalloc(sizeof *c);
	*c = *lw;
	lw_table *ts = xcalloc(lw->ntables + 1, sizeof *ts);
	for (uint32_t i = 0; i < lw->ntables; i++) {
		ts[i] = lw->tables[i];
		if (!smt_party_keyed(lw, &ts[i]) || p == q || p >= ts[i].nkeys || q >= ts[i].nkeys)
			continue;
		const expr **bk = xcalloc(ts[i].nkeys + 1, sizeof *bk);
		memcpy(bk, ts[i].by_key, ts[i].nkeys * sizeof *bk);
		bk[p] = ts[i].by_key[q];
		bk[q] = ts[i].by_key[p];
		ts[i].by_key = bk;
		if (ts[i].rows) {
			uint32_t w = type_words(ts[i].ty);
			uint64_t *rows = xcalloc((size_t)ts[i].nkeys * w + 1, sizeof *rows);
			memcpy(rows, ts[i].rows, (size_t)ts[i].nkeys * w * sizeof *rows);
			memcpy(rows + (size_t)p * w, ts[i].rows + (size_t)q * w, w * sizeof *rows);
			memcpy(rows + (size_t)q * w, ts[i].rows + (size_t)p * w, w * sizeof *rows);
			ts[i].rows = rows;
		}
	}
	c->tables = ts;
	return c;
}

void prove_free_permuted(const lw_program *lw, lw_program *c)
{
	for (uint32_t i = 0; i < c->ntables; i++) {
		if (c->tables[i].by_key != lw->tables[i].by_key)
			free((void *)c->tables[i].by_key);
		if (c->tables[i].rows != lw->tables[i].rows)
			free((void *)c->tables[i].rows);
	}
	free((void *)c->tables);
	free(c);
}

/* Which rows of a party-keyed table differ between members p and q. */
static int rows_differ(const lw_program *lw, const lw_table *t, uint32_t p, uint32_t q)
{
	if (p >= t->nkeys || q >= t->nkeys)
		return 0;
	if (t->rows) {
		uint32_t w = type_words(t->ty);
		return memcmp(t->rows + (size_t)p * w, t->rows + (size_t)q * w, w * sizeof *t->rows) != 0;
	}
	(void)lw;
	return t->by_key[p] != t->by_key[q];
}

/* The request mirrored: its two Parties exchanged in every field that
 * names a Party (smt_encode_swapped does the same over the terms). */
void prove_mirror(const lw_program *lw, const uint64_t *req, uint64_t *out)
{
	const lp_schema *s = &lw->schema;
	const lw_scope *sc = &lw->scope;
	uint32_t pe = s->fields[sc->f_requesting].enum_index;
	uint64_t a = req[s->fields[sc->f_requesting].slot], b = req[s->fields[sc->f_requested].slot];
	memcpy(out, req, s->nslots * sizeof *out);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		if (f->enum_index != pe)
			continue;
		if (f->kind == PK_ENUM) {
			uint64_t v = req[f->slot];
			out[f->slot] = v == a ? b : v == b ? a : v;
		} else if (f->kind == PK_SET) {
			const uint64_t *w = req + f->slot;
			uint64_t *o = out + f->slot;
			int ia = lp_bit(w, a), ib = lp_bit(w, b);
			o[a / 64] &= ~(1ull << a % 64);
			o[b / 64] &= ~(1ull << b % 64);
			if (ib)
				lp_bit_set(o, a);
			if (ia)
				lp_bit_set(o, b);
		}
	}
}

static int is_deposited(const lw_clause *cl)
{
	return cl->owner != LW_NONE;
}

/* The decisions differ in what reciprocity compares: the outcome, the
 * grounds, the obligations reported (and their values). */
static const char *decisions_differ(const lp_schema *s, const lp_decision_buf *a, const lp_decision_buf *b)
{
	if (a->outcome != b->outcome)
		return "outcome";
	if (a->ground != b->ground || memcmp(a->grounds, b->grounds, LP_BITWORDS(s->nclauses) * 8))
		return "grounds";
	for (uint32_t i = 0; i < s->noblig; i++) {
		int x = lp_oblig_reported(s, a, i), y = lp_oblig_reported(s, b, i);
		const lp_oblig_desc *od = &s->obligs[i];
		if (x != y || (x && memcmp(a->oblig_val + od->slot, b->oblig_val + od->slot, od->nslots * 8)))
			return "obligations";
	}
	return NULL;
}

/* The terms of both decisions differ (the kinds of asymmetry). */
static Z3_ast grounds_differ(prover *P, const smt_decision *a, const smt_decision *b)
{
	smt_ctx *x = P->x;
	Z3_ast r = x->f;
	for (int g = 0; g < 3; g++)
		r = smt_mk_or(x, r, Z3_mk_xor(x->z, a->ground[g], b->ground[g]));
	for (uint32_t c = 0; c < P->lw->schema.nclauses; c++)
		r = smt_mk_or(x, r, Z3_mk_xor(x->z, a->grounds[c], b->grounds[c]));
	return r;
}

static Z3_ast obligs_differ(prover *P, const smt_decision *a, const smt_decision *b)
{
	smt_ctx *x = P->x;
	const lp_schema *s = &P->lw->schema;
	Z3_ast r = x->f;
	for (uint32_t i = 0; i < s->noblig; i++) {
		/* reported: imposed, and going with the outcome */
		Z3_ast ra = x->f, rb = x->f;
		for (int o = 0; o < PO__COUNT; o++)
			if (s->obligs[i].on >> o & 1) {
				ra = smt_mk_or(x, ra, a->outcome[o]);
				rb = smt_mk_or(x, rb, b->outcome[o]);
			}
		ra = smt_mk_and(x, ra, a->oblig_set[i]);
		rb = smt_mk_and(x, rb, b->oblig_set[i]);
		Z3_ast vd = x->f;
		for (uint32_t k = 0; k < a->oblig_n[i]; k++)
			vd = smt_mk_or(x, vd, smt_mk_not(x, Z3_mk_eq(x->z, a->oblig_val[i][k], b->oblig_val[i][k])));
		r = smt_mk_or(x, r, smt_mk_or(x, Z3_mk_xor(x->z, ra, rb), smt_mk_and(x, smt_mk_and(x, ra, rb), vd)));
	}
	return r;
}

/* Proves reciprocity: for every request (in the term) where no
 * reservation or declaration applies on either side, the swapped request
 * (with the Parties' own rows of the party-keyed tables) gets the same
 * outcome, grounds and obligations.  Each kind of asymmetry found (an
 * outcome pair, other grounds, other obligations) goes on `out` with a
 * witness pair decided again by the interpreter; what the proof leaves
 * aside goes on `aside`.  Returns the number of asymmetries, -1 on a
 * timeout, -2 when a witness did not reproduce (a bug, on `out`). */
static int reciprocity(prover *P, lp_strbuf *out, lp_strbuf *aside)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	const lw_scope *sc = &lw->scope;
	smt_ctx *x = P->x;
	if (!P->sw)
		P->sw = smt_encode_swapped(x, lw);
	const smt_decision *a = smt_enc_decision(P->e), *b = smt_enc_decision(P->sw);

	/* left aside: the deposited clauses, wherever they fire */
	Z3_ast quiet = x->t;
	int nt = 0, nd = 0;
	for (uint32_t c = 0; c < s->nclauses; c++) {
		const lw_clause *cl = &lw->clauses[c];
		if (!is_deposited(cl))
			continue;
		for (uint32_t r = cl->rule0; r < cl->rule0 + cl->nrules; r++)
			quiet = smt_mk_and(x, quiet, smt_mk_and(x, smt_mk_not(x, a->fired[r]), smt_mk_not(x, b->fired[r])));
		const lp_enum_desc *pe = &s->enums[s->fields[sc->f_requesting].enum_index];
		lp_sb_printf(aside, "%s%s %s %s", nd++ ? ", " : "  not compared where they apply: ",
		             cl->kind == CK_RESERVATION ? "reservation" : "declaration",
		             cl->owner < pe->nmembers ? pe->members[cl->owner] : "?", cl->label);
	}
	if (nd)
		lp_sb_puts(aside, "\n");
	for (uint32_t i = 0; i < lw->ntables; i++)
		if (smt_party_keyed(lw, &lw->tables[i]))
			lp_sb_printf(aside, "%s%s", nt++ ? ", " : "  each Party's own row goes with it: table ",
			             lw->tables[i].name);
	if (nt)
		lp_sb_puts(aside, "\n");

	Z3_ast kinds[5];
	const char *names[5];
	int nk = 0;
	for (int o = 0; o < PO__COUNT; o++)
		for (int o2 = o + 1; o2 < PO__COUNT; o2++) {
			/* the swap is its own inverse: o -> o2 somewhere is
			 * o2 -> o at the swapped request */
			kinds[nk] = smt_mk_and(x, a->outcome[o], b->outcome[o2]);
			names[nk++] = NULL;
		}
	Z3_ast same = x->f;
	for (int o = 0; o < PO__COUNT; o++)
		same = smt_mk_or(x, same, smt_mk_and(x, a->outcome[o], b->outcome[o]));
	kinds[nk] = smt_mk_and(x, same, grounds_differ(P, a, b));
	names[nk++] = "the same outcome on other grounds";
	kinds[nk] = smt_mk_and(x, same, obligs_differ(P, a, b));
	names[nk++] = "the same outcome with other obligations";

	uint64_t *ref = xcalloc(s->nslots + 1, sizeof *ref);
	uint64_t *swr = xcalloc(s->nslots + 1, sizeof *swr);
	void *dm = xcalloc(1, lp_decision_size(s));
	lp_decision_buf d2;
	lp_decision_layout(s, &d2, dm);
	neutral_request(P, ref);
	int found = 0;
	int seen_pair[PO__COUNT][PO__COUNT] = { { 0 } };
	uint32_t fa = s->fields[sc->f_requesting].slot, fb = s->fields[sc->f_requested].slot;
	for (int k = 0; k < nk && found >= 0; k++) {
		int rc = closest(P, smt_mk_and(x, quiet, kinds[k]), ref);
		if (rc < 0) {
			found = -1;
			break;
		}
		if (rc == 0)
			continue;
		prove_mirror(lw, P->req, swr);
		lw_program *pm = prove_permuted(lw, (uint32_t)P->req[fa], (uint32_t)P->req[fb]);
		evaluator *ev2 = eval_new(pm);
		eval_request(P->ev, P->req, &P->d);
		eval_request(ev2, swr, &d2);
		const char *why = decisions_differ(s, &P->d, &d2);
		char *rj = request_json(lw, P->req), *sj = request_json(lw, swr);
		char *dj = decision_json(lw, &P->d), *d2j = decision_json(lw, &d2);
		if (!why) {
			lp_sb_printf(out, "  internal error: a witness of asymmetry the interpreter does not confirm: "
			             "a bug in pacta, please report it\n    request: %s\n    swapped: %s\n", rj, sj);
			found = -2;
		} else if (!names[k] && seen_pair[d2.outcome][P->d.outcome]) {
			/* the same pair of outcomes, seen the other way round */
		} else {
			if (!names[k])
				seen_pair[P->d.outcome][d2.outcome] = 1;
			found++;
			if (names[k])
				lp_sb_printf(out, "  asymmetry: %s\n", names[k]);
			else
				lp_sb_printf(out, "  asymmetry: %s, swapped %s\n", lp_outcome_names[P->d.outcome],
				             lp_outcome_names[d2.outcome]);
			lp_sb_printf(out, "    request: %s\n    decision: %s\n    swapped: %s\n    decision: %s\n",
			             rj, dj, sj, d2j);
			int nrow = 0;
			for (uint32_t i = 0; i < lw->ntables; i++)
				if (smt_party_keyed(lw, &lw->tables[i]) &&
				    rows_differ(lw, &lw->tables[i], (uint32_t)P->req[fa], (uint32_t)P->req[fb]))
					lp_sb_printf(out, "%s%s", nrow++ ? ", " : "    (the swapped request decided with the "
					             "two Parties' rows exchanged in table ", lw->tables[i].name);
			if (nrow)
				lp_sb_puts(out, ")\n");
		}
		free(rj);
		free(sj);
		free(dj);
		free(d2j);
		eval_free(ev2);
		prove_free_permuted(lw, pm);
	}
	free(dm);
	free(swr);
	free(ref);
	return found;
}

/* ---- asserts ---- */

/* The obligations with values that `e` reads and decision `d` does not
 * impose, each said once in `b` with the value an assert gives them. */
static void unimposed(const lw_program *lw, const lp_decision_buf *d, const expr *e, uint8_t *said, lp_strbuf *b)
{
	if (!e)
		return;
	if (e->kind == E_NAME && e->ref == REF_OBLIG && !said[e->index]) {
		const lw_oblig *o = &lw->obligs[e->index];
		said[e->index] = 1;
		if (o->combine != PC_FLAG && (o->schema == LW_NONE || !lp_bit(d->oblig_set, o->schema)))
			lp_sb_printf(b, "  note: this decision does not impose %s, and in an assert an obligation not "
			             "imposed has the value combining none gives: %s\n", o->name,
			             o->combine == PC_MIN ? "no limit (the largest value)"
			             : o->combine == PC_MAX ? "none (the smallest value)"
			             : o->combine == PC_UNION ? "{}" : "every member");
	}
	for (uint32_t i = 0; i < e->nelem; i++)
		unimposed(lw, d, e->elem[i], said, b);
	unimposed(lw, d, e->a, said, b);
	unimposed(lw, d, e->b, said, b);
	unimposed(lw, d, e->c, said, b);
}

/* sat (1), unsat (0) or unknown (-1) of `q` within the term: a plain
 * query, where no request need be found nearest anything. */
static int satisfiable(prover *P, Z3_ast q)
{
	Z3_context z = P->x->z;
	Z3_solver sv = Z3_mk_solver(z);
	Z3_solver_inc_ref(z, sv);
	Z3_params pr = Z3_mk_params(z);
	Z3_params_inc_ref(z, pr);
	Z3_params_set_uint(z, pr, Z3_mk_string_symbol(z, "timeout"), P->timeout_ms);
	Z3_solver_set_params(z, sv, pr);
	Z3_params_dec_ref(z, pr);
	Z3_solver_assert(z, sv, smt_mk_and(P->x, P->base, q));
	Z3_lbool r = Z3_solver_check(z, sv);
	Z3_solver_dec_ref(z, sv);
	return r == Z3_L_TRUE ? 1 : r == Z3_L_FALSE ? 0 : -1;
}

/* Proves assert a with P's encoding (shared by all the asserts of one
 * agreement: Z3 builds the decision's terms once). */
static void prove_one(prover *P, const lw_assert *a, prove_result *r, int vacuity)
{
	double t0 = now();
	const lw_program *lw = P->lw;
	memset(r, 0, sizeof *r);
	Z3_ast p = smt_enc_prop(P->e, a->prop);
	Z3_ast bad = a->kind == ASSERT_NEVER ? p : smt_mk_not(P->x, p);
	uint64_t *ref = xcalloc(lw->schema.nslots + 1, sizeof *ref);
	neutral_request(P, ref);
	int found = closest(P, bad, ref);
	if (found == 0) {
		r->status = PROVE_PROVEN;
		if (vacuity && a->kind == ASSERT_ALWAYS && a->prop->kind == E_IMPLIES)
			r->vacuous = satisfiable(P, smt_enc_prop(P->e, a->prop->a)) == 0;
	} else if (found < 0) {
		r->status = PROVE_UNKNOWN;
	} else {
		eval_request(P->ev, P->req, &P->d);
		int holds = eval_property(P->ev, a->prop, P->req, &P->d);
		r->request_json = request_json(lw, P->req);
		r->decision_json = decision_json(lw, &P->d);
		lp_strbuf words = { 0 };
		lp_explain(&lw->schema, &P->d, &(lp_request_view){ NULL, NULL, P->req }, 0, &words);
		r->decision_text = sb_take(&words);
		if (holds == (a->kind == ASSERT_NEVER)) {
			r->status = PROVE_FAILS;
			lp_strbuf b = { 0 };
			uint8_t *said = xcalloc(lw->nobligs + 1, 1);
			unimposed(lw, &P->d, a->prop, said, &b);
			free(said);
			r->note = b.len ? sb_take(&b) : NULL;
		} else {
			r->status = PROVE_BUG;
			r->bug = strdup("the interpreter does not confirm the counterexample");
		}
	}
	free(ref);
	r->seconds = now() - t0;
}

static void recip_one(prover *P, prove_result *r)
{
	double t0 = now();
	memset(r, 0, sizeof *r);
	lp_strbuf out = { 0 }, aside = { 0 };
	int n = reciprocity(P, &out, &aside);
	r->status = n == 0 ? PROVE_PROVEN : n > 0 ? PROVE_FAILS : n == -1 ? PROVE_UNKNOWN : PROVE_BUG;
	if (r->status == PROVE_BUG)
		r->bug = strdup("a witness of asymmetry did not reproduce");
	r->asymmetries = sb_take(&out);
	r->aside = sb_take(&aside);
	r->seconds = now() - t0;
}

void prove_reciprocity(const lw_program *lw, prove_result *r)
{
	prover P;
	prover_init(&P, lw);
	recip_one(&P, r);
	prover_free(&P);
}

void prove_asserts(const lw_program *lw, prove_result *r, int vacuity)
{
	prover P;
	prover_init(&P, lw);
	for (uint32_t i = 0; i < lw->nasserts; i++) {
		const lw_assert *a = &lw->asserts[i];
		if (a->kind == ASSERT_RECIPROCAL) {
			recip_one(&P, &r[i]);
		} else {
			prove_one(&P, a, &r[i], vacuity);
		}
	}
	prover_free(&P);
}

char *prove_nearest(const lw_program *lw, smt_ctx *x, smt_enc *e, Z3_ast q, unsigned timeout)
{
	prover P;
	memset(&P, 0, sizeof P);
	P.lw = lw;
	P.x = x;
	P.e = e;
	P.timeout_ms = timeout;
	P.base = term_base(&P);
	P.req = xcalloc(lw->schema.nslots + 1, sizeof *P.req);
	uint64_t *ref = xcalloc(lw->schema.nslots + 1, sizeof *ref);
	neutral_request(&P, ref);
	char *json = closest(&P, q, ref) == 1 ? request_json(lw, P.req) : NULL;
	free(ref);
	free(P.req);
	return json;
}

void prove_result_free(prove_result *r)
{
	free(r->request_json);
	free(r->decision_json);
	free(r->decision_text);
	free(r->bug);
	free(r->note);
	free(r->asymmetries);
	free(r->aside);
	memset(r, 0, sizeof *r);
}

/* A request and its decision under the last error: the request as JSON,
 * to be given to `pacta eval` or written as a test, and the decision in
 * words, as `pacta explain` gives it, each line indented under it. */
static void details(diag *dg, const char *what, const char *req, const char *words)
{
	lp_strbuf b = { 0 };
	lp_sb_printf(&b, "  %s: %s\n  decided so:\n", what, req);
	for (const char *p = words; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		lp_sb_puts(&b, "    ");
		lp_sb_put(&b, p, n);
		lp_sb_puts(&b, "\n");
		p += n + (nl != NULL);
	}
	if (!b.failed)
		diag_details(dg, b.data);
	lp_sb_free(&b);
}

int prove_program(const lw_program *lw, diag *dg)
{
	int failed = 0;
	prove_result *rs = xcalloc(lw->nasserts + 1, sizeof *rs);
	prove_asserts(lw, rs, 0);
	for (uint32_t i = 0; i < lw->nasserts; i++) {
		const lw_assert *a = &lw->asserts[i];
		prove_result *r = &rs[i];
		if (a->file == 0) {
			switch (r->status) {
			case PROVE_PROVEN:
				break;
			case PROVE_FAILS:
				if (a->kind == ASSERT_RECIPROCAL) {
					diag_error(dg, a->at, "the agreement is not reciprocal: swapping the requesting "
					           "and the requested Party changes the decision");
					diag_details(dg, r->asymmetries);
					break;
				}
				diag_error(dg, a->at, "assert \"%s\" does not hold", a->name);
				details(dg, "counterexample", r->request_json, r->decision_text);
				if (r->note)
					diag_details(dg, r->note);
				break;
			case PROVE_UNKNOWN:
				diag_error(dg, a->at, "assert \"%s\" could not be proven within %u ms (PACTA_PROVE_TIMEOUT_MS)",
				           a->name, timeout_ms());
				break;
			default:
				diag_error(dg, a->at, "internal error: assert \"%s\": %s: a bug in pacta, please report it",
				           a->name, r->bug);
				if (r->request_json)
					details(dg, "request", r->request_json, r->decision_text);
				if (r->asymmetries)
					diag_details(dg, r->asymmetries);
				break;
			}
			failed += r->status != PROVE_PROVEN;
		}
		prove_result_free(r);
	}
	free(rs);
	return failed;
}

/* ---- what would it take: explain --to ---- */

static void put_value(lp_strbuf *b, const lp_schema *s, const lp_field_desc *f, const uint64_t *req)
{
	lp_source_value(s, f->kind, f->enum_index, req + f->slot, b);
}

/* The clauses one change brings about: those with a rule that fires in
 * one and not the other of the request found and the same request with
 * that one field back at its given value (the interpreter decides both).
 * A mask of the clauses, to be freed; *count of them. */
static uint8_t *change_clauses(prover *P, const uint64_t *given, uint32_t fi, int *count)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	const lp_field_desc *f = &s->fields[fi];
	uint32_t nc = s->nclauses, nw = LP_BITWORDS(s->nrules);
	uint64_t *now = xcalloc(nw + 1, sizeof *now);
	eval_request(P->ev, P->req, &P->d);
	memcpy(now, P->d.fired, nw * sizeof *now);
	uint64_t *back = xcalloc(s->nslots + 1, sizeof *back);
	memcpy(back, P->req, s->nslots * sizeof *back);
	memcpy(back + f->slot, given + f->slot, f->nslots * sizeof *back);
	eval_request(P->ev, back, &P->d);
	uint8_t *moved = xcalloc(nc + 1, 1);
	int n = 0;
	for (uint32_t r = 0; r < s->nrules; r++)
		if (lp_bit(now, r) != lp_bit(P->d.fired, r) && !moved[lw->rules[r].clause]) {
			moved[lw->rules[r].clause] = 1;
			n++;
		}
	free(back);
	free(now);
	*count = n;
	return moved;
}

/* The labels of the clauses in `in` (nc of them), as a JSON array. */
static void json_labels(lp_strbuf *j, const lw_program *lw, const uint8_t *in)
{
	int k = 0;
	lp_sb_puts(j, "[");
	for (uint32_t c = 0; c < lw->schema.nclauses; c++)
		if (in[c]) {
			const char *l = lw->clauses[c].label;
			lp_sb_puts(j, k++ ? ", " : "");
			lp_sb_json_string(j, l, strlen(l));
		}
	lp_sb_puts(j, "]");
}

static const char *const outcome_past[PO__COUNT] = { "granted", "referred", "refused" };

/* No request is decided `to`: which clauses stand in the way.  With one
 * of the clauses that can decide so firing, each clause whose rules decide
 * otherwise is assumed not to fire, and step 0 not to refuse; the unsat
 * core of those assumptions names the clauses (or step 0) that forbid it.
 * An empty core: no clause that can decide so ever fires in the term. */
static void forbidden(prover *P, int to, const held_facts *h, lp_strbuf *out, lp_strbuf *j)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	smt_ctx *x = P->x;
	const smt_decision *d = smt_enc_decision(P->e);
	if (h)
		lp_sb_printf(out, "no request %s is %s under this agreement", h->words, outcome_past[to]);
	else
		lp_sb_printf(out, "no request is %s under this agreement, whatever its facts", outcome_past[to]);
	if (h && lw->scope.has_expires && satisfiable(P, h->all) == 0) {
		/* sent later, it is sent after the agreement ends */
		char day[16];
		lp_date_format(lw->scope.expires, day);
		lp_sb_printf(out, ": its term ended on %s\n", day);
		lp_sb_puts(j, ", \"forbidden_by\": [], \"scope\": true");
		return;
	}
	if (h && satisfiable(P, smt_mk_and(x, h->all, smt_mk_not(x, d->out_of_scope))) == 0) {
		if (h->not_party)
			lp_sb_printf(out, ": %s\n", h->not_party);
		else
			lp_sb_puts(out, ": the agreement's scope (its term and Parties) admits no such request\n");
		lp_sb_puts(j, ", \"forbidden_by\": [], \"scope\": true");
		return;
	}
	Z3_ast can = x->f;
	int ncan = 0;
	for (uint32_t r = 0; r < s->nrules; r++)
		if (lp_action_outcome(lw->rules[r].action) == to) {
			can = smt_mk_or(x, can, d->fired[r]);
			ncan++;
		}
	if (!ncan) {
		lp_sb_printf(out, ": no clause %s, and the default is %s\n",
		             to == PO_GRANT ? "grants" : to == PO_REFER ? "refers" : "refuses",
		             lp_outcome_names[s->default_outcome]);
		lp_sb_puts(j, ", \"forbidden_by\": [], \"scope\": false");
		return;
	}
	Z3_solver S = Z3_mk_solver(x->z);
	Z3_solver_inc_ref(x->z, S);
	Z3_solver_assert(x->z, S, P->base);
	Z3_solver_assert(x->z, S, h ? h->all : x->t);
	Z3_solver_assert(x->z, S, can);
	uint32_t nc = s->nclauses;
	Z3_ast *p = xcalloc(nc + 2, sizeof *p);
	for (uint32_t c = 0; c <= nc; c++) {
		char name[32];
		snprintf(name, sizeof name, "prove.c%u", c);
		p[c] = Z3_mk_const(x->z, Z3_mk_string_symbol(x->z, name), x->b);
		Z3_ast quiet = x->t;
		if (c == nc) {
			quiet = smt_mk_not(x, d->out_of_scope);
		} else {
			const lw_clause *cl = &lw->clauses[c];
			for (uint32_t r = cl->rule0; r < cl->rule0 + cl->nrules; r++) {
				int o = lp_action_outcome(lw->rules[r].action);
				if (o >= 0 && o != to)
					quiet = smt_mk_and(x, quiet, smt_mk_not(x, d->fired[r]));
			}
		}
		Z3_solver_assert(x->z, S, Z3_mk_implies(x->z, p[c], quiet));
	}
	Z3_lbool v = Z3_solver_check_assumptions(x->z, S, nc + 1, p);
	if (v == Z3_L_FALSE) {
		Z3_ast_vector core = Z3_solver_get_unsat_core(x->z, S);
		Z3_ast_vector_inc_ref(x->z, core);
		unsigned cn = Z3_ast_vector_size(x->z, core);
		uint8_t *in = xcalloc(nc + 2, 1);
		int n = 0;
		for (unsigned k = 0; k < cn; k++)
			for (uint32_t c = 0; c <= nc; c++)
				if (Z3_ast_vector_get(x->z, core, k) == p[c] && !in[c])
					in[c] = 1, n++;
		Z3_ast_vector_dec_ref(x->z, core);
		lp_sb_puts(j, ", \"forbidden_by\": ");
		json_labels(j, lw, in);
		lp_sb_printf(j, ", \"scope\": %s", in[nc] ? "true" : "false");
		if (!n) {
			lp_sb_puts(out, ": no clause that could decide so ever applies within the term\n");
		} else {
			lp_sb_puts(out, ": whenever a clause would decide so, ");
			int k = 0;
			for (uint32_t c = 0; c < nc; c++)
				if (in[c])
					lp_sb_printf(out, "%s%s", k++ ? ", " : n - in[nc] > 1 ? "clauses " : "clause ",
					             lw->clauses[c].label);
			if (in[nc])
				lp_sb_printf(out, "%sthe agreement's scope (its term and Parties)", k ? " or " : "");
			lp_sb_puts(out, n > 1 ? " decide otherwise\n" : " decides otherwise\n");
		}
		free(in);
	} else {
		/* cannot be: with nothing deciding otherwise, the clause decides */
		lp_sb_puts(out, ": the clauses that could are outweighed (the solver names none)\n");
		lp_sb_puts(j, ", \"forbidden_by\": [], \"scope\": false");
	}
	free(p);
	Z3_solver_dec_ref(x->z, S);
}

/* Answers of explain --to beyond the first (each as few fields as it). */
#define MAX_ALTERNATIVES 3

/* Whether requests a and b give field f otherwise. */
static int differs(const lp_field_desc *f, const uint64_t *a, const uint64_t *b)
{
	return memcmp(a + f->slot, b + f->slot, f->nslots * sizeof *a) != 0;
}

/* How many fields `b` has otherwise than `a`. */
static int changed_fields(const lp_schema *s, const uint64_t *a, const uint64_t *b)
{
	int n = 0;
	for (uint32_t i = 0; i < s->nfields; i++)
		n += differs(&s->fields[i], a, b);
	return n;
}

/* That every field `found` changes from `req` is changed: what an answer
 * already given needs, to be blocked. */
static Z3_ast all_changed(prover *P, const uint64_t *req, const uint64_t *found)
{
	const lp_schema *s = &P->lw->schema;
	Z3_ast all = Z3_mk_true(P->x->z);
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		if (differs(f, req, found))
			all = smt_mk_and(P->x, all, smt_mk_not(P->x, smt_var_eq(P->x, field_var(P, i), req + f->slot)));
	}
	return all;
}

/* The fields the request found (P->req) changes from `req`, in words ("\n  x were 1 instead
 * of 0 (clause 2.1)", joined by " and") and as a JSON array; how many. */
static int put_changes(prover *P, const uint64_t *req, lp_strbuf *out, lp_strbuf *j)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	const uint64_t *found = P->req;
	int n = 0;
	lp_sb_puts(j, "[");
	for (uint32_t i = 0; i < s->nfields; i++) {
		const lp_field_desc *f = &s->fields[i];
		if (!differs(f, req, found))
			continue;
		lp_sb_printf(out, "%s\n  %s were ", n ? " and" : "", f->name);
		put_value(out, s, f, found);
		lp_sb_puts(out, " instead of ");
		put_value(out, s, f, req);
		lp_sb_printf(j, "%s{\"field\": \"%s\", \"value\": ", n ? ", " : "", f->name);
		lp_json_encode_value(s, f->kind, f->enum_index, found + f->slot, j);
		lp_sb_puts(j, ", \"given\": ");
		lp_json_encode_value(s, f->kind, f->enum_index, req + f->slot, j);
		lp_sb_puts(j, ", \"clauses\": ");
		int k;
		uint8_t *moved = change_clauses(P, req, i, &k);
		json_labels(j, lw, moved);
		lp_sb_puts(j, "}");
		for (uint32_t c = 0, m = 0; c < s->nclauses; c++)
			if (moved[c])
				lp_sb_printf(out, "%s%s", m++ ? ", " : k > 1 ? " (clauses " : " (clause ", lw->clauses[c].label);
		if (k)
			lp_sb_puts(out, ")");
		free(moved);
		n++;
	}
	lp_sb_puts(j, "]");
	return n;
}

/* What explain --to does not move, as no request can by asking again:
 * it is sent later, never earlier, than it was (an earlier date would be
 * backdating it); and it is from the Party that asked, to the Party it
 * asked (the question is what the request needs, not which State should
 * ask it or be asked).  Each fact's constraint (true when the agreement
 * has no such field). */
static void hold_facts(prover *P, const uint64_t *req, const uint32_t *keep, size_t nkeep, held_facts *h)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	const lw_scope *sc = &lw->scope;
	smt_ctx *x = P->x;
	memset(h, 0, sizeof *h);
	h->fields = xcalloc(nkeep + 4, sizeof *h->fields);
	h->date = h->parties = h->kept = x->t;
	/* and the fields the asker keeps (--keep): what it asks for */
	for (size_t k = 0; k < nkeep; k++)
		h->kept = smt_mk_and(x, h->kept, smt_var_eq(x, field_var(P, keep[k]), req + s->fields[keep[k]].slot));
	if (sc->f_submitted != LW_NONE)
		h->date = Z3_mk_bvsge(x->z, field_var(P, sc->f_submitted)->s,
		                      smt_k64(x, (int64_t)req[s->fields[sc->f_submitted].slot]));
	const uint32_t side[2] = { sc->f_requesting, sc->f_requested };
	for (int k = 0; k < 2; k++)
		if (side[k] != LW_NONE)
			h->parties = smt_mk_and(x, h->parties, smt_var_eq(x, field_var(P, side[k]),
			                                                  req + s->fields[side[k]].slot));
	h->all = smt_mk_and(x, smt_mk_and(x, h->date, h->parties), h->kept);
}

/* "the requesting Party, XC, is not a Party to the agreement; the Parties
 * are XA, XB" (as explain says it) for the first of req's Parties that is
 * none, or NULL. */
static char *not_a_party(const lw_program *lw, const uint64_t *req)
{
	lp_strbuf b = { 0 };
	if (lp_explain_not_party(&lw->schema, &(lp_request_view){ NULL, NULL, req }, &b) != 0) {
		lp_sb_free(&b);
		return NULL;
	}
	return sb_take(&b);
}

/* Which held facts stand in the way of outcome `to`, where no request
 * holding them is decided so but another request is: each that does
 * alone, or both; into h's fields and words.  -1 when the solver could
 * not tell. */
static int held_in_way(prover *P, const uint64_t *req, int to, const uint32_t *keep, size_t nkeep,
                       held_facts *h)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	const lw_scope *sc = &lw->scope;
	Z3_ast q = smt_enc_decision(P->e)->outcome[to];
	Z3_ast fact[3] = { h->date, h->parties, h->kept };
	int has[3], in_way[3], any = 0;
	for (int k = 0; k < 3; k++) {
		has[k] = fact[k] != P->x->t;
		int sat = has[k] ? satisfiable(P, smt_mk_and(P->x, q, fact[k])) : 1;
		if (sat < 0)
			return -1;
		in_way[k] = !sat;
		any |= in_way[k];
	}
	for (int k = 0; k < 3 && !any; k++)   /* none alone: all together */
		in_way[k] = has[k];
	lp_strbuf w = { 0 };
	if (in_way[0]) {
		const lp_field_desc *f = &s->fields[sc->f_submitted];
		lp_sb_printf(&w, "%s on ", f->name);
		put_value(&w, s, f, req);
		lp_sb_puts(&w, " or later");
		h->fields[h->n++] = f->name;
	}
	if (in_way[1]) {
		const uint32_t side[2] = { sc->f_requesting, sc->f_requested };
		const char *dir[2] = { "from ", " to " };
		lp_sb_puts(&w, w.len ? " and " : "");
		for (int k = 0; k < 2; k++)
			if (side[k] != LW_NONE) {
				lp_sb_puts(&w, dir[k]);
				put_value(&w, s, &s->fields[side[k]], req);
				h->fields[h->n++] = s->fields[side[k]].name;
			}
		h->not_party = not_a_party(lw, req);
	}
	if (in_way[2]) {
		lp_sb_puts(&w, w.len ? " and with " : "with ");
		for (size_t k = 0; k < nkeep; k++) {
			const lp_field_desc *f = &s->fields[keep[k]];
			lp_sb_printf(&w, "%s%s = ", k ? ", " : "", f->name);
			put_value(&w, s, f, req);
			h->fields[h->n++] = f->name;
		}
	}
	h->words = sb_take(&w);
	return 0;
}

/* explain --to's text, and its JSON object's members up to "text" */
static int explain_to(prover *P, const uint64_t *req, int to, const uint32_t *keep, size_t nkeep, lp_strbuf *out,
                      lp_strbuf *j)
{
	const lw_program *lw = P->lw;
	const lp_schema *s = &lw->schema;
	eval_request(P->ev, req, &P->d);
	if (P->d.outcome == to) {
		lp_sb_printf(out, "already %s:\n", outcome_past[to]);
		lp_explain(s, &P->d, &(lp_request_view){ NULL, NULL, req }, 0, out);
		char *rj = request_json(lw, req), *dj = decision_json(lw, &P->d);
		lp_sb_printf(j, "\"answer\": \"already\", \"changes\": [], \"request\": %s, \"decision\": %s", rj, dj);
		free(rj);
		free(dj);
		return PROVE_FAILS;
	}
	held_facts h;
	hold_facts(P, req, keep, nkeep, &h);
	Z3_ast q = smt_mk_and(P->x, smt_enc_decision(P->e)->outcome[to], h.all);
	int found = closest(P, q, req), any = found;
	if (found == 0)   /* impossible as it stands, or whatever its facts? */
		any = satisfiable(P, smt_enc_decision(P->e)->outcome[to]);
	if (found < 0 || any < 0 || (!found && any && held_in_way(P, req, to, keep, nkeep, &h) < 0)) {
		lp_sb_printf(out, "the solver could not answer within %u ms (PACTA_PROVE_TIMEOUT_MS)\n", timeout_ms());
		lp_sb_puts(j, "\"answer\": \"unknown\"");
		free(h.words);
		free(h.not_party);
		free(h.fields);
		return PROVE_UNKNOWN;
	}
	if (found == 0) {
		lp_sb_puts(j, "\"answer\": \"impossible\", \"held\": [");
		for (int k = 0; k < h.n; k++)
			lp_sb_printf(j, "%s\"%s\"", k ? ", " : "", h.fields[k]);
		lp_sb_puts(j, "]");
		forbidden(P, to, any ? &h : NULL, out, j);
		free(h.words);
		free(h.not_party);
		free(h.fields);
		return PROVE_PROVEN;
	}
	free(h.fields);
	eval_request(P->ev, P->req, &P->d);
	if (P->d.outcome != to) {
		lp_sb_printf(out, "internal error: the request found is %s, not %s: a bug in pacta, "
		             "please report it\n", outcome_past[P->d.outcome], outcome_past[to]);
		lp_sb_puts(j, "\"answer\": \"bug\"");
		return PROVE_BUG;
	}
	lp_sb_printf(out, "%s if", outcome_past[to]);
	lp_sb_puts(j, "\"answer\": \"found\", \"changes\": ");
	int n = put_changes(P, req, out, j);
	/* other answers as small: another way to the outcome (an assurance
	 * given rather than the risk denied), each a set of fields no answer
	 * before it changes all of */
	uint64_t *first = xmalloc((s->nslots + 1) * sizeof *first);
	memcpy(first, P->req, s->nslots * sizeof *first);
	/* the date of submission is kept by the other answers when the
	 * first keeps it (the Parties are held by q) */
	const lw_scope *sc = &lw->scope;
	const lp_field_desc *f = sc->f_submitted != LW_NONE ? &s->fields[sc->f_submitted] : NULL;
	if (f && req[f->slot] == first[f->slot])
		q = smt_mk_and(P->x, q, smt_var_eq(P->x, field_var(P, sc->f_submitted), req + f->slot));
	lp_sb_puts(j, ", \"alternatives\": [");
	for (int alt = 0; alt < MAX_ALTERNATIVES; alt++) {
		q = smt_mk_and(P->x, q, smt_mk_not(P->x, all_changed(P, req, P->req)));
		if (closest(P, q, req) != 1 || changed_fields(s, req, P->req) != n)
			break;
		eval_request(P->ev, P->req, &P->d);
		if (P->d.outcome != to)
			break;
		lp_sb_printf(out, "\nor %s if", outcome_past[to]);
		lp_sb_puts(j, alt ? ", {\"changes\": " : "{\"changes\": ");
		put_changes(P, req, out, j);
		char *aj = request_json(lw, P->req);
		lp_sb_printf(j, ", \"request\": %s}", aj);
		free(aj);
	}
	lp_sb_puts(j, "]");
	memcpy(P->req, first, s->nslots * sizeof *first);
	free(first);
	char *rj = request_json(lw, P->req);
	lp_sb_printf(out, "\nrequest: %s\nthen:\n", rj);
	eval_request(P->ev, P->req, &P->d);
	lp_explain(s, &P->d, &(lp_request_view){ NULL, NULL, P->req }, 0, out);
	char *dj = decision_json(lw, &P->d);
	lp_sb_printf(j, ", \"request\": %s, \"decision\": %s", rj, dj);
	free(rj);
	free(dj);
	return PROVE_FAILS;
}

int prove_explain_to(const lw_program *lw, const uint64_t *req, int to, const uint32_t *keep, size_t nkeep,
                     lp_strbuf *out, lp_strbuf *json)
{
	prover P;
	prover_init(&P, lw);
	lp_strbuf text = { 0 }, j = { 0 };
	int status = explain_to(&P, req, to, keep, nkeep, &text, &j);
	prover_free(&P);
	if (out)
		lp_sb_put(out, text.data ? text.data : "", text.len);
	if (json) {
		lp_sb_printf(json, "{\"to\": \"%s\", ", lp_outcome_names[to]);
		lp_sb_put(json, j.data ? j.data : "", j.len);
		lp_sb_puts(json, ", \"text\": ");
		lp_sb_json_string(json, text.data ? text.data : "", text.len);
		lp_sb_puts(json, "}");
	}
	lp_sb_free(&text);
	lp_sb_free(&j);
	return status;
}

/* `pacta check --reciprocity`: proven, with what the proof leaves aside,
 * on standard output; or an error at the header with each asymmetry. */
void prove_check_reciprocity(const lw_program *lw, diag *dg, const char *path)
{
	if (!lw->scope.parties) {
		diag_plain(dg, "%s: --reciprocity swaps the requesting and the requested Party, but the "
		           "agreement lists no 'parties'", path);
		return;
	}
	prove_result r;
	prove_reciprocity(lw, &r);
	if (r.status == PROVE_PROVEN) {
		printf("%s: reciprocal%s\n%s", path, *r.aside ? ", except through:" : "", r.aside);
	} else if (r.status == PROVE_FAILS) {
		diag_error(dg, lw->scope.at, "the agreement is not reciprocal: swapping the requesting and "
		           "the requested Party changes the decision");
		diag_details(dg, r.asymmetries);
	} else if (r.status == PROVE_UNKNOWN) {
		diag_error(dg, lw->scope.at, "reciprocity could not be proven in time (PACTA_PROVE_TIMEOUT_MS)");
	} else {
		diag_error(dg, lw->scope.at, "internal error: reciprocity: %s: a bug in pacta, please report it", r.bug);
		diag_details(dg, r.asymmetries);
	}
	prove_result_free(&r);
}
