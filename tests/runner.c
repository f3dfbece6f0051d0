/* SPDX-License-Identifier: GPL-2.0-only */
/* The CUnit runner shared by the two test programs: exit status 0 only when
 * every test that ran passed. */
#include <stdio.h>
#include <CUnit/Basic.h>
#include "tests/tests.h"

int tests_add_suite(const char *suite, const struct test_def *tests)
{
	CU_pSuite s = CU_add_suite(suite, NULL, NULL);

	if (!s)
		return -1;
	for (; tests->name; tests++)
		if (!CU_add_test(s, tests->name, tests->fn))
			return -1;
	return 0;
}

int tests_run(int (*const registers[])(void), size_t n)
{
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; i < n; i++) {
		if (registers[i]() != 0) {
			fprintf(stderr, "unit: cannot register suite %zu: %s\n", i, CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	if (CU_get_error() != CUE_SUCCESS)
		failures++;
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
