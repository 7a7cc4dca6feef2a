/* check_lower.c — the lowered program: schema, constants folded, clauses
 * and rules as indices, tests as requests, rule indexing. */
#include "helpers.h"

static int lowered(tc *t, const char *src)
{
	return tc_compile_prelude(t, src);
}

/* The field's index by name. */
static uint32_t field(const lw_program *lw, const char *name)
{
	for (uint32_t i = 0; i < lw->schema.nfields; i++)
		if (!strcmp(lw->schema.fields[i].name, name))
			return i;
	ck_abort_msg("no field %s", name);
	return 0;
}

START_TEST(test_schema)
{
	tc t;
	/* `unused` is imposed by no rule, so it takes no room in decisions */
	ck_assert_int_eq(lowered(&t, "obligation keep: days combine min\nobligation unused\nobligation f\n"
	                             "clause 1 oblige f\n  oblige keep 3 days\n"), 0);
	const lp_schema *s = &t.lw->schema;
	ck_assert_uint_eq(s->nfields, 8);
	ck_assert_uint_eq(s->nslots, 8);   /* kind has 3 members: one word */
	ck_assert_str_eq(s->fields[7].name, "ks");
	ck_assert_int_eq(s->fields[7].kind, PK_SET);
	ck_assert(s->fields[1].has_default);
	ck_assert_uint_eq(s->noblig, 2);
	ck_assert_int_eq(s->obligs[0].combine, PC_MIN);
	ck_assert_int_eq(s->obligs[1].combine, PC_FLAG);
	ck_assert_uint_eq(s->noblig_slots, 1);
	/* every declared obligation is listed, the unused one without a slot */
	ck_assert_uint_eq(t.lw->nobligs, 3);
	ck_assert_str_eq(t.lw->obligs[1].name, "unused");
	ck_assert_uint_eq(t.lw->obligs[1].schema, LW_NONE);
	ck_assert_uint_eq(t.lw->obligs[2].schema, 1);
	tc_free(&t);
}
END_TEST

START_TEST(test_constants_folded)
{
	tc t;
	ck_assert_int_eq(lowered(&t,
		"define big = 3 + 4\n"
		"define late = 9999-12-30 + 5 days\n"          /* clamped to the calendar */
		"define odd = {alpha, gamma} - {gamma} | {beta}\n"
		"define reads = n + big\n"
		"table tk: kind -> int { alpha: 1  beta: big  _: 5 }\n"
		"table tr: kind -> int { _: n }\n"
		"request { z: int = big + 1 }\n"), 0);
	const lw_program *lw = t.lw;
	ck_assert_uint_eq(lw->ndefines, 4);
	ck_assert_ptr_nonnull(lw->defines[0].folded);
	ck_assert_int_eq((int64_t)lw->defines[0].folded[0], 7);
	ck_assert_int_eq((int64_t)lw->defines[1].folded[0], LP_DATE_MAX);
	ck_assert_uint_eq(lw->defines[2].folded[0], (1u << 0) | (1u << 1));
	ck_assert(lw->defines[3].uses_fields);
	ck_assert_ptr_null(lw->defines[3].folded);
	/* a constant table's rows, `_` filled in; one that reads the request has none */
	ck_assert_uint_eq(lw->tables[0].nkeys, 3);
	ck_assert_int_eq((int64_t)lw->tables[0].rows[0], 1);
	ck_assert_int_eq((int64_t)lw->tables[0].rows[1], 7);
	ck_assert_int_eq((int64_t)lw->tables[0].rows[2], 5);
	ck_assert_ptr_null(lw->tables[1].rows);
	/* a default that names a define */
	uint32_t z = field(lw, "z");
	ck_assert(lw->schema.fields[z].has_default);
	ck_assert_int_eq((int64_t)lw->schema.fields[z].defval[0], 8);
	tc_free(&t);
}
END_TEST

START_TEST(test_clauses_and_rules)
{
	tc t;
	ck_assert_int_eq(lowered(&t,
		"request { submitted: date = 2025-01-01 }\n"
		"article 1 \"One\"\n"
		"clause 1.1 grant when n > 1\n  refuse when flag because \"no\"\n"
		"clause 1.2 from 2025-02-01 sunset 2025-03-01\n  exempts 1.1, 1.3 when k = beta\n"
		"clause 1.3 refer\n"), 0);
	const lw_program *lw = t.lw;
	ck_assert_uint_eq(lw->schema.nclauses, 3);
	ck_assert_uint_eq(lw->narticles, 1);
	ck_assert_uint_eq(lw->clauses[0].article, 0);
	ck_assert_uint_eq(lw->clauses[0].rule0, 0);
	ck_assert_uint_eq(lw->clauses[0].nrules, 2);
	ck_assert_str_eq(lw->rules[1].reason, "no");
	ck_assert_uint_eq(lw->rules[1].clause, 0);
	const lw_clause *c2 = &lw->clauses[1];
	ck_assert(c2->has_from && c2->has_sunset);
	const lw_rule *ex = &lw->rules[c2->rule0];
	ck_assert_int_eq(ex->action, PA_EXEMPTS);
	ck_assert_uint_eq(ex->nexempts, 2);
	ck_assert_uint_eq(ex->exempts[0], 0);
	ck_assert_uint_eq(ex->exempts[1], 2);
	/* the exempting clause comes before the clauses it exempts */
	ck_assert_uint_eq(lw->order[0], 1);
	tc_free(&t);
}
END_TEST

START_TEST(test_tests_as_requests)
{
	tc t;
	ck_assert_int_eq(lowered(&t,
		"obligation keep: days combine min\n"
		"clause 1 grant\n  oblige keep 30 days\n"
		"fixture base given n = 4, k = gamma\n"
		"fixture more given base, flag = true\n"
		"test \"t\" given more, n = 9 expect grant by 1 with keep 30 days\n"), 0);
	const lw_program *lw = t.lw;
	ck_assert_uint_eq(lw->ntests, 1);
	const lw_test *x = &lw->tests[0];
	const lp_schema *s = &lw->schema;
	/* defaults, then the fixtures (nested), then its own values */
	ck_assert_int_eq((int64_t)x->request[s->fields[field(lw, "n")].slot], 9);
	ck_assert_int_eq((int64_t)x->request[s->fields[field(lw, "k")].slot], 2);
	ck_assert_int_eq((int64_t)x->request[s->fields[field(lw, "flag")].slot], 1);
	ck_assert_int_eq((int64_t)x->request[s->fields[field(lw, "d")].slot], 0);
	ck_assert_int_eq(x->by, EXPECT_LABELS);
	ck_assert_uint_eq(x->ngrounds, 1);
	ck_assert_uint_eq(x->grounds[0], 0);
	ck_assert_uint_eq(x->nwith, 1);
	ck_assert_uint_eq(x->with[0].oblig, 0);
	ck_assert_int_eq((int64_t)x->with[0].folded[0], 30);
	tc_free(&t);
}
END_TEST

START_TEST(test_rule_indexing)
{
	tc t;
	const char *src =
		"clause 1 grant when k = alpha and n > 1\n"
		"clause 2 refuse when k in {beta, gamma}\n"
		"clause 3 refer when k = beta\n  exempts 4\n"
		"clause 4 refuse when k = gamma\n";
	setenv("PACTA_INDEX_MIN", "1", 1);
	ck_assert_int_eq(lowered(&t, src), 0);
	unsetenv("PACTA_INDEX_MIN");
	const lw_program *lw = t.lw;
	uint32_t k = field(lw, "k");
	ck_assert_uint_eq(lw->rules[0].key_field, k);
	ck_assert(lp_bit(lw->rules[0].key_members, 0));
	ck_assert(!lp_bit(lw->rules[0].key_members, 1));
	ck_assert_uint_eq(lw->rules[1].key_field, k);
	ck_assert(lp_bit(lw->rules[1].key_members, 1) && lp_bit(lw->rules[1].key_members, 2));
	/* rules that exempt, or can be exempted, keep their order: in line */
	ck_assert_uint_eq(lw->rules[2].key_field, k);
	ck_assert_uint_eq(lw->rules[3].key_field, LW_NONE);
	ck_assert_uint_eq(lw->rules[4].key_field, LW_NONE);
	tc_free(&t);
	/* at the default threshold (16) nothing here is indexed */
	ck_assert_int_eq(lowered(&t, src), 0);
	ck_assert_uint_eq(t.lw->rules[0].key_field, LW_NONE);
	tc_free(&t);
}
END_TEST

START_TEST(test_asserts)
{
	tc t;
	ck_assert_int_eq(lowered(&t, "obligation keep: days combine min\n"
	                             "clause 1 grant when flag\n  oblige keep 3 days\n"
	                             "assert \"capped\" always outcome = grant implies keep <= 3 days\n"
	                             "assert \"no refusal\" never outcome = refuse and fired 1\n"), 0);
	const lw_program *lw = t.lw;
	ck_assert_uint_eq(lw->nasserts, 2);
	ck_assert_str_eq(lw->asserts[0].name, "capped");
	ck_assert_int_eq(lw->asserts[0].kind, ASSERT_ALWAYS);
	ck_assert_int_eq(lw->asserts[1].kind, ASSERT_NEVER);
	ck_assert_uint_eq(lw->asserts[0].file, 0);
	/* the property as the checker typed it: the facts resolved */
	const expr *p = lw->asserts[0].prop;
	ck_assert_int_eq(p->kind, E_IMPLIES);
	ck_assert_int_eq(p->a->kind, E_OUTCOME);
	ck_assert_int_eq(p->a->ival, 1 << PO_GRANT);
	ck_assert_int_eq(p->b->a->ref, REF_OBLIG);
	ck_assert_str_eq(lw->obligs[p->b->a->index].name, "keep");
	const expr *f = lw->asserts[1].prop->b;
	ck_assert_int_eq(f->kind, E_FIRED);
	ck_assert_str_eq(lw->clauses[f->index].label, "1");
	/* outcome != refuse is the other two outcomes */
	tc_free(&t);
	ck_assert_int_eq(lowered(&t, "clause 1 grant\nassert \"x\" always outcome != refuse\n"), 0);
	ck_assert_int_eq(t.lw->asserts[0].prop->ival, 1 << PO_GRANT | 1 << PO_REFER);
	tc_free(&t);
}
END_TEST

Suite *lower_suite(void)
{
	Suite *s = suite_create("lower");
	TCase *c = tcase_create("lower");
	tcase_add_test(c, test_schema);
	tcase_add_test(c, test_constants_folded);
	tcase_add_test(c, test_clauses_and_rules);
	tcase_add_test(c, test_tests_as_requests);
	tcase_add_test(c, test_rule_indexing);
	tcase_add_test(c, test_asserts);
	suite_add_tcase(s, c);
	return s;
}
