/*
 * check_date.c — unit tests for runtime/date.c: day numbers of the
 * proleptic Gregorian calendar, validation, "YYYY-MM-DD" parsing and
 * formatting, and saturating arithmetic.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include "model.h"
#include "suites.h"

static int64_t parse(const char *s)
{
	int64_t v = -12345;

	if (lp_date_parse(s, strlen(s), &v) != 0)
		return -1;
	return v;
}

static const char *format(int64_t days)
{
	static char buf[16];

	lp_date_format(days, buf);
	return buf;
}

START_TEST(test_epoch_and_limits)
{
	ck_assert_int_eq(lp_date_from_ymd(1, 1, 1), 0);
	ck_assert_int_eq(lp_date_from_ymd(1, 1, 2), 1);
	ck_assert_int_eq(lp_date_from_ymd(1, 12, 31), 364);
	ck_assert_int_eq(lp_date_from_ymd(2, 1, 1), 365);
	ck_assert_int_eq(lp_date_from_ymd(9999, 12, 31), LP_DATE_MAX);
	ck_assert_int_eq(LP_DATE_MAX, 3652058);
	/* Known anchors: 1970-01-01 is 719162 days after 0001-01-01
	 * (Python's date(1970,1,1).toordinal() - 1). */
	ck_assert_int_eq(lp_date_from_ymd(1970, 1, 1), 719162);
	ck_assert_int_eq(lp_date_from_ymd(2000, 3, 1)
			 - lp_date_from_ymd(2000, 2, 28), 2);
	ck_assert_int_eq(lp_date_from_ymd(1900, 3, 1)
			 - lp_date_from_ymd(1900, 2, 28), 1);
	ck_assert_int_eq(lp_date_from_ymd(2025, 1, 1)
			 - lp_date_from_ymd(2024, 1, 1), 366);
	ck_assert_int_eq(lp_date_from_ymd(2026, 1, 1)
			 - lp_date_from_ymd(2025, 1, 1), 365);
}
END_TEST

START_TEST(test_valid)
{
	ck_assert(lp_date_valid(2024, 2, 29));
	ck_assert(!lp_date_valid(2025, 2, 29));
	ck_assert(!lp_date_valid(1900, 2, 29));
	ck_assert(lp_date_valid(2000, 2, 29));
	ck_assert(!lp_date_valid(2025, 2, 30));
	ck_assert(lp_date_valid(2025, 4, 30));
	ck_assert(!lp_date_valid(2025, 4, 31));
	ck_assert(lp_date_valid(2025, 12, 31));
	ck_assert(!lp_date_valid(2025, 13, 1));
	ck_assert(!lp_date_valid(2025, 0, 1));
	ck_assert(!lp_date_valid(2025, 1, 0));
	ck_assert(!lp_date_valid(0, 1, 1));
	ck_assert(!lp_date_valid(10000, 1, 1));
	ck_assert(!lp_date_valid(-1, 1, 1));
	ck_assert(lp_date_valid(1, 1, 1));
	ck_assert(lp_date_valid(9999, 12, 31));
	ck_assert(!lp_date_valid(INT64_MAX, INT64_MAX, INT64_MAX));
	ck_assert_int_eq(lp_date_from_ymd(2025, 2, 29), -1);
	ck_assert_int_eq(lp_date_from_ymd(0, 12, 31), -1);
}
END_TEST

/* Every day of the range converts to a valid date and back, and
 * consecutive days are consecutive dates.  Failures are counted rather
 * than asserted one by one: check's assertions are slow in a loop this
 * long. */
START_TEST(test_round_trip_all_days)
{
	int64_t py = 0, pm = 12, pd = 31;   /* as if after 0000-12-31 */
	int64_t first_bad = -1;

	for (int64_t n = LP_DATE_MIN; n <= LP_DATE_MAX; n++) {
		int64_t y, m, d;
		int ok;

		lp_date_to_ymd(n, &y, &m, &d);
		ok = lp_date_valid(y, m, d)
		     && lp_date_from_ymd(y, m, d) == n;
		if (d != 1)
			ok = ok && y == py && m == pm && d == pd + 1;
		else if (m != 1)
			ok = ok && y == py && m == pm + 1;
		else
			ok = ok && y == py + 1 && pm == 12 && pd == 31;
		if (!ok && first_bad < 0)
			first_bad = n;
		py = y;
		pm = m;
		pd = d;
	}
	ck_assert_int_eq(first_bad, -1);
	ck_assert(py == 9999 && pm == 12 && pd == 31);
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(parse("0001-01-01"), 0);
	ck_assert_int_eq(parse("9999-12-31"), 3652058);
	ck_assert_int_eq(parse("1970-01-01"), 719162);
	ck_assert_int_eq(parse("2024-02-29"), lp_date_from_ymd(2024, 2, 29));
	ck_assert_int_eq(parse("2000-02-29"), lp_date_from_ymd(2000, 2, 29));
	ck_assert_int_eq(parse("2025-02-29"), -1);
	ck_assert_int_eq(parse("1900-02-29"), -1);
	ck_assert_int_eq(parse("2025-02-30"), -1);
	ck_assert_int_eq(parse("0000-01-01"), -1);
	ck_assert_int_eq(parse("2025-00-10"), -1);
	ck_assert_int_eq(parse("2025-01-00"), -1);
	ck_assert_int_eq(parse("2025-13-01"), -1);
	ck_assert_int_eq(parse("2025-1-01"), -1);
	ck_assert_int_eq(parse("2025-01-1"), -1);
	ck_assert_int_eq(parse("25-01-01"), -1);
	ck_assert_int_eq(parse("2025/01/01"), -1);
	ck_assert_int_eq(parse("2025-01-01 "), -1);
	ck_assert_int_eq(parse(" 2025-01-01"), -1);
	ck_assert_int_eq(parse("+025-01-01"), -1);
	ck_assert_int_eq(parse("2025-0a-01"), -1);
	ck_assert_int_eq(parse("10000-01-01"), -1);
	ck_assert_int_eq(parse(""), -1);
	/* Only n bytes are read: a longer buffer is fine. */
	{
		int64_t v;

		ck_assert_int_eq(lp_date_parse("2025-03-01xyz", 10, &v), 0);
		ck_assert_int_eq(v, lp_date_from_ymd(2025, 3, 1));
	}
}
END_TEST

START_TEST(test_format)
{
	ck_assert_str_eq(format(0), "0001-01-01");
	ck_assert_str_eq(format(3652058), "9999-12-31");
	ck_assert_str_eq(format(719162), "1970-01-01");
	ck_assert_str_eq(format(lp_date_from_ymd(2024, 2, 29)),
			 "2024-02-29");
	ck_assert_str_eq(format(lp_date_from_ymd(2026, 3, 1)),
			 "2026-03-01");
	ck_assert_str_eq(format(lp_date_from_ymd(999, 10, 9)),
			 "0999-10-09");
	/* Out-of-range day numbers clamp to the ends of the range. */
	ck_assert_str_eq(format(-1), "0001-01-01");
	ck_assert_str_eq(format(INT64_MIN), "0001-01-01");
	ck_assert_str_eq(format(3652059), "9999-12-31");
	ck_assert_str_eq(format(INT64_MAX), "9999-12-31");
}
END_TEST

START_TEST(test_saturating)
{
	ck_assert_int_eq(lp_sat_add(2, 3), 5);
	ck_assert_int_eq(lp_sat_add(-2, -3), -5);
	ck_assert_int_eq(lp_sat_add(INT64_MAX, 1), INT64_MAX);
	ck_assert_int_eq(lp_sat_add(INT64_MAX, INT64_MAX), INT64_MAX);
	ck_assert_int_eq(lp_sat_add(INT64_MIN, -1), INT64_MIN);
	ck_assert_int_eq(lp_sat_add(INT64_MIN, INT64_MIN), INT64_MIN);
	ck_assert_int_eq(lp_sat_add(INT64_MAX, INT64_MIN), -1);
	ck_assert_int_eq(lp_sat_add(INT64_MAX - 1, 1), INT64_MAX);
	ck_assert_int_eq(lp_sat_sub(5, 3), 2);
	ck_assert_int_eq(lp_sat_sub(3, 5), -2);
	ck_assert_int_eq(lp_sat_sub(INT64_MIN, 1), INT64_MIN);
	ck_assert_int_eq(lp_sat_sub(INT64_MAX, -1), INT64_MAX);
	ck_assert_int_eq(lp_sat_sub(0, INT64_MIN), INT64_MAX);
	ck_assert_int_eq(lp_sat_sub(-1, INT64_MIN), INT64_MAX);
	ck_assert_int_eq(lp_sat_sub(-2, INT64_MAX), INT64_MIN);
	ck_assert_int_eq(lp_sat_sub(INT64_MIN, INT64_MIN), 0);
}
END_TEST

Suite *date_suite(void)
{
	Suite *s = suite_create("date");
	TCase *tc = tcase_create("date");

	tcase_add_test(tc, test_epoch_and_limits);
	tcase_add_test(tc, test_valid);
	tcase_add_test(tc, test_round_trip_all_days);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_format);
	tcase_add_test(tc, test_saturating);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}
