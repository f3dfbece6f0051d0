/* util/: errno and signal names. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "tests/tests.h"
#include "util/errnames.h"

static void test_err_names(void)
{
	CU_ASSERT_STRING_EQUAL(err_name(ECONNRESET), "ECONNRESET");
	CU_ASSERT_STRING_EQUAL(err_name(EHWPOISON), "EHWPOISON");
	CU_ASSERT_STRING_EQUAL(err_name(9999), "E<9999>");
	CU_ASSERT_STRING_EQUAL(err_name(0), "E<0>");
	CU_ASSERT_STRING_EQUAL(err_name(-4), "E<-4>");
	CU_ASSERT_EQUAL(err_value("EPIPE"), EPIPE);
	CU_ASSERT_EQUAL(err_value("EHWPOISON"), EHWPOISON);
	CU_ASSERT_EQUAL(err_value("EBOGUS"), -1);
	CU_ASSERT_EQUAL(err_value("E<5>"), -1);
}

static void test_sig_names(void)
{
	char rt[16];

	snprintf(rt, sizeof(rt), "SIG<%d>", SIGRTMIN);
	CU_ASSERT_STRING_EQUAL(sig_name(SIGKILL), "SIGKILL");
	CU_ASSERT_STRING_EQUAL(sig_name(SIGSEGV), "SIGSEGV");
	CU_ASSERT_STRING_EQUAL(sig_name(SIGRTMIN), rt);
	CU_ASSERT_STRING_EQUAL(sig_name(0), "SIG<0>");
	CU_ASSERT_EQUAL(sig_value("SIGKILL"), SIGKILL);
	CU_ASSERT_EQUAL(sig_value("SIGSTOP"), SIGSTOP);
	CU_ASSERT_EQUAL(sig_value("KILL"), -1);
	CU_ASSERT_EQUAL(sig_value("SIGBOGUS"), -1);
}

int test_util_register(void)
{
	static const struct test_def tests[] = {
		{ "errno names: E<n> for a value without one", test_err_names },
		{ "signal names: SIG<n> for a value without one", test_sig_names },
		{ NULL, NULL },
	};

	return tests_add_suite("util", tests);
}
