/* SPDX-License-Identifier: GPL-2.0-only */
/* The matcher: every expectation form accepts exactly what it says, and the
 * report prints values by name. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <netinet/tcp.h>
#include "lang/expect.h"
#include "lang/symbols.h"
#include "tests/tests.h"

static struct result ran(long ret, int err)
{
	return (struct result){ .ran = true, .ret = ret, .err = ret == -1 ? err : 0 };
}

static struct expect one(long lo, long hi, int err)
{
	return (struct expect){ .nalts = 1, .alt = { { lo, hi, err } } };
}

static void test_exact(void)
{
	struct expect e = one(10, 10, 0);
	struct result r;

	r = ran(10, 0); CU_ASSERT_TRUE(match_result(&e, VK_INT, &r));
	r = ran(9, 0);  CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
	r = ran(-1, EPIPE); CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
}

static void test_errno(void)
{
	struct expect e = one(-1, -1, ECONNRESET);
	struct result r;

	r = ran(-1, ECONNRESET); CU_ASSERT_TRUE(match_result(&e, VK_INT, &r));
	r = ran(-1, EPIPE);      CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
	r = ran(0, 0);           CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
}

static void test_range_and_alternatives(void)
{
	struct expect e = one(1, 100, 0);
	struct result r;

	r = ran(1, 0);   CU_ASSERT_TRUE(match_result(&e, VK_INT, &r));
	r = ran(100, 0); CU_ASSERT_TRUE(match_result(&e, VK_INT, &r));
	r = ran(0, 0);   CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
	r = ran(101, 0); CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
	e.alt[e.nalts++] = (struct expect_alt){ -1, -1, EAGAIN };
	r = ran(-1, EAGAIN); CU_ASSERT_TRUE(match_result(&e, VK_INT, &r));
	r = ran(-1, EINTR);  CU_ASSERT_FALSE(match_result(&e, VK_INT, &r));
}

static void test_not_given_means_success(void)
{
	struct result r;

	r = ran(0, 0);       CU_ASSERT_TRUE(match_result(NULL, VK_INT, &r));
	r = ran(12, 0);      CU_ASSERT_TRUE(match_result(NULL, VK_INT, &r));
	r = ran(-1, EINVAL); CU_ASSERT_FALSE(match_result(NULL, VK_INT, &r));
}

static void test_timeout_and_not_run_never_match(void)
{
	struct result r = ran(0, 0);

	r.timed_out = true;
	CU_ASSERT_FALSE(match_result(NULL, VK_INT, &r));
	r = (struct result){ 0 };
	CU_ASSERT_FALSE(match_result(NULL, VK_INT, &r));
}

static void test_error_queue_fields(void)
{
	struct expect e = one(EHOSTUNREACH, EHOSTUNREACH, 0);
	struct result r = ran(EHOSTUNREACH, 0);
	char buf[128];

	e.with_ee = true;
	e.ee = (struct ee_fields){ 2, 3, 1, -1 };
	r.ee = (struct ee_fields){ 2, 3, 1, 0 };
	CU_ASSERT_TRUE(match_result(&e, VK_ERRNO, &r));
	r.ee.code = 3;
	CU_ASSERT_FALSE(match_result(&e, VK_ERRNO, &r));
	match_format_expect(&e, VK_ERRNO, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "EHOSTUNREACH with origin icmp type 3 code 1");
}

/* The parser reads and the reports print origins and guard operators from
 * one table each: every name read back gives the same value. */
static void test_one_table_each(void)
{
	CU_ASSERT_STRING_EQUAL(names_ee_origin(0), "none");
	CU_ASSERT_STRING_EQUAL(names_ee_origin(6), "other");
	CU_ASSERT_EQUAL(names_ee_origin_value("none"), -1);     /* a case cannot ask for none */
	CU_ASSERT_EQUAL(names_ee_origin_value("tcp"), -1);
	for (int o = 1; o <= 3; o++)
		CU_ASSERT_EQUAL(names_ee_origin_value(names_ee_origin(o)), o);
	CU_ASSERT_STRING_EQUAL(names_guard_op(GUARD_NONE), "");
	CU_ASSERT_STRING_EQUAL(names_guard_op(GUARD_LE), "<=");
	CU_ASSERT_EQUAL(names_guard_op_value("="), GUARD_NONE);
	CU_ASSERT_EQUAL(names_guard_op_value(""), GUARD_NONE);
	for (int op = GUARD_LT; op <= GUARD_EQ; op++)
		CU_ASSERT_EQUAL(names_guard_op_value(names_guard_op(op)), op);
}

static void test_format(void)
{
	struct expect e = one(-1, -1, ECONNRESET);
	struct result r = ran(-1, EPIPE);
	char buf[128];

	match_format_expect(&e, VK_INT, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "-1 ECONNRESET");
	match_format_result(&r, VK_INT, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "-1 EPIPE");
	e = one(ECONNRESET, ECONNRESET, 0);
	e.alt[e.nalts++] = (struct expect_alt){ 0, 0, 0 };
	match_format_expect(&e, VK_ERRNO, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "ECONNRESET | 0");
	r = ran(EPIPE, 0);
	match_format_result(&r, VK_ERRNO, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "EPIPE");
	r = ran(TCP_CLOSE_WAIT, 0);
	match_format_result(&r, VK_STATE, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "CLOSE_WAIT");
	e = one(0, LONG_MAX, 0);
	match_format_expect(&e, VK_FD, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "fd");
	e = one(1, 100, 0);
	match_format_expect(&e, VK_INT, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "1..100");
	r = ran(0, 0);
	r.timed_out = true;
	r.elapsed_us = 5000000;
	match_format_result(&r, VK_INT, buf, sizeof(buf));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "no reply within 5000 ms"));
}

int test_match_register(void)
{
	static const struct test_def tests[] = {
		{ "exact value", test_exact },
		{ "-1 ERRNAME", test_errno },
		{ "ranges and alternatives", test_range_and_alternatives },
		{ "no expectation: must not fail", test_not_given_means_success },
		{ "a timed-out or unrun step never matches", test_timeout_and_not_run_never_match },
		{ "values print by name", test_format },
		{ "error-queue fields", test_error_queue_fields },
		{ "origins and guard operators: one table each", test_one_table_each },
		{ NULL, NULL },
	};

	return tests_add_suite("matcher", tests);
}
