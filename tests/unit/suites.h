/* suites.h — every unit-test suite, one per module; run by check_main.c. */
#ifndef PACTA_SUITES_H
#define PACTA_SUITES_H
#include <check.h>

#define PACTA_SUITES(X) \
	X(date) \
	X(json) \
	X(lexer) \
	X(parser) \
	X(check) \
	X(lower) \
	X(eval) \
	X(load) \
	X(fmt) \
	X(runtime) \
	X(signing) \
	X(prove) \
	X(api) \
	X(diff) \
	X(suggest) \
	X(diag)

#define X(n) Suite *n##_suite(void);
PACTA_SUITES(X)
#undef X

#endif
