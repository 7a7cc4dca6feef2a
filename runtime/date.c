/*
 * date.c — calendar dates as day numbers, and saturating arithmetic.
 *
 * A date is the number of days since 0001-01-01 in the proleptic Gregorian
 * calendar (model.h), so comparing and subtracting dates is plain integer
 * arithmetic.  The lexer, the JSON codec, the evaluators and the
 * explanation renderer all convert through here.  The conversions follow
 * Howard Hinnant's days_from_civil/civil_from_days, which count from
 * 0000-03-01 so that the leap day falls at the end of each counted year.
 */
#include <stdint.h>
#include <stdio.h>

#include "model.h"

/* 0000-03-01 is day -306: March to December of year 0 has 306 days. */
#define MARCH_0000 306

static int is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int64_t y, int64_t m)
{
	static const unsigned char days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int lp_date_valid(int64_t y, int64_t m, int64_t d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1
	       && d <= month_days(y, m);
}

/* Returns -1 for a date that is not valid, which no valid date maps to. */
int64_t lp_date_from_ymd(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	if (!lp_date_valid(y, m, d))
		return -1;
	y -= m <= 2;
	era = y / 400;                  /* y >= 0 here, so this is floor */
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - MARCH_0000;
}

/*
 * Day numbers outside 0001-01-01..9999-12-31 (which saturating date
 * arithmetic can produce) are clamped, so they print as the nearest valid
 * date instead of as garbage and nothing here can overflow.
 */
void lp_date_to_ymd(int64_t days, int64_t *y, int64_t *m, int64_t *d)
{
	int64_t z, era, doe, yoe, doy, mp;

	if (days < LP_DATE_MIN)
		days = LP_DATE_MIN;
	if (days > LP_DATE_MAX)
		days = LP_DATE_MAX;
	z = days + MARCH_0000;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int digits(const char *s, size_t n, int64_t *out)
{
	int64_t v = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int lp_date_parse(const char *s, size_t n, int64_t *out)
{
	int64_t y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (!lp_date_valid(y, m, d))
		return -1;
	*out = lp_date_from_ymd(y, m, d);
	return 0;
}

void lp_date_why(const char *s, size_t n, char *buf, size_t cap)
{
	static const char *const months[12] = {
		"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"
	};
	int64_t y, m, d;

	buf[0] = '\0';
	if (n != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y)
	    || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return;
	if (y < 1)
		snprintf(buf, cap, "years run from 0001");
	else if (m < 1 || m > 12)
		snprintf(buf, cap, "there is no month %02d", (int)m);
	else if (d < 1)
		snprintf(buf, cap, "days run from 01");
	else if (d > month_days(y, m) && m == 2 && d == 29)
		snprintf(buf, cap, "February %04d has 28 days: %04d is not a leap year", (int)y, (int)y);
	else if (d > month_days(y, m) && m == 2)
		snprintf(buf, cap, "February %04d has %d days", (int)y, month_days(y, m));
	else if (d > month_days(y, m))
		snprintf(buf, cap, "%s has %d days", months[m - 1], month_days(y, m));
}

void lp_date_format(int64_t days, char buf[16])
{
	int64_t y, m, d;

	lp_date_to_ymd(days, &y, &m, &d);
	/* Written by hand: the values are known to fit, and this avoids
	 * snprintf's truncation warnings and its cost on the hot path. */
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

int64_t lp_sat_add(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_add_overflow(a, b, &r))
		return b > 0 ? INT64_MAX : INT64_MIN;
	return r;
}

int64_t lp_sat_sub(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_sub_overflow(a, b, &r))
		return b < 0 ? INT64_MAX : INT64_MIN;
	return r;
}
