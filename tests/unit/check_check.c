/* check_check.c — names, types, units, tables, labels, exemption order. */
#include "helpers.h"

static int errs(tc *t, const char *src)
{
	return tc_compile_prelude(t, src);
}

START_TEST(test_ok_program)
{
	tc t;
	ck_assert_int_eq(errs(&t,
		"define hi = n > 3 and k = beta\n"
		"table tk: kind -> days { alpha: 1 days  _: 5 days }\n"
		"clause 1 grant when hi and tk[k] >= d\n"), 0);
	ck_assert_ptr_nonnull(t.chk);
	tc_free(&t);
}
END_TEST

START_TEST(test_enum_member_by_context)
{
	tc t;
	/* two enums share `beta`: the expected type decides */
	ck_assert_int_eq(errs(&t,
		"enum other { beta, delta }\n"
		"request { o: other = delta }\n"
		"clause 1 grant when k = beta and o = beta and beta in ks\n"), 0);
	tc_free(&t);
	ck_assert_int_eq(errs(&t, "enum other { beta }\ndefine z = beta\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "is a member of several enums"));
	tc_free(&t);
}
END_TEST

START_TEST(test_unit_mismatch)
{
	tc t;
	ck_assert_int_eq(errs(&t, "clause 1 grant when y >= 1460 days\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "unit mismatch: 'years' >= 'days'"));
	tc_free(&t);
}
END_TEST

START_TEST(test_type_mismatch_names_both)
{
	tc t;
	ck_assert_int_eq(errs(&t, "clause 1 grant when n = k\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "type mismatch: 'int' = 'kind'"));
	tc_free(&t);
	ck_assert_int_eq(errs(&t, "clause 1 grant when k < beta\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "does not order values of type 'kind'"));
	tc_free(&t);
}
END_TEST

START_TEST(test_unknown_member)
{
	tc t;
	ck_assert_int_eq(errs(&t, "clause 1 grant when k = omega\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "unknown member 'omega' of enum 'kind'"));
	tc_free(&t);
}
END_TEST

START_TEST(test_table_completeness)
{
	tc t;
	ck_assert_int_eq(errs(&t, "table tk: kind -> int { alpha: 1 }\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "no entry for 'beta' and 1 other member of"));
	tc_free(&t);
	ck_assert_int_eq(errs(&t, "table tk: kind -> int { alpha: 1 beta: 2 gamma: 3 }\n"), 0);
	tc_free(&t);
}
END_TEST

START_TEST(test_duplicates_with_notes)
{
	tc t;
	ck_assert_int_eq(errs(&t, "clause 1 grant\nclause 1 refuse\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "duplicate clause label '1'"));
	ck_assert_ptr_nonnull(strstr(t.err, "note: first used here"));
	tc_free(&t);
	ck_assert_int_eq(errs(&t, "define n = 1\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "'n' is already declared (as a request field)"));
	tc_free(&t);
}
END_TEST

START_TEST(test_exemption_cycle)
{
	tc t;
	ck_assert_int_eq(errs(&t, "clause a exempts b\nclause b exempts c\nclause c exempts a\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "exemption cycle: "));
	tc_free(&t);
	ck_assert_int_eq(errs(&t, "clause a exempts a\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "exemption cycle: a -> a"));
	tc_free(&t);
}
END_TEST

START_TEST(test_exemption_order)
{
	tc t;
	/* c3 exempts c2 exempts c1: order must put c3 before c2 before c1 */
	ck_assert_int_eq(errs(&t, "clause c1 grant\nclause c2 exempts c1\nclause c3 exempts c2\n"), 0);
	uint32_t pos[3];
	for (uint32_t i = 0; i < 3; i++)
		pos[t.chk->order[i]] = i;
	ck_assert_uint_lt(pos[2], pos[1]);
	ck_assert_uint_lt(pos[1], pos[0]);
	tc_free(&t);
}
END_TEST

START_TEST(test_constants_required)
{
	tc t;
	ck_assert_int_eq(errs(&t, "request { m: int = n }\n"), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "'n' is a request field; a constant is needed here"));
	tc_free(&t);
}
END_TEST

START_TEST(test_depth_limit)
{
	tc t;
	/* (1 + (1 + (1 + ... ))) nests; bare parentheses alone do not */
	size_t n = 5000;
	char *src = malloc(n * 6 + 64);
	strcpy(src, "define x = ");
	size_t p = strlen(src);
	for (size_t i = 0; i < n; i++) {
		memcpy(src + p, "(1 + ", 5);
		p += 5;
	}
	src[p++] = '1';
	for (size_t i = 0; i < n; i++)
		src[p++] = ')';
	strcpy(src + p, "\n");
	ck_assert_int_eq(tc_compile(&t, src, 1), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "expression nested too deeply"));
	free(src);
	tc_free(&t);
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *c = tcase_create("checker");
	tcase_add_test(c, test_ok_program);
	tcase_add_test(c, test_enum_member_by_context);
	tcase_add_test(c, test_unit_mismatch);
	tcase_add_test(c, test_type_mismatch_names_both);
	tcase_add_test(c, test_unknown_member);
	tcase_add_test(c, test_table_completeness);
	tcase_add_test(c, test_duplicates_with_notes);
	tcase_add_test(c, test_exemption_cycle);
	tcase_add_test(c, test_exemption_order);
	tcase_add_test(c, test_constants_required);
	tcase_add_test(c, test_depth_limit);
	suite_add_tcase(s, c);
	return s;
}
