/* util/: errno and signal names, the tool search path. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "tests/tests.h"
#include "util/errnames.h"
#include "util/toolpath.h"

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

/* sh is in /usr/bin on Debian (merged /usr: also /bin), never first in /sbin. */
static void test_tool_find(void)
{
	char path[64], tiny[7];

	CU_ASSERT_EQUAL(tool_find("sh", path, sizeof(path)), 0);
	CU_ASSERT_STRING_EQUAL(path, "/usr/bin/sh");
	CU_ASSERT_EQUAL(tool_find("sh", tiny, sizeof(tiny)), -1);	/* nor "/bin/sh" */
	CU_ASSERT_EQUAL(tool_find("no-such-tool-nsfault", path, sizeof(path)), -1);
	CU_ASSERT_EQUAL(tool_find("/bin/sh", path, sizeof(path)), -1);
	CU_ASSERT_EQUAL(tool_find("", path, sizeof(path)), -1);
	CU_ASSERT_STRING_EQUAL(tool_dirs_text(),
			       "/usr/sbin, /usr/bin, /sbin, /bin, /usr/local/sbin or /usr/local/bin");
}

int test_util_register(void)
{
	static const struct test_def tests[] = {
		{ "errno names: E<n> for a value without one", test_err_names },
		{ "signal names: SIG<n> for a value without one", test_sig_names },
		{ "tool_find: one fixed list of directories", test_tool_find },
		{ NULL, NULL },
	};

	return tests_add_suite("util", tests);
}
