/* check_eval.c — the reference evaluator on requests given as JSON. */
#include "helpers.h"

typedef struct run {
	tc t;
	uint64_t req[64];
	void *mem;
	lp_decision_buf d;
	evaluator *ev;
} run;

static void start(run *r, const char *src)
{
	ck_assert_msg(tc_compile(&r->t, src, 1) == 0, "compile failed: %s", r->t.err);
	r->mem = malloc(lp_decision_size(&r->t.lw->schema));
	lp_decision_layout(&r->t.lw->schema, &r->d, r->mem);
	r->ev = eval_new(r->t.lw);
	ck_assert_uint_le(r->t.lw->schema.nslots, 64);
}

/* Decides `json`; returns the decision's JSON line (caller frees). */
static char *decide(run *r, const char *json)
{
	lp_request_id id;
	lp_json_error err;
	int rc = lp_json_decode_request(&r->t.lw->schema, json, strlen(json), 1,
	                                   r->req, &id, &err);
	ck_assert_msg(rc == 0, "decode failed: %s", err.text);
	eval_request(r->ev, r->req, &r->d);
	lp_strbuf b = { 0 };
	lp_json_encode_decision(&r->t.lw->schema, &r->d, &id, 0, &b);
	lp_sb_put(&b, "", 1);
	return b.data;
}

static void finish(run *r)
{
	eval_free(r->ev);
	free(r->mem);
	tc_free(&r->t);
}

#define EXPECT(r, json, want) do { \
	char *_got = decide((r), (json)); \
	ck_assert_str_eq(_got, (want)); \
	free(_got); \
} while (0)

static const char *const AGR =
	"agreement \"T\" parties XA, XB effective 2025-01-01 expires 2025-12-31 default refuse\n"
	"enum party { XA, XB, XC }\n"
	"request { requesting_party: party  requested_party: party  submitted: date  n: int = 0  f: bool = false  g: bool = false }\n"
	"obligation keep: int combine min\n"
	"obligation most: int combine max\n"
	"obligation flag\n"
	"clause 1 grant when n > 0\n"
	"clause 2 refer when f\n"
	"clause 3 refuse when g unless n > 100\n"
	"clause 4 oblige keep 30 when n > 5\n"
	"  oblige keep 10 when n > 50\n"
	"  oblige most 7\n  oblige most 9 when f\n"
	"  oblige flag\n";

START_TEST(test_step0_agreement)
{
	run r;
	start(&r, "agreement \"T\" parties XA, XB effective 2025-01-01 expires 2025-12-31\n"
	          "enum party { XA, XB, XC }\n"
	          "request { requesting_party: party  requested_party: party  submitted: date }\n"
	          "clause 1 grant\n");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-01-01\"}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {}}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2024-12-31\"}",
	       "{\"outcome\": \"refuse\", \"grounds\": [\"agreement\"]}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-12-31\"}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {}}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2026-01-01\"}",
	       "{\"outcome\": \"refuse\", \"grounds\": [\"agreement\"]}");
	EXPECT(&r, "{\"requesting_party\":\"XC\",\"requested_party\":\"XB\",\"submitted\":\"2025-06-01\"}",
	       "{\"outcome\": \"refuse\", \"grounds\": [\"agreement\"]}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XC\",\"submitted\":\"2025-06-01\"}",
	       "{\"outcome\": \"refuse\", \"grounds\": [\"agreement\"]}");
	finish(&r);
}
END_TEST

START_TEST(test_strongest_and_default)
{
	run r;
	start(&r, AGR);
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\"}",
	       "{\"outcome\": \"refuse\", \"grounds\": [\"default\"]}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\",\"n\":1}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {\"most\": 7, \"flag\": true}}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\",\"n\":1,\"f\":true}",
	       "{\"outcome\": \"refer\", \"grounds\": [\"2\"], \"obligations\": {\"most\": 9, \"flag\": true}}");
	/* refuse beats refer and grant; a refusal carries no obligations */
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\",\"n\":1,\"f\":true,\"g\":true}",
	       "{\"outcome\": \"refuse\", \"grounds\": [\"3\"]}");
	/* unless: g and not n > 100 */
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\",\"n\":101,\"g\":true}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {\"keep\": 10, \"most\": 7, \"flag\": true}}");
	finish(&r);
}
END_TEST

START_TEST(test_combine_min)
{
	run r;
	start(&r, AGR);
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\",\"n\":6}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {\"keep\": 30, \"most\": 7, \"flag\": true}}");
	EXPECT(&r, "{\"requesting_party\":\"XA\",\"requested_party\":\"XB\",\"submitted\":\"2025-02-01\",\"n\":51}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {\"keep\": 10, \"most\": 7, \"flag\": true}}");
	finish(&r);
}
END_TEST

START_TEST(test_sets_union_intersect)
{
	run r;
	start(&r, "enum e { p, q, s }\nrequest { x: int = 0 }\n"
	          "obligation u: set of e combine union\n"
	          "obligation i: set of e combine intersect\n"
	          "clause 1 grant\n  oblige u {p} when x > 0\n  oblige u {q}\n"
	          "  oblige i {p, q}\n  oblige i {q, s} when x > 0\n");
	EXPECT(&r, "{}", "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {\"u\": [\"q\"], \"i\": [\"p\", \"q\"]}}");
	EXPECT(&r, "{\"x\":1}", "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {\"u\": [\"p\", \"q\"], \"i\": [\"q\"]}}");
	finish(&r);
}
END_TEST

START_TEST(test_exemption_chain)
{
	run r;
	/* 3 exempts 2 exempts 1: when 3 fires, 2 is inactive, so 1 stays */
	start(&r, "request { x: bool = false  y: bool = false }\n"
	          "clause 1 refuse\n"
	          "clause 2 exempts 1 when x\n"
	          "clause 3 exempts 2 when y\n"
	          "clause 4 grant\n");
	EXPECT(&r, "{}", "{\"outcome\": \"refuse\", \"grounds\": [\"1\"]}");
	EXPECT(&r, "{\"x\":true}", "{\"outcome\": \"grant\", \"grounds\": [\"4\"], \"obligations\": {}}");
	EXPECT(&r, "{\"x\":true,\"y\":true}", "{\"outcome\": \"refuse\", \"grounds\": [\"1\"]}");
	finish(&r);
}
END_TEST

START_TEST(test_from_sunset_inclusive)
{
	run r;
	start(&r, "request { submitted: date }\n"
	          "clause 1 from 2026-01-01 sunset 2026-12-31 grant\n");
	EXPECT(&r, "{\"submitted\":\"2025-12-31\"}", "{\"outcome\": \"refuse\", \"grounds\": [\"default\"]}");
	EXPECT(&r, "{\"submitted\":\"2026-01-01\"}", "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {}}");
	EXPECT(&r, "{\"submitted\":\"2026-12-31\"}", "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {}}");
	EXPECT(&r, "{\"submitted\":\"2027-01-01\"}", "{\"outcome\": \"refuse\", \"grounds\": [\"default\"]}");
	finish(&r);
}
END_TEST

START_TEST(test_saturating_and_dates)
{
	run r;
	start(&r, "request { n: int = 0  s: date = 2024-02-28 }\n"
	          "clause big grant when n + 9223372036854775807 = 9223372036854775807 + 5 and n > 0\n"
	          "clause leap grant when s + 1 days = 2024-02-29 and 2024-03-01 - 2024-02-01 = 29 days\n"
	          "clause noleap refer when s + 1 days = 2023-03-01\n");
	EXPECT(&r, "{}", "{\"outcome\": \"grant\", \"grounds\": [\"leap\"], \"obligations\": {}}");
	EXPECT(&r, "{\"n\":3}", "{\"outcome\": \"grant\", \"grounds\": [\"big\", \"leap\"], \"obligations\": {}}");
	EXPECT(&r, "{\"s\":\"2023-02-28\"}", "{\"outcome\": \"refer\", \"grounds\": [\"noleap\"], \"obligations\": {}}");
	finish(&r);
}
END_TEST

START_TEST(test_dates_saturate_at_calendar_ends)
{
	run r;
	start(&r, "request { s: date }\n"
	          "obligation last: date combine max\n"
	          "clause past refer when s + 1 days > 9999-12-31 or s - 1 days < 0001-01-01\n"
	          "clause ok grant\n  oblige last s + 1 days\n");
	EXPECT(&r, "{\"s\":\"9999-12-31\"}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"ok\"], \"obligations\": {\"last\": \"9999-12-31\"}}");
	EXPECT(&r, "{\"s\":\"0001-01-01\"}",
	       "{\"outcome\": \"grant\", \"grounds\": [\"ok\"], \"obligations\": {\"last\": \"0001-01-02\"}}");
	finish(&r);
}
END_TEST

START_TEST(test_tables_and_defines)
{
	run r;
	start(&r, "enum c { A, B, C }\nenum o { x, y, z }\n"
	          "request { p: c  q: c  off: o }\n"
	          "table crim: c -> set of o { A: {x, y}  B: {y, z}  _: {} }\n"
	          "define dual = off in crim[p] and off in crim[q]\n"
	          "clause 1 grant when dual\n");
	EXPECT(&r, "{\"p\":\"A\",\"q\":\"B\",\"off\":\"y\"}", "{\"outcome\": \"grant\", \"grounds\": [\"1\"], \"obligations\": {}}");
	EXPECT(&r, "{\"p\":\"A\",\"q\":\"B\",\"off\":\"x\"}", "{\"outcome\": \"refuse\", \"grounds\": [\"default\"]}");
	EXPECT(&r, "{\"p\":\"A\",\"q\":\"C\",\"off\":\"y\"}", "{\"outcome\": \"refuse\", \"grounds\": [\"default\"]}");
	finish(&r);
}
END_TEST

START_TEST(test_out_of_force_not_traced_as_exempted)
{
	run r;
	start(&r, "request { submitted: date }\n"
	          "clause 1 from 2030-01-01 refuse\n"
	          "clause 2 exempts 1\n"
	          "clause 3 from 2020-01-01 refuse\n"
	          "clause 4 exempts 3\n");
	lp_request_id id = { 0 };
	lp_json_error err;
	const char *j = "{\"submitted\":\"2027-01-01\"}";
	ck_assert_int_eq(lp_json_decode_request(&r.t.lw->schema, j, strlen(j), 1, r.req, &id, &err), 0);
	eval_request(r.ev, r.req, &r.d);
	lp_strbuf b = { 0 };
	lp_json_encode_decision(&r.t.lw->schema, &r.d, &id, 1, &b);
	lp_sb_put(&b, "", 1);
	ck_assert_ptr_nonnull(strstr(b.data, "\"exempted\": [{\"clause\": \"3\", \"by\": \"4\"}]"));
	lp_sb_free(&b);
	finish(&r);
}
END_TEST

START_TEST(test_deterministic_order_independent)
{
	/* the same clauses written in another order decide the same */
	run r1, r2;
	start(&r1, "request { x: bool = false }\nclause 1 refuse\nclause 2 exempts 1 when x\nclause 3 grant\n");
	start(&r2, "request { x: bool = false }\nclause 3 grant\nclause 2 exempts 1 when x\nclause 1 refuse\n");
	char *a = decide(&r1, "{\"x\":true}"), *b = decide(&r2, "{\"x\":true}");
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	finish(&r1);
	finish(&r2);
}
END_TEST

/* The decision's facts as eval_property reads them, assert by assert of
 * the program, on the request last decided. */
static int property(run *r, uint32_t i)
{
	return eval_property(r->ev, r->t.lw->asserts[i].prop, r->req, &r->d);
}

START_TEST(test_property_facts)
{
	run r;
	start(&r, "enum kind { a, b, c }\n"
	          "request { k: kind  x: bool = false  y: bool = false }\n"
	          "obligation keep: int combine min\n"
	          "obligation most: int combine max\n"
	          "obligation some: set of kind combine union\n"
	          "obligation every: set of kind combine intersect\n"
	          "obligation flag\n"
	          "obligation never_imposed\n"
	          "clause 1 grant when k = a\n  oblige keep 30 when x\n  oblige some {b} when x\n"
	          "clause 2 refer when k = b\n  oblige flag when k = b\n"
	          "clause 3 may refuse when y\n"
	          "clause 4 refuse when k = c\n"
	          "clause 5 exempts 4 when x\n"
	          "assert \"0\" always outcome = grant\n"
	          "assert \"1\" always outcome in {grant, refer}\n"
	          "assert \"2\" always grounded_by 1\n"
	          "assert \"3\" always grounded_by default\n"
	          "assert \"4\" always discretionary 3\n"
	          "assert \"5\" always exempted 4\n"
	          "assert \"6\" always fired 5\n"
	          "assert \"7\" always imposed keep\n"
	          "assert \"8\" always keep = 30\n"
	          "assert \"9\" always keep = 9223372036854775807\n"
	          "assert \"10\" always most = 0 - 9223372036854775807 - 1\n"
	          "assert \"11\" always some = {b}\n"
	          "assert \"12\" always every = {a, b, c}\n"
	          "assert \"13\" always flag\n"
	          "assert \"14\" always never_imposed or imposed never_imposed\n"
	          "assert \"15\" always x implies fired 1\n");
	free(decide(&r, "{\"k\": \"a\", \"x\": true}"));   /* granted by 1, keep 30, some {b}; 5 exempts 4 */
	int want1[] = { 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1 };
	for (uint32_t i = 0; i < 16; i++)
		ck_assert_msg(property(&r, i) == want1[i], "assert %u on the first request", i);
	free(decide(&r, "{\"k\": \"c\", \"y\": true}"));   /* refused by 4; 3 fired but not a ground */
	int want2[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 0, 0, 1 };
	for (uint32_t i = 0; i < 16; i++)
		ck_assert_msg(property(&r, i) == want2[i], "assert %u on the second request", i);
	free(decide(&r, "{\"k\": \"c\", \"x\": true, \"y\": true}"));   /* 4 exempted by 5: refer by 3, discretionary */
	int want3[] = { 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 1 };
	for (uint32_t i = 0; i < 16; i++)
		ck_assert_msg(property(&r, i) == want3[i], "assert %u on the third request", i);
	free(decide(&r, "{\"k\": \"b\"}"));   /* refer by 2 with the flag */
	ck_assert(property(&r, 13));
	ck_assert(!property(&r, 4));
	finish(&r);
}
END_TEST

Suite *eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *c = tcase_create("decisions");
	tcase_add_test(c, test_step0_agreement);
	tcase_add_test(c, test_strongest_and_default);
	tcase_add_test(c, test_combine_min);
	tcase_add_test(c, test_sets_union_intersect);
	tcase_add_test(c, test_exemption_chain);
	tcase_add_test(c, test_from_sunset_inclusive);
	tcase_add_test(c, test_saturating_and_dates);
	tcase_add_test(c, test_tables_and_defines);
	tcase_add_test(c, test_dates_saturate_at_calendar_ends);
	tcase_add_test(c, test_deterministic_order_independent);
	tcase_add_test(c, test_out_of_force_not_traced_as_exempted);
	tcase_add_test(c, test_property_facts);
	suite_add_tcase(s, c);
	return s;
}
