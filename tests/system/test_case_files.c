/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading case files from disk (engine/case_files.c): the I/O around the
 * pure parser. */
#include <string.h>
#include "engine/case_files.h"
#include "lang/case.h"
#include "tests/tests.h"

static void test_load_errors(void)
{
	static struct case_file c;
	char err[512];

	CU_ASSERT_EQUAL(case_load("/nonexistent/x.case", &c, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/x.case: cannot open: ENOENT"));
	CU_ASSERT_EQUAL(case_load("tests/meta/malformed.case", &c, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "tests/meta/malformed.case:6:23:"));
}

int test_case_files_register(void)
{
	static const struct test_def tests[] = {
		{ "load errors", test_load_errors },
		{ NULL, NULL },
	};

	return tests_add_suite("case files", tests);
}
