/* check_lexer.c — tokens: literals, labels, dates, text blocks, errors. */
#include "helpers.h"

static decl *first(tc *t, int kind)
{
	for (size_t i = 0; i < t->prog.decls.len; i++) {
		decl *d = t->prog.decls.items[i];
		if (d->kind == kind)
			return d;
	}
	return NULL;
}

START_TEST(test_labels_and_numbers)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "article 35 \"S\"\nclause 35.1.b\n grant\nclause 7 grant\n", 0), 0);
	decl *a = first(&t, D_ARTICLE);
	ck_assert_str_eq(a->name, "35");
	ck_assert_str_eq(a->title, "S");
	decl *c = first(&t, D_CLAUSE);
	ck_assert_str_eq(c->name, "35.1.b");
	tc_free(&t);
}
END_TEST

START_TEST(test_dates)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define x = 2024-02-29\n", 0), 0);
	decl *d = first(&t, D_DEFINE);
	ck_assert_int_eq(d->value->kind, E_DATE);
	ck_assert_int_eq(d->value->ival, lp_date_from_ymd(2024, 2, 29));
	tc_free(&t);
	ck_assert_int_eq(tc_compile(&t, "define x = 2025-02-29\n", 0), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:1:12: error: invalid date '2025-02-29'"));
	tc_free(&t);
}
END_TEST

START_TEST(test_durations_and_units)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define a = 4 years\ndefine b = 1 day\ndefine c = 2 weeks\n", 0), 0);
	decl *d = t.prog.decls.items[2];
	ck_assert_int_eq(d->value->kind, E_DUR);
	ck_assert_int_eq(d->value->unit, U_WEEKS);
	ck_assert_int_eq(d->value->ival, 2);
	tc_free(&t);
}
END_TEST

START_TEST(test_integer_limits)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define a = 9223372036854775807\n", 0), 0);
	ck_assert(((decl *)t.prog.decls.items[0])->value->ival == INT64_MAX);
	tc_free(&t);
	ck_assert_int_eq(tc_compile(&t, "define a = 9223372036854775808\n", 0), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "out of range"));
	tc_free(&t);
}
END_TEST

START_TEST(test_text_block_dedent)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t,
		"article 1 \"A\"\n  text \"\"\"\n    1. First line.\n       continued\n    2. Second.\n    \"\"\"\n", 0), 0);
	decl *a = first(&t, D_ARTICLE);
	ck_assert_str_eq(a->text, "1. First line.\n   continued\n2. Second.");
	tc_free(&t);
}
END_TEST

START_TEST(test_string_escapes)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "article 1 \"a \\\"b\\\" \\\\ c\\nd\"\n", 0), 0);
	ck_assert_str_eq(first(&t, D_ARTICLE)->title, "a \"b\" \\ c\nd");
	tc_free(&t);
	ck_assert_int_eq(tc_compile(&t, "article 1 \"a \\t\"\n", 0), 1);
	ck_assert_ptr_nonnull(strstr(t.err, "invalid escape"));
	tc_free(&t);
}
END_TEST

START_TEST(test_unterminated)
{
	tc t;
	tc_compile(&t, "article 1 \"abc\n", 0);
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:1:11: error: unterminated string"));
	tc_free(&t);
	tc_compile(&t, "article 1 \"A\" text \"\"\"\nabc\n", 0);
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:1:20: error: unterminated text block"));
	tc_free(&t);
}
END_TEST

START_TEST(test_not_in_is_one_token)
{
	tc t;
	ck_assert_int_eq(tc_compile(&t, "define a = x not   in s\ndefine b = not x in s\n", 0), 0);
	ck_assert_int_eq(((decl *)t.prog.decls.items[0])->value->kind, E_NOTIN);
	/* `not x in s` is not (x in s) */
	expr *e = ((decl *)t.prog.decls.items[1])->value;
	ck_assert_int_eq(e->kind, E_NOT);
	ck_assert_int_eq(e->a->kind, E_IN);
	tc_free(&t);
}
END_TEST

START_TEST(test_bad_bytes)
{
	tc t;
	ck_assert_int_gt(tc_compile(&t, "define a = 1 $ 2\n\x01\x02\xff\xfe", 0), 0);
	ck_assert_ptr_nonnull(strstr(t.err, "unexpected character '$'"));
	/* one message a run of bad bytes, not one a byte */
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:2:1: error: unexpected control characters 0x01 ..."));
	ck_assert_ptr_nonnull(strstr(t.err, "t.pacta:2:3: error: bytes that are not UTF-8 text (0xff ...)"));
	ck_assert_ptr_null(strstr(t.err, "t.pacta:2:2:"));
	ck_assert_ptr_null(strstr(t.err, "t.pacta:2:4:"));
	tc_free(&t);
}
END_TEST

Suite *lexer_suite(void)
{
	Suite *s = suite_create("lexer");
	TCase *c = tcase_create("tokens");
	tcase_add_test(c, test_labels_and_numbers);
	tcase_add_test(c, test_dates);
	tcase_add_test(c, test_durations_and_units);
	tcase_add_test(c, test_integer_limits);
	tcase_add_test(c, test_text_block_dedent);
	tcase_add_test(c, test_string_escapes);
	tcase_add_test(c, test_unterminated);
	tcase_add_test(c, test_not_in_is_one_token);
	tcase_add_test(c, test_bad_bytes);
	suite_add_tcase(s, c);
	return s;
}
