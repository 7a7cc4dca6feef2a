/* check_suggest.c — "did you mean" (runtime/suggest.c): the distance, and
 * which candidate is near enough to offer. */
#include "helpers.h"

static const char *nearest(const char *word, const char *const *cands)
{
	lp_suggest s;
	lp_suggest_init(&s, word);
	for (; *cands; cands++)
		lp_suggest_add(&s, *cands);
	return s.best;
}

START_TEST(test_distance)
{
	ck_assert_uint_eq(lp_edit_distance("because", 7, "because", 7), 0);
	ck_assert_uint_eq(lp_edit_distance("becuase", 7, "because", 7), 1);   /* a transposition */
	ck_assert_uint_eq(lp_edit_distance("claus", 5, "clause", 6), 1);
	ck_assert_uint_eq(lp_edit_distance("efective", 8, "effective", 9), 1);
	ck_assert_uint_eq(lp_edit_distance("Grant", 5, "grant", 5), 0);       /* case is ignored */
	ck_assert_uint_eq(lp_edit_distance("", 0, "abc", 3), 3);
}
END_TEST

START_TEST(test_keywords)
{
	static const char *const kw[] = { "when", "unless", "because", "grant", "refuse", NULL };
	ck_assert_str_eq(nearest("becuase", kw), "because");
	ck_assert_str_eq(nearest("unles", kw), "unless");
	ck_assert_str_eq(nearest("whn", kw), "when");
	ck_assert_ptr_null(nearest("political", kw));
	ck_assert_ptr_null(nearest("x", kw));   /* short words match too much */
}
END_TEST

START_TEST(test_parts_of_names)
{
	static const char *const members[] = { "illegal_access", "computer_fraud", "defamation", NULL };
	static const char *const fields[] = { "political_offence", "persecution_risk", "emergency", NULL };
	ck_assert_str_eq(nearest("fraud", members), "computer_fraud");
	ck_assert_str_eq(nearest("politcal", fields), "political_offence");
	ck_assert_str_eq(nearest("politcal_offence", fields), "political_offence");
	ck_assert_ptr_null(nearest("delta", members));
	/* a whole-name match beats a part at the same distance */
	static const char *const both[] = { "fraud_x", "frand", NULL };
	ck_assert_str_eq(nearest("fraud", both), "fraud_x");
}
END_TEST

START_TEST(test_ties_are_alphabetical)
{
	static const char *const a[] = { "1.2", "1.1", NULL };
	static const char *const b[] = { "1.1", "1.2", NULL };
	ck_assert_str_eq(nearest("1.l", a), "1.1");
	ck_assert_str_eq(nearest("1.l", b), "1.1");
}
END_TEST

static int certain(const char *word, const char *const *cands)
{
	lp_suggest s;
	lp_suggest_init(&s, word);
	for (; *cands; cands++)
		lp_suggest_add(&s, *cands);
	return lp_suggest_certain(&s);
}

START_TEST(test_certain)
{
	static const char *const kw[] = { "when", "unless", "because", "grant", "refuse", NULL };
	ck_assert_int_eq(certain("becuase", kw), LP_SURE_SLIP);   /* two letters swapped */
	ck_assert_int_eq(certain("unles", kw), LP_SURE_SLIP);     /* one dropped */
	ck_assert_int_eq(certain("grannt", kw), LP_SURE_SLIP);    /* one doubled */
	ck_assert_int_eq(certain("Grant", kw), LP_SURE_CASE);
	ck_assert_int_eq(certain("grand", kw), LP_GUESS);         /* one for another */
	ck_assert_int_eq(certain("political", kw), LP_GUESS);     /* nothing near */
	static const char *const labels[] = { "1.1", "1.2", "5.R1", NULL };
	ck_assert_int_eq(certain("6.1", labels), LP_GUESS);
	ck_assert_int_eq(certain("1.l", labels), LP_GUESS);       /* 1.1 and 1.2 tie */
	ck_assert_int_eq(certain("5.r1", labels), LP_SURE_CASE);
	static const char *const members[] = { "illegal_access", "computer_fraud", "defamation", NULL };
	ck_assert_int_eq(certain("fraud", members), LP_GUESS);    /* a part of a name */
	static const char *const fields[] = { "data", "date", NULL };
	ck_assert_int_eq(certain("dat", fields), LP_GUESS);       /* a slip from either */
}
END_TEST

/* The candidates as near as the best: counted, the first three in order. */
START_TEST(test_ties_kept)
{
	static const char *const labels[] = { "4.1", "2.1", "9.9", "3.1", "1.1" };
	lp_suggest s;

	lp_suggest_init(&s, "6.1");
	for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
		lp_suggest_add(&s, labels[i]);
	ck_assert_uint_eq(s.ties, 4);
	ck_assert_str_eq(s.tied[0], "1.1");
	ck_assert_str_eq(s.tied[1], "2.1");
	ck_assert_str_eq(s.tied[2], "3.1");
	ck_assert_str_eq(s.best, "1.1");
	lp_suggest_init(&s, "1.l");
	lp_suggest_add(&s, "1.2");
	lp_suggest_add(&s, "1.1");
	lp_suggest_add(&s, "1.1");
	ck_assert_uint_eq(s.ties, 2);
	ck_assert_str_eq(s.tied[0], "1.1");
	ck_assert_str_eq(s.tied[1], "1.2");
}
END_TEST

Suite *suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *c = tcase_create("suggest");
	tcase_add_test(c, test_distance);
	tcase_add_test(c, test_keywords);
	tcase_add_test(c, test_parts_of_names);
	tcase_add_test(c, test_ties_are_alphabetical);
	tcase_add_test(c, test_certain);
	tcase_add_test(c, test_ties_kept);
	suite_add_tcase(s, c);
	return s;
}
