/*
 * smt_diff.c — the semantic part of `pacta diff`: which requests two
 * agreements decide differently, with witnesses.
 *
 * Pipeline: lower -> smt_encode -> **smt_diff** (here) -> report.c, which
 * prints the result.  One incremental solver, holding the variables'
 * domains, is asked for each kind of change (outcome pairs; obligations
 * added, removed or with another value, enumerating the value pairs;
 * grounds gained or lost under the same outcome); each kind found gets a
 * witness with as many fields at their defaults as possible, which both
 * reference evaluators then decide again: a witness that does not
 * reproduce its kind is reported as a bug of this file.  Last, the
 * summary per signature (requesting party, requested party, assistance).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smt.h"

const char *const smt_sig_verdict_names[SMT_SIG__COUNT] = {
	"equivalent", "more permissive", "less permissive", "incomparable",
	"changed (same refusals)",
};

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
		Z3_optimize_assert_soft(x->z, opt, smt_var_eq(x, v, dv), "1000", Z3_mk_string_symbol(x->z, "fields"));
		if (v->kind == PK_SET)
			for (uint32_t m = 0; m < v->nmembers; m++)
				Z3_optimize_assert_soft(x->z, opt, lp_bit(dv, m) ? v->bits[m] : smt_mk_not(x, v->bits[m]),
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
		cand[n].lit = smt_var_eq(x, v, dv);
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
				bits[nb].lit = lp_bit(dv, k) ? v->bits[k] : smt_mk_not(x, v->bits[k]);
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
			nl[nn++].lit = smt_mk_not(x, Z3_mk_eq(x->z, va->s, vb->s));
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
					a = smt_mk_and(x, a, smt_mk_not(x, v->bits[j]));
				nl[nn++].lit = a;
			} else {
				nl[nn++].lit = smt_var_eq(x, v, zero);
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
	if (smt_is_false(x, q))
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
			Z3_model m = found(D, smt_mk_and(x, o->outcome[a], n->outcome[b]));
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
			a = smt_mk_and(x, a, lp_bit(w, m) ? d->oblig_val[io][m] : smt_mk_not(x, d->oblig_val[io][m]));
		return a;
	}
	return smt_mk_eq(x, d->oblig_val[io][0], smt_k64(x, (int64_t)w[0]));
}

static Z3_ast oval_differ(differ *D, int io, int in)
{
	smt_ctx *x = D->x;
	const smt_decision *a = &D->e[0]->d, *b = &D->e[1]->d;
	Z3_ast eq = x->t;
	for (uint32_t m = 0; m < a->oblig_n[io]; m++)
		eq = smt_mk_and(x, eq, smt_mk_eq(x, a->oblig_val[io][m], b->oblig_val[in][m]));
	return smt_mk_not(x, eq);
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
			if (smt_model_bool(x, m, d->oblig_val[io][k]))
				lp_bit_set(w, k);
	} else {
		w[0] = (uint64_t)smt_model_num(x, m, d->oblig_val[io][0]);
	}
}

/* Enumerates the kinds of one obligation change: `q` the change; the
 * values are read from the sides in `vs` (bit 0 old, bit 1 new) and each
 * found combination is blocked. */
static void oblig_kind(differ *D, int ctype, const char *name, int io[2], Z3_ast q)
{
	smt_ctx *x = D->x;
	if (smt_is_false(x, q))
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
						other = smt_mk_and(x, other, smt_mk_not(x, smt_mk_eq(x, D->e[s]->d.oblig_val[io[s]][0],
						                                      smt_k64(x, E->oconst[io[s]][k]))));
					blk = smt_mk_and(x, blk, other);
					continue;
				}
			}
			blk = smt_mk_and(x, blk, oval_eq(D, s, io[s], w[s]));
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
		Z3_solver_assert(x->z, D->S, smt_mk_not(x, blk));
		qb = smt_mk_and(x, qb, smt_mk_not(x, blk));
	}
	Z3_solver_pop(x->z, D->S, 1);
}

static void oblig_kinds(differ *D)
{
	smt_ctx *x = D->x;
	const lp_schema *so = &D->c[0]->schema, *sn = &D->c[1]->schema;
	const smt_decision *o = &D->e[0]->d, *n = &D->e[1]->d;
	Z3_ast carry = smt_mk_and(x, smt_mk_not(x, o->outcome[PO_REFUSE]), smt_mk_not(x, n->outcome[PO_REFUSE]));
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
			oblig_kind(D, SMT_OBLIG_ADDED, name, io, smt_mk_and(x, carry, smt_mk_and(x, smt_mk_not(x, set_o), set_n)));
			oblig_kind(D, SMT_OBLIG_REMOVED, name, io, smt_mk_and(x, carry, smt_mk_and(x, set_o, smt_mk_not(x, set_n))));
			if (io[0] >= 0 && io[1] >= 0 && so->obligs[io[0]].combine != PC_FLAG)
				oblig_kind(D, SMT_OBLIG_VALUE, name, io,
				           smt_mk_and(x, smt_mk_and(x, set_o, set_n), oval_differ(D, io[0], io[1])));
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
		Z3_ast same = smt_mk_and(x, o->outcome[a], n->outcome[a]);
		if (smt_is_false(x, same))
			continue;
		for (size_t i = 0; i < np; i++) {
			int io[2] = { cp[i].io[0], cp[i].io[1] };
			Z3_ast g[2];
			for (int sd = 0; sd < 2; sd++)
				g[sd] = io[sd] >= 0 ? (sd ? n : o)->grounds[io[sd]] : x->f;
			for (int added = 1; added >= 0; added--) {
				Z3_model m = found(D, smt_mk_and(x, same, added ? smt_mk_and(x, smt_mk_not(x, g[0]), g[1])
				                                            : smt_mk_and(x, g[0], smt_mk_not(x, g[1]))));
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
		same = smt_mk_or(x, same, smt_mk_and(x, o->outcome[a], n->outcome[a]));
	size_t np;
	const clause_pair *cp = clause_pairs(D, &np);
	for (size_t i = 0; i < np; i++) {
		Z3_ast go = cp[i].io[0] >= 0 ? o->grounds[cp[i].io[0]] : x->f;
		Z3_ast gn = cp[i].io[1] >= 0 ? n->grounds[cp[i].io[1]] : x->f;
		other = smt_mk_or(x, other, smt_mk_not(x, smt_mk_eq(x, go, gn)));
	}
	return smt_mk_and(x, same, other);
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
			any = smt_mk_or(x, any, smt_mk_not(x, smt_mk_eq(x, set_o, set_n)));
			if (io[0] >= 0 && io[1] >= 0 && so->obligs[io[0]].combine != PC_FLAG)
				any = smt_mk_or(x, any, smt_mk_and(x, smt_mk_and(x, set_o, set_n), oval_differ(D, io[0], io[1])));
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
			int k = smt_member_index(en, va->en->members[m]);
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
	q[0] = smt_mk_and(x, ro, smt_mk_not(x, rn));                       /* more */
	q[1] = smt_mk_and(x, smt_mk_not(x, ro), rn);                       /* less */
	q[2] = smt_mk_or(x, smt_mk_and(x, smt_mk_and(x, smt_mk_not(x, ro), smt_mk_not(x, rn)),  /* changed */
	                       smt_mk_or(x, smt_mk_not(x, smt_mk_eq(x, o->outcome[PO_GRANT], n->outcome[PO_GRANT])),
	                             oblig_differ_any(D))),
	             grounds_differ_any(D));
	Z3_ast ina = x->f, inb = x->f;
	for (size_t i = 0; i < np; i++) {
		ina = smt_mk_or(x, ina, smt_var_eq(x, va, (uint64_t[]){ pm[i] }));
		inb = smt_mk_or(x, inb, smt_var_eq(x, vb, (uint64_t[]){ pm[i] }));
	}
	Z3_ast dom = smt_mk_and(x, smt_mk_and(x, ina, inb), smt_mk_not(x, Z3_mk_eq(x->z, va->s, vb->s)));
	for (int t = 0; t < 3; t++) {
		if (smt_is_false(x, q[t]))
			continue;
		Z3_solver_push(x->z, D->S);
		Z3_solver_assert(x->z, D->S, smt_mk_and(x, dom, q[t]));
		while (check(D, 0, NULL) == Z3_L_TRUE) {
			Z3_model m = get_model(D);
			uint64_t a = (uint64_t)smt_model_num(x, m, va->s), b = (uint64_t)smt_model_num(x, m, vb->s);
			uint64_t s = (uint64_t)smt_model_num(x, m, vs->s);
			Z3_model_dec_ref(x->z, m);
			smt_signature *sg = &r->sigs[at[a * va->nmembers + b] + s];
			if (t == 0)
				sg->more = 1;
			else if (t == 1)
				sg->less = 1;
			else
				sg->changed = 1;
			Z3_ast blk = smt_mk_and(x, smt_var_eq(x, va, &a), smt_mk_and(x, smt_var_eq(x, vb, &b), smt_var_eq(x, vs, &s)));
			Z3_solver_assert(x->z, D->S, smt_mk_not(x, blk));
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
