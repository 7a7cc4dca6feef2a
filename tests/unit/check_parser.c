/* check_parser.c — the grammar: precedence, items, rules, tests, errors. */
#include "helpers.h"

static expr *def(tc *t, size_t i)
{
	return ((decl *)t->prog.decls.items[i])->value;
}

START_TEST(test_set_precedence)
{
	tc t;
	/* A - B | C is (A - B) | C; & binds tighter than | */
	ck_assert_int_eq(tc_compile(&t, "define x = a - b | c\ndefine y = a | b & c\n", 0), 0);
	expr *e = def(&t, 0);
	ck_assert_int_eq(e->kind, E_UNION);
	ck_assert_int_eq(e->a->kind, E_SUB);
	e = def(&t, 1);
	ck_assert_int_eq(e->kind, E_UNION);
	ck_assert_int_eq(e->b->kind, E_INTER);
	tc_free(&t);
}
END_TEST

START_TEST(test_logic_precedence)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define x = not a or b and c = d\n", 0), 0);
	expr *e = def(&t, 0);
	ck_assert_int_eq(e->kind, E_OR);
	ck_assert_int_eq(e->a->kind, E_NOT);
	ck_assert_int_eq(e->b->kind, E_AND);
	ck_assert_int_eq(e->b->b->kind, E_EQ);
	tc_free(&t);
}
END_TEST

START_TEST(test_if_else_extends_right)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define x = if a then b else c or d\n", 0), 0);
	expr *e = def(&t, 0);
	ck_assert_int_eq(e->kind, E_IF);
	ck_assert_int_eq(e->c->kind, E_OR);
	tc_free(&t);
}
END_TEST

START_TEST(test_left_assoc_arith)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define x = a - b - c\ndefine y = t[k] + 1\n", 0), 0);
	expr *e = def(&t, 0);
	ck_assert_int_eq(e->kind, E_SUB);
	ck_assert_int_eq(e->a->kind, E_SUB);
	ck_assert_int_eq(def(&t, 1)->a->kind, E_LOOKUP);
	tc_free(&t);
}
END_TEST

START_TEST(test_clause_rules)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t,
		"clause 4.4 \"Content\" from 2026-01-01 sunset 2030-12-31\n"
		"  refuse when a and b unless c because \"why\"\n"
		"  oblige retain 30 days when e\n"
		"  oblige flag\n"
		"  exempts 2.1, 3 when f\n", 0), 0);
	decl *c = t.prog.decls.items[0];
	ck_assert_int_eq(c->kind, D_CLAUSE);
	ck_assert(c->has_from && c->has_sunset);
	ck_assert_int_eq(c->rules.len, 4);
	rule *r = c->rules.items[0];
	ck_assert_int_eq(r->action, PA_REFUSE);
	ck_assert_int_eq(r->when->kind, E_AND);
	ck_assert_int_eq(r->unless->kind, E_NAME);
	ck_assert_str_eq(r->reason, "why");
	r = c->rules.items[1];
	ck_assert_str_eq(r->oblig, "retain");
	ck_assert_int_eq(r->value->kind, E_DUR);
	ck_assert_ptr_nonnull(r->when);
	r = c->rules.items[2];
	ck_assert_ptr_null(r->value);
	r = c->rules.items[3];
	ck_assert_int_eq(r->labels.len, 2);
	tc_free(&t);
}
END_TEST

START_TEST(test_test_block)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t,
		"fixture base given a = 1, b = {x, y}\n"
		"test \"t\" given base, a = 2 expect refuse by 2.1, 3.2 with r 30 days, f\n"
		"test \"u\" expect grant by default\n", 0), 0);
	decl *f = t.prog.decls.items[0];
	ck_assert_int_eq(f->given.len, 2);
	decl *x = t.prog.decls.items[1];
	ck_assert_int_eq(x->kind, D_TEST);
	ck_assert_int_eq(x->given.len, 2);
	ck_assert_ptr_null(((binding *)x->given.items[0])->value);
	ck_assert_int_eq(x->expect_outcome, PO_REFUSE);
	ck_assert_int_eq(x->expect_by, EXPECT_LABELS);
	ck_assert_int_eq(x->by.len, 2);
	ck_assert_int_eq(x->with.len, 2);
	decl *u = t.prog.decls.items[2];
	ck_assert_int_eq(u->expect_by, EXPECT_DEFAULT);
	tc_free(&t);
}
END_TEST

START_TEST(test_syntax_error_located)
{
	tc t;
	ck_assert_int_gt(tc_compile(&t, "clause 1\n  grant when\n", 0), 0);
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:2:13: error: syntax error: unexpected end of file"));
	tc_free(&t);
}
END_TEST

START_TEST(test_several_syntax_errors)
{
	tc t;
	tc_compile(&t, "define a = = 1\ndefine b = 2\nenum e { , }\ndefine c = 3\n", 0);
	ck_assert_int_eq(t.dg.errors, 2);
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:1:12:"));
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:3:10:"));
	tc_free(&t);
}
END_TEST

START_TEST(test_spans)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define x = (a + bb)\n", 0), 0);
	expr *e = def(&t, 0);
	ck_assert_int_eq(e->at.start, 12);
	ck_assert_int_eq(e->at.end, 18);
	tc_free(&t);
}
END_TEST

Suite *parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *c = tcase_create("grammar");
	tcase_add_test(c, test_set_precedence);
	tcase_add_test(c, test_logic_precedence);
	tcase_add_test(c, test_if_else_extends_right);
	tcase_add_test(c, test_left_assoc_arith);
	tcase_add_test(c, test_clause_rules);
	tcase_add_test(c, test_test_block);
	tcase_add_test(c, test_syntax_error_located);
	tcase_add_test(c, test_several_syntax_errors);
	tcase_add_test(c, test_spans);
	suite_add_tcase(s, c);
	return s;
}
