/*
 * encode_check.c — the Z3 encoding (compiler/smt_encode.c) must decide as
 * the reference evaluator does.
 *
 *   encode_check AGREEMENT.pacta [COUNT] [SEED]
 *
 * Encodes the agreement, then for COUNT seeded random requests
 * (tests/diff/randreq.c) substitutes the request into the encoding — a Z3
 * model giving every request variable its value, and Z3_model_eval of all
 * the decision's terms at once (as the arguments of one uninterpreted
 * function, so that shared subterms are evaluated once) — and compares the
 * outcome, the ground kind, the grounds, the fired rules and the obligations
 * (set, and their values) with eval_request(), and the truth of each
 * assert's property (smt_enc_prop) with eval_property().
 *
 * An agreement that lists its Parties is also encoded as reciprocity sees
 * it (smt_encode_swapped, over the same variables): that encoding, on the
 * same model, must decide as the evaluator decides the mirrored request
 * (prove_mirror) with the two Parties' rows of the party-keyed tables
 * exchanged (prove_permuted) — else `assert reciprocal` could be proven
 * of an agreement that is not.  The first difference is printed with the
 * request; the exit status is 1 on any difference.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pactac.h"
#include "prove.h"
#include "randreq.h"
#include "smt.h"

/* The terms of one encoding's decision, in a fixed order, bundled as the
 * arguments of one function application; with the asserts' properties
 * when `e` is given. */
typedef struct bundle {
	Z3_ast all;
	size_t n;
	int64_t *got;
} bundle;

static void bundle_make(bundle *B, Z3_context z, const lw_program *c, const smt_decision *sd,
                        smt_enc *props, const char *name)
{
	const lp_schema *s = &c->schema;
	size_t nc = s->nclauses, nr = s->nrules, no = s->noblig, n = 0, cap = 6 + 2 * nc + nr + no + c->nasserts;
	for (size_t i = 0; i < no; i++)
		cap += sd->oblig_n[i];
	Z3_ast *outs = xcalloc(cap + 1, sizeof *outs);
	Z3_sort *sorts = xcalloc(cap + 1, sizeof *sorts);
	for (int i = 0; i < PO__COUNT; i++)
		outs[n++] = sd->outcome[i];
	for (int i = 0; i < 3; i++)
		outs[n++] = sd->ground[i];
	for (size_t i = 0; i < nc; i++)
		outs[n++] = sd->grounds[i];
	for (size_t i = 0; i < nc; i++)
		outs[n++] = sd->discretionary[i];
	for (size_t i = 0; i < nr; i++)
		outs[n++] = sd->fired[i];
	for (size_t i = 0; i < no; i++)
		outs[n++] = sd->oblig_set[i];
	for (size_t i = 0; i < no; i++)
		for (uint32_t k = 0; k < sd->oblig_n[i]; k++)
			outs[n++] = sd->oblig_val[i][k];
	for (uint32_t i = 0; props && i < c->nasserts; i++)
		if (c->asserts[i].prop)
			outs[n++] = smt_enc_prop(props, c->asserts[i].prop);
	for (size_t i = 0; i < n; i++)
		sorts[i] = Z3_get_sort(z, outs[i]);
	Z3_func_decl f = Z3_mk_func_decl(z, Z3_mk_string_symbol(z, name), (unsigned)n, sorts, Z3_mk_bool_sort(z));
	B->all = Z3_mk_app(z, f, (unsigned)n, outs);
	B->n = n;
	B->got = xcalloc(n + 1, sizeof *B->got);
	free(outs);
	free(sorts);
}

/* The bundle's values under model m into B->got; 0, or -1 with a message. */
static int bundle_eval(bundle *B, Z3_context z, Z3_model m, const char *file, long k)
{
	Z3_ast res;
	if (!Z3_model_eval(z, m, B->all, 0, &res) || Z3_get_ast_kind(z, res) != Z3_APP_AST ||
	    Z3_get_app_num_args(z, Z3_to_app(z, res)) != B->n) {
		fprintf(stderr, "%s: request %ld: the encoding did not evaluate to values\n", file, k);
		return -1;
	}
	Z3_app ra = Z3_to_app(z, res);
	for (size_t i = 0; i < B->n; i++) {
		Z3_ast a = Z3_get_app_arg(z, ra, (unsigned)i);
		Z3_lbool bv = Z3_get_bool_value(z, a);
		uint64_t u;
		if (bv != Z3_L_UNDEF) {
			B->got[i] = bv == Z3_L_TRUE;
		} else if (Z3_get_ast_kind(z, a) == Z3_NUMERAL_AST && Z3_get_numeral_uint64(z, a, &u)) {
			B->got[i] = (int64_t)u;
		} else {
			fprintf(stderr, "%s: request %ld: output %zu is not a value: %s\n", file, k, i,
			        Z3_ast_to_string(z, a));
			return -1;
		}
	}
	return 0;
}

/* The first difference between the bundle's values and the evaluator's
 * decision d of req (and, with ev, the asserts' properties) in why. */
static void compare(const bundle *B, const lw_program *c, const smt_decision *sd, evaluator *ev,
                    const uint64_t *req, const lp_decision_buf *d, char *why, size_t cap)
{
	const lp_schema *s = &c->schema;
	const int64_t *got = B->got;
	size_t nc = s->nclauses, nr = s->nrules, no = s->noblig, p = 0;
	for (int i = 0; i < PO__COUNT; i++, p++)
		if (got[p] != (d->outcome == i))
			snprintf(why, cap, "outcome %s: encoding says %s", lp_outcome_names[i], got[p] ? "yes" : "no");
	for (int i = 0; i < 3; i++, p++)
		if (got[p] != (d->ground == i))
			snprintf(why, cap, "ground kind %d: encoding says %s", i, got[p] ? "yes" : "no");
	for (size_t i = 0; i < nc; i++, p++)
		if (got[p] != lp_bit(d->grounds, i))
			snprintf(why, cap, "ground %s", s->clauses[i].label);
	for (size_t i = 0; i < nc; i++, p++)
		if (got[p] != lp_bit(d->discretionary, i))
			snprintf(why, cap, "discretionary ground %s", s->clauses[i].label);
	for (size_t i = 0; i < nr; i++, p++)
		if (got[p] != lp_bit(d->fired, i))
			snprintf(why, cap, "rule %zu of clause %s fired", i, s->clauses[s->rules[i].clause].label);
	for (size_t i = 0; i < no; i++, p++)
		if (got[p] != lp_bit(d->oblig_set, i))
			snprintf(why, cap, "obligation %s set", s->obligs[i].name);
	for (size_t i = 0; i < no; i++) {
		const lp_oblig_desc *od = &s->obligs[i];
		const uint64_t *w = d->oblig_val + od->slot;
		for (uint32_t k = 0; k < sd->oblig_n[i]; k++, p++) {
			int64_t want = od->kind == PK_SET ? lp_bit(w, k) : (int64_t)w[0];
			if (got[p] != want)
				snprintf(why, cap, "obligation %s value: encoding %lld, evaluator %lld", od->name,
				         (long long)got[p], (long long)want);
		}
	}
	for (uint32_t i = 0; ev && i < c->nasserts; i++) {
		if (!c->asserts[i].prop)
			continue;
		int want = eval_property(ev, c->asserts[i].prop, req, d);
		if (got[p++] != want)
			snprintf(why, cap, "the property of assert \"%s\": encoding %s, evaluator %s", c->asserts[i].name,
			         got[p - 1] ? "true" : "false", want ? "true" : "false");
	}
}

static void show(const lp_schema *s, const uint64_t *req, const lp_decision_buf *d)
{
	lp_strbuf b = { 0 };
	lp_request_id id = { 0 };
	lp_json_encode_decision(s, d, &id, 1, &b);
	randreq_show_request(s, req);
	fprintf(stderr, "  evaluator: %.*s\n", (int)b.len, b.data);
	lp_sb_free(&b);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: encode_check AGREEMENT.pacta [COUNT] [SEED]\n");
		return 2;
	}
	long count = argc > 2 ? atol(argv[2]) : 100000;
	uint64_t seed = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
	compilation cm;
	lw_program *c = randreq_compile(&cm, argv[1]);
	if (!c)
		return 1;
	const lp_schema *s = &c->schema;
	const lw_scope *sc = &c->scope;
	struct timespec t0, t1, t2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	smt_ctx *x = smt_ctx_new();
	Z3_context z = smt_z3(x);
	smt_enc *e = smt_encode(x, c, 0);
	const smt_decision *sd = smt_enc_decision(e);
	bundle B, SW = { 0 };
	bundle_make(&B, z, c, sd, e, "decision");
	/* reciprocity's view, where the agreement lists its Parties */
	int recip = sc->has_header && sc->parties && sc->f_requesting != LW_NONE && sc->f_requested != LW_NONE;
	const smt_decision *swd = NULL;
	if (recip) {
		swd = smt_enc_decision(smt_encode_swapped(x, c));
		bundle_make(&SW, z, c, swd, NULL, "swapped");
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);

	randreq *R = randreq_new(c, seed);
	evaluator *ev = eval_new(c);
	void *mem = xcalloc(1, lp_decision_size(s));
	lp_decision_buf d;
	lp_decision_layout(s, &d, mem);
	uint64_t *req = xcalloc(s->nslots + 1, sizeof *req), *mir = xcalloc(s->nslots + 1, sizeof *mir);
	/* the permuted agreements' evaluators, made as requests need them */
	uint32_t np = recip ? s->enums[s->fields[sc->f_requesting].enum_index].nmembers : 0;
	lw_program **perm = xcalloc((size_t)np * np + 1, sizeof *perm);
	evaluator **pev = xcalloc((size_t)np * np + 1, sizeof *pev);
	long bad = 0, mirrored = 0;
	for (long k = 0; k < count && bad == 0; k++) {
		randreq_fill(R, req);
		eval_request(ev, req, &d);
		Z3_model m = smt_enc_model(e, req);
		char why[256] = "";
		if (bundle_eval(&B, z, m, argv[1], k) != 0 || (recip && bundle_eval(&SW, z, m, argv[1], k) != 0)) {
			Z3_model_dec_ref(z, m);
			bad++;
			break;
		}
		Z3_model_dec_ref(z, m);
		compare(&B, c, sd, ev, req, &d, why, sizeof why);
		if (why[0]) {
			fprintf(stderr, "%s: request %ld: the encoding differs: %s\n", argv[1], k, why);
			show(s, req, &d);
			bad++;
			break;
		}
		if (!recip)
			continue;
		uint64_t a = req[s->fields[sc->f_requesting].slot], b = req[s->fields[sc->f_requested].slot];
		if (a >= np || b >= np)
			continue;
		size_t at = (size_t)a * np + b;
		if (!pev[at]) {
			perm[at] = prove_permuted(c, (uint32_t)a, (uint32_t)b);
			pev[at] = eval_new(perm[at]);
		}
		prove_mirror(c, req, mir);
		eval_request(pev[at], mir, &d);
		compare(&SW, c, swd, NULL, mir, &d, why, sizeof why);
		mirrored++;
		if (why[0]) {
			fprintf(stderr, "%s: request %ld: the swapped encoding (reciprocity) differs from the "
			        "evaluator on the mirrored request: %s\n", argv[1], k, why);
			show(s, req, &d);
			bad++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t2);
	double enc_s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	double chk_s = (double)(t2.tv_sec - t1.tv_sec) + (t2.tv_nsec - t1.tv_nsec) / 1e9;
	printf("%s: %s, %ld requests, %zu terms compared each", argv[1], bad ? "FAILED" : "encoding agrees",
	       count, B.n);
	if (recip)
		printf("; the swapped encoding on %ld of them, mirrored", mirrored);
	printf(" (encoding %.3f s, checking %.1f s)\n", enc_s, chk_s);
	for (size_t i = 0; i < (size_t)np * np; i++)
		if (pev[i]) {
			eval_free(pev[i]);
			prove_free_permuted(c, perm[i]);
		}
	free(pev);
	free(perm);
	free(B.got);
	free(SW.got);
	free(mir);
	free(req);
	free(mem);
	eval_free(ev);
	randreq_free(R);
	smt_ctx_free(x);
	compilation_free(&cm);
	return bad ? 1 : 0;
}
