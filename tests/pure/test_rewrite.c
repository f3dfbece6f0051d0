/* SPDX-License-Identifier: GPL-2.0-only */
/* lang/rewrite.c: `= ?` placeholders and expectation edits, byte for byte. */
#include <stdlib.h>
#include <string.h>
#include "lang/rewrite.h"
#include "tests/tests.h"

static void test_placeholders(void)
{
	const char *text = "# = ? in a comment stays\nclient recv 100   = ?   # why\nclient close = 0\nx = ?";
	char out[128];
	bool asked[8];

	CU_ASSERT_EQUAL(rw_count_lines(text), 4);
	CU_ASSERT_EQUAL(rw_blank_placeholders(text, out, asked, 4), 2);
	CU_ASSERT_STRING_EQUAL(out, "# = ? in a comment stays\nclient recv 100         # why\nclient close = 0\nx    ");
	CU_ASSERT(!asked[1] && asked[2] && !asked[3] && asked[4]);
}

static void test_apply(void)
{
	const char *text = "a\nclient recv 100   = 5   # why\n                  = 6 if family ipv6\nclient close\n";
	const struct rw_edit edits[] = {
		{ .line = 2, .col = 19, .ncont = 1, .expr = "-1 ECONNRESET", .cont = "0 if family ipv6" },
		{ .line = 4, .col = 14, .ncont = 0, .expr = "0", .cont = "" },
	};
	char *out = rw_apply(text, edits, 2);

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(out, "a\nclient recv 100   = -1 ECONNRESET # why\n"
				    "                  = 0 if family ipv6\nclient close = 0\n");
	free(out);
}

int test_rewrite_register(void)
{
	static const struct test_def tests[] = {
		{ "= ? placeholders", test_placeholders },
		{ "edits keep the call, the column and the comment", test_apply },
		{ NULL, NULL },
	};

	return tests_add_suite("rewrite", tests);
}
