/* check_prove.c — the prover (compiler/prove.c): asserts proven or broken
 * with the nearest counterexample, only within the agreement's term;
 * explain --to's nearest request and its impossibility; reciprocity with
 * party-keyed tables and reservations set aside. */
#include "helpers.h"
#include "prove.h"

static const char *const HEAD =
	"agreement \"P\" parties XA, XB effective 2025-01-01 expires 2026-12-31\n"
	"enum country { XA, XB, XC }\n"
	"enum kind { alpha, beta, gamma }\n"
	"request {\n"
	"  requesting_party: country\n"
	"  requested_party: country\n"
	"  submitted: date\n"
	"  n: int = 0\n"
	"  flag: bool = false\n"
	"  ks: set of kind = {}\n"
	"}\n";

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static int compiled(tc *t, const char *src)
{
	char *full = malloc(strlen(HEAD) + strlen(src) + 1);
	strcpy(full, HEAD);
	strcat(full, src);
	int n = tc_compile(t, full, 1);
	free(full);
	return n;
}

START_TEST(test_asserts_proven_and_broken)
{
	tc t;
	ck_assert_int_eq(compiled(&t, "clause 1 grant when n > 10\n"
	                              "assert \"a\" always outcome = grant implies n > 10\n"
	                              "assert \"b\" never outcome = grant\n"
	                              "assert \"c\" always outcome = refuse or ks = {}\n"
	                              "assert \"d\" always grounded_by 1 or grounded_by default\n"), 0);
	prove_result r[4];
	prove_asserts(t.lw, r, 1);
	ck_assert_int_eq(r[0].status, PROVE_PROVEN);
	ck_assert_int_eq(r[0].vacuous, 0);   /* some request is granted */
	ck_assert_int_eq(r[1].status, PROVE_FAILS);
	/* the nearest request: n just past the bound, nothing else moved,
	 * the Parties the first two listed, the term's first day */
	ck_assert_str_eq(r[1].request_json, "{\"requesting_party\": \"XA\", \"requested_party\": \"XB\", "
	                                    "\"submitted\": \"2025-01-01\", \"n\": 11}");
	ck_assert_ptr_nonnull(strstr(r[1].decision_json, "\"outcome\": \"grant\""));
	ck_assert_int_eq(r[2].status, PROVE_FAILS);
	/* one member of ks (any: the three are as near) */
	ck_assert_msg(strstr(r[2].request_json, "\"n\": 11, \"ks\": [\"") && !strchr(strstr(r[2].request_json, "ks"), ','),
	              "%s", r[2].request_json);
	/* out of the term, step 0 would ground the refusal on the agreement;
	 * the proof ranges over the term only, but not over the Parties */
	ck_assert_int_eq(r[3].status, PROVE_FAILS);
	ck_assert_ptr_nonnull(strstr(r[3].request_json, "\"requesting_party\": \"XC\""));
	for (int i = 0; i < 4; i++)
		prove_result_free(&r[i]);
	tc_free(&t);
}
END_TEST

START_TEST(test_explain_to)
{
	tc t;
	ck_assert_int_eq(compiled(&t, "clause 1 grant when n > 10\n"
	                              "clause 2 refuse when flag and n < 50\n"
	                              "clause 3 refer when n > 100\n"), 0);
	uint64_t *req = xcalloc(t.lw->schema.nslots + 1, sizeof *req);
	lp_json_error je;
	lp_request_id id;
	const char *j = "{\"requesting_party\": \"XA\", \"requested_party\": \"XB\", \"submitted\": \"2025-06-01\", "
	                "\"n\": 3, \"flag\": true}";
	ck_assert_int_eq(lp_json_decode_request(&t.lw->schema, j, strlen(j), 1, req, &id, &je), 0);
	lp_strbuf b = { 0 };
	/* one field rather than two (n and flag), and n as near 3 as can be */
	ck_assert_int_eq(prove_explain_to(t.lw, req, PO_GRANT, NULL, 0, &b, NULL), PROVE_FAILS);
	lp_sb_put(&b, "", 1);
	ck_assert_msg(starts(b.data, "granted if\n  n were 50 instead of 3 (clauses 1, 2)\nrequest: "), "%s", b.data);
	ck_assert_ptr_nonnull(strstr(b.data, "\"n\": 50, \"flag\": true}\nthen:\noutcome: grant\n"));
	lp_sb_free(&b);
	ck_assert_int_eq(prove_explain_to(t.lw, req, PO_REFER, NULL, 0, &b, NULL), PROVE_FAILS);
	lp_sb_put(&b, "", 1);
	ck_assert_msg(starts(b.data, "referred if\n  n were 101 instead of 3 (clauses 1, 2, 3)\n"), "%s", b.data);
	lp_sb_free(&b);
	/* already so: said, and explained */
	ck_assert_int_eq(prove_explain_to(t.lw, req, PO_REFUSE, NULL, 0, &b, NULL), PROVE_FAILS);
	lp_sb_put(&b, "", 1);
	ck_assert_msg(starts(b.data, "already refused:\noutcome: refuse\n"), "%s", b.data);
	lp_sb_free(&b);
	tc_free(&t);
	/* never granted: clause 2 refuses whatever clause 1 grants */
	ck_assert_int_eq(compiled(&t, "clause 1 grant when n > 10\nclause 2 refuse when n > 5\n"), 0);
	ck_assert_int_eq(prove_explain_to(t.lw, req, PO_GRANT, NULL, 0, &b, NULL), PROVE_PROVEN);
	lp_sb_put(&b, "", 1);
	ck_assert_str_eq(b.data, "no request is granted under this agreement, whatever its facts: "
	                         "whenever a clause would decide so, clause 2 decides otherwise\n");
	lp_sb_free(&b);
	free(req);
	tc_free(&t);
}
END_TEST

START_TEST(test_reciprocity)
{
	tc t;
	prove_result r;
	/* each Party's own row goes with it; XB's reservation is set aside */
	ck_assert_int_eq(compiled(&t, "table law: country -> bool { XA: true  _: false }\n"
	                              "clause 1 grant when law[requested_party]\n"
	                              "reservation XB 9.R\n  refuse when flag\n"), 0);
	prove_reciprocity(t.lw, &r);
	ck_assert_int_eq(r.status, PROVE_PROVEN);
	ck_assert_str_eq(r.aside, "  not compared where they apply: reservation XB 9.R\n"
	                          "  each Party's own row goes with it: table law\n");
	prove_result_free(&r);
	tc_free(&t);
	/* a Party named in a rule: asymmetric, with the pair */
	ck_assert_int_eq(compiled(&t, "clause 1 grant\nclause 2 refuse when requesting_party = XB\n"), 0);
	prove_reciprocity(t.lw, &r);
	ck_assert_int_eq(r.status, PROVE_FAILS);
	ck_assert_ptr_nonnull(strstr(r.asymmetries, "  asymmetry: grant, swapped refuse\n"
	                             "    request: {\"requesting_party\": \"XA\", \"requested_party\": \"XB\""));
	ck_assert_ptr_nonnull(strstr(r.asymmetries, "    swapped: {\"requesting_party\": \"XB\", \"requested_party\": \"XA\""));
	prove_result_free(&r);
	tc_free(&t);
}
END_TEST

Suite *prove_suite(void)
{
	Suite *s = suite_create("prove");
	TCase *c = tcase_create("prove");
	tcase_set_timeout(c, 60);
	tcase_add_test(c, test_asserts_proven_and_broken);
	tcase_add_test(c, test_explain_to);
	tcase_add_test(c, test_reciprocity);
	suite_add_tcase(s, c);
	return s;
}
