/* SPDX-License-Identifier: GPL-2.0-only */
/* lang/version.c: kernel versions as a case's guards and requirements
 * write them. The negative part was found by the parser's fuzz target
 * (tests/fuzz/corpus/regress-negative-kernel-version): an undefined shift. */
#include "lang/version.h"
#include "tests/tests.h"

static void test_parse(void)
{
	char buf[32];

	CU_ASSERT_EQUAL(version_parse("6.18.44-fc-v782"), 6 << 16 | 18 << 8 | 44);
	CU_ASSERT_EQUAL(version_parse("4.19"), 4 << 16 | 19 << 8);
	CU_ASSERT_EQUAL(version_parse("4.9.337"), 4 << 16 | 9 << 8 | 255);
	CU_ASSERT_EQUAL(version_parse("-2.1"), -1);
	CU_ASSERT_EQUAL(version_parse("6.-1"), -1);
	CU_ASSERT_EQUAL(version_parse(" 6.1"), -1);
	CU_ASSERT_EQUAL(version_parse("6.+1"), -1);
	CU_ASSERT_EQUAL(version_parse("256.1"), -1);
	CU_ASSERT_EQUAL(version_parse("6"), -1);
	version_format(version_parse("6.1.2"), buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "6.1.2");
}

int test_version_register(void)
{
	static const struct test_def tests[] = {
		{ "kernel versions: digits only, every part bounded", test_parse },
		{ NULL, NULL },
	};

	return tests_add_suite("version", tests);
}
