/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of actions/host_diag: a host that is off (its namespace fd -1, as
 * after `poweroff`) gets one line in the report and no tool is started, so
 * no child's setns() fails with EBADF on the run's stderr. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "tests/tests.h"
#include "actions/host_diag.h"

/* Reads what is in the pipe without blocking: 0 when it is empty. */
static ssize_t drain(int fd, char *buf, size_t len)
{
	ssize_t n = read(fd, buf, len - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n > 0 ? n : 0;
}

static void test_host_off(void)
{
	static const char *const ss[] = { "ss", "-tanei", NULL };
	struct ns off = { .fd = -1, .nl = NULL, .name = "server" };
	char buf[256] = "server$ ss -tanei\n", err[256];
	int p[2], saved = dup(STDERR_FILENO);

	CU_ASSERT_FATAL(saved >= 0 && pipe2(p, O_NONBLOCK) == 0);
	/* The child would inherit stderr: catch whatever it would print. */
	CU_ASSERT_FATAL(dup2(p[1], STDERR_FILENO) == STDERR_FILENO);
	hdiag_run(&off, ss, buf, sizeof(buf));
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(p[1]);
	CU_ASSERT_STRING_EQUAL(buf, "server$ ss -tanei\n(ss: server is off, no namespace)\n");
	if (drain(p[0], err, sizeof(err)) > 0)
		TEST_FAILF("stray stderr: %s", err);
	close(p[0]);
}

int test_host_diag_register(void)
{
	static const struct test_def tests[] = {
		{ "a host that is off: one line, no tool, nothing on stderr", test_host_off },
		{ NULL, NULL },
	};

	return tests_add_suite("host_diag", tests);
}
