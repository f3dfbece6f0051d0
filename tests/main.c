/* The CUnit runner for the framework's own tests: exit status 0 only when every
 * test ran and passed. */
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

int main(void)
{
	int (*registers[])(void) = {
		test_netns_register, test_parser_register, test_match_register, test_meta_register,
		test_freezer_register, test_diag_register, test_firewall_register, test_fw_rule_register, test_report_register,
		test_dispatch_register,
	};
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; i < sizeof(registers) / sizeof(registers[0]); i++) {
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
