/*
 * encode_check.c — the Z3 encoding (compiler/smt.c) must decide as the
 * reference evaluator does.
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
 * assert's property (smt_enc_prop) with eval_property().  The first difference is
 * printed with the request; the exit status is 1 on any difference.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pactac.h"
#include "randreq.h"
#include "smt.h"

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
	struct timespec t0, t1, t2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	smt_ctx *x = smt_ctx_new();
	Z3_context z = smt_z3(x);
	smt_enc *e = smt_encode(x, c, 0);
	const smt_decision *sd = smt_enc_decision(e);
	clock_gettime(CLOCK_MONOTONIC, &t1);

	/* every output term, in a fixed order */
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
	for (uint32_t i = 0; i < c->nasserts; i++)
		if (c->asserts[i].prop)
			outs[n++] = smt_enc_prop(e, c->asserts[i].prop);
	for (size_t i = 0; i < n; i++)
		sorts[i] = Z3_get_sort(z, outs[i]);
	Z3_func_decl bundle = Z3_mk_func_decl(z, Z3_mk_string_symbol(z, "decision"), (unsigned)n, sorts,
	                                      Z3_mk_bool_sort(z));
	Z3_ast all = Z3_mk_app(z, bundle, (unsigned)n, outs);

	randreq *R = randreq_new(c, seed);
	evaluator *ev = eval_new(c);
	void *mem = xcalloc(1, lp_decision_size(s));
	lp_decision_buf d;
	lp_decision_layout(s, &d, mem);
	uint64_t *req = xcalloc(s->nslots + 1, sizeof *req);
	int64_t *got = xcalloc(n + 1, sizeof *got);
	long bad = 0;
	for (long k = 0; k < count && bad == 0; k++) {
		randreq_fill(R, req);
		eval_request(ev, req, &d);
		Z3_model m = smt_enc_model(e, req);
		Z3_ast res;
		if (!Z3_model_eval(z, m, all, 0, &res) || Z3_get_ast_kind(z, res) != Z3_APP_AST ||
		    Z3_get_app_num_args(z, Z3_to_app(z, res)) != n) {
			fprintf(stderr, "%s: request %ld: the encoding did not evaluate to values\n", argv[1], k);
			bad++;
			Z3_model_dec_ref(z, m);
			break;
		}
		Z3_app ra = Z3_to_app(z, res);
		for (size_t i = 0; i < n; i++) {
			Z3_ast a = Z3_get_app_arg(z, ra, (unsigned)i);
			Z3_lbool bv = Z3_get_bool_value(z, a);
			uint64_t u;
			if (bv != Z3_L_UNDEF)
				got[i] = bv == Z3_L_TRUE;
			else if (Z3_get_ast_kind(z, a) == Z3_NUMERAL_AST && Z3_get_numeral_uint64(z, a, &u))
				got[i] = (int64_t)u;
			else {
				fprintf(stderr, "%s: request %ld: output %zu is not a value: %s\n", argv[1], k, i,
				        Z3_ast_to_string(z, a));
				bad++;
			}
		}
		Z3_model_dec_ref(z, m);
		if (bad)
			break;
		/* compare */
		char why[256] = "";
		size_t p = 0;
		for (int i = 0; i < PO__COUNT; i++, p++)
			if (got[p] != (d.outcome == i))
				snprintf(why, sizeof why, "outcome %s: encoding says %s", lp_outcome_names[i],
				         got[p] ? "yes" : "no");
		for (int i = 0; i < 3; i++, p++)
			if (got[p] != (d.ground == i))
				snprintf(why, sizeof why, "ground kind %d: encoding says %s", i, got[p] ? "yes" : "no");
		for (size_t i = 0; i < nc; i++, p++)
			if (got[p] != lp_bit(d.grounds, i))
				snprintf(why, sizeof why, "ground %s", s->clauses[i].label);
		for (size_t i = 0; i < nc; i++, p++)
			if (got[p] != lp_bit(d.discretionary, i))
				snprintf(why, sizeof why, "discretionary ground %s", s->clauses[i].label);
		for (size_t i = 0; i < nr; i++, p++)
			if (got[p] != lp_bit(d.fired, i))
				snprintf(why, sizeof why, "rule %zu of clause %s fired", i,
				         s->clauses[s->rules[i].clause].label);
		for (size_t i = 0; i < no; i++, p++)
			if (got[p] != lp_bit(d.oblig_set, i))
				snprintf(why, sizeof why, "obligation %s set", s->obligs[i].name);
		for (size_t i = 0; i < no; i++) {
			const lp_oblig_desc *od = &s->obligs[i];
			const uint64_t *w = d.oblig_val + od->slot;
			for (uint32_t k2 = 0; k2 < sd->oblig_n[i]; k2++, p++) {
				int64_t want = od->kind == PK_SET ? lp_bit(w, k2) : (int64_t)w[0];
				if (got[p] != want)
					snprintf(why, sizeof why, "obligation %s value: encoding %lld, evaluator %lld",
					         od->name, (long long)got[p], (long long)want);
			}
		}
		for (uint32_t i = 0; i < c->nasserts; i++) {
			if (!c->asserts[i].prop)
				continue;
			int want = eval_property(ev, c->asserts[i].prop, req, &d);
			if (got[p++] != want)
				snprintf(why, sizeof why, "the property of assert \"%s\": encoding %s, evaluator %s",
				         c->asserts[i].name, got[p - 1] ? "true" : "false", want ? "true" : "false");
		}
		if (why[0]) {
			lp_strbuf b = { 0 };
			lp_request_id id = { 0 };
			lp_json_encode_decision(s, &d, &id, 1, &b);
			fprintf(stderr, "%s: request %ld: the encoding differs: %s\n", argv[1], k, why);
			randreq_show_request(s, req);
			fprintf(stderr, "  evaluator: %.*s\n", (int)b.len, b.data);
			lp_sb_free(&b);
			bad++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t2);
	double enc_s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	double chk_s = (double)(t2.tv_sec - t1.tv_sec) + (t2.tv_nsec - t1.tv_nsec) / 1e9;
	printf("%s: %s, %ld requests, %zu terms compared each (encoding %.3f s, checking %.1f s)\n",
	       argv[1], bad ? "FAILED" : "encoding agrees", count, n, enc_s, chk_s);
	free(got);
	free(req);
	free(mem);
	free(outs);
	free(sorts);
	eval_free(ev);
	randreq_free(R);
	smt_ctx_free(x);
	compilation_free(&cm);
	return bad ? 1 : 0;
}
