/* check_main.c — runs every unit-test suite (tests/unit/suites.h). */
#include <stdlib.h>

#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(NULL);
#define X(n) srunner_add_suite(sr, n##_suite());
	PACTA_SUITES(X)
#undef X
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
