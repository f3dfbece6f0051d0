/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault mutate` on the real kernel: it must report the planted weak
 * assertion of tests/meta/weak-fault.case (its freeze and thaw can be deleted
 * and every assertion still holds) as a survivor, find no survivor of the
 * same operator in its strong counterpart tests/meta/freeze.case, honour an
 * equivalents entry, and call an entry that matches nothing stale. Runs the
 * built binary, as an engineer would. Needs root. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tests/tests.h"

static const char *binary(void)
{
	return getenv("NSFAULT") ?: "build/asan/nsfault";
}

/* Runs `nsfault ARGS`; returns its exit status, its output in out. */
static int mutate(const char *args, char *out, size_t len)
{
	char cmd[1024];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "%s mutate %s 2>&1", binary(), args);
	if (!(p = popen(cmd, "r")))
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Killing a mutant takes a failing case: where a network namespace cannot
 * be made, or a pinned sysctl cannot be set (a failure is then a SKIP),
 * these tests skip, saying why. */
static bool require_binary_and_pins(void)
{
	struct stat st;

	if (!test_pins_settable())
		return false;
	if (stat(binary(), &st) < 0)
		CU_FAIL_FATAL("build/asan/nsfault is missing: build it first (make check does)");
	return true;
}

static void expect_in(const char *out, const char *want)
{
	if (!strstr(out, want))
		TEST_FAILF("expected in the output: %s\n--- output\n%.8000s", want, out);
}

/* An errno swapped in an expectation for other kernels only cannot be
 * killed here: skipped with the reason, not a survivor. */
static void test_guarded_elsewhere_skipped(void)
{
	static char out[16384];

	if (!require_binary_and_pins())
		return;
	CU_ASSERT_EQUAL(mutate("--operator errno-swap --equivalents /dev/null tests/meta/guarded-elsewhere.case",
			       out, sizeof(out)), 0);
	expect_in(out, "skipped    tests/meta/guarded-elsewhere.case:18 errno-swap");
	expect_in(out, "line 18 applies only to other kernels than this one");
	expect_in(out, "skipped    tests/meta/guarded-elsewhere.case:19 errno-swap");
	expect_in(out, "line 19 applies only on a branch the kernel takes only sometimes");
	expect_in(out, "skipped    tests/meta/guarded-elsewhere.case:21 errno-swap");
	expect_in(out, "line 21 applies only on a branch");
	expect_in(out, "score 1/1 killed");
	if (strstr(out, "SURVIVED"))
		TEST_FAILF("a mutant of a line for other kernels or a branch survived:\n%.8000s", out);
}

/* The planted weak case survives delete-fault; the strong one does not. */
static void test_weak_survives_strong_killed(void)
{
	char out[16384];

	if (!require_binary_and_pins())
		return;
	CU_ASSERT_EQUAL(mutate("--operator delete-fault --equivalents /dev/null tests/meta/weak-fault.case",
			       out, sizeof(out)), 1);
	expect_in(out, "SURVIVED   tests/meta/weak-fault.case:14 delete-fault: deleted: server freeze = 0 "
		  "(and line 16: server thaw = 0)");
	expect_in(out, "score 0/1 killed");
	CU_ASSERT_EQUAL(mutate("--operator delete-fault --equivalents /dev/null tests/meta/freeze.case",
			       out, sizeof(out)), 0);
	expect_in(out, "score 1/1 killed (100.0%); 0 survived");
	CU_ASSERT_PTR_NULL(strstr(out, "SURVIVED"));
}

/* Writes text to a fresh file and returns its path (static). */
static const char *equivalents(const char *text)
{
	static char path[] = "/tmp/nsfault-mutate-test-XXXXXX";
	int fd;

	strcpy(path, "/tmp/nsfault-mutate-test-XXXXXX");
	fd = mkstemp(path);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_FATAL(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* A listed survivor is equivalent, not a survivor; an entry for a line with
 * no such mutant is stale; an entry for a killed mutant is stale too. */
static void test_equivalents_and_stale(void)
{
	char out[16384], args[512];
	const char *eq;

	if (!require_binary_and_pins())
		return;
	eq = equivalents("tests/meta/weak-fault.case:14 delete-fault  # planted: the test says why\n");
	snprintf(args, sizeof(args), "--operator delete-fault --equivalents %s tests/meta/weak-fault.case", eq);
	CU_ASSERT_EQUAL(mutate(args, out, sizeof(out)), 0);
	expect_in(out, "equivalent tests/meta/weak-fault.case:14 delete-fault");
	expect_in(out, "# planted: the test says why");
	expect_in(out, "0 survived, 1 equivalent");
	unlink(eq);

	eq = equivalents("tests/meta/weak-fault.case:14 delete-fault  # planted\n"
			 "tests/meta/weak-fault.case:15 delete-fault  # no such mutant\n"
			 "tests/meta/freeze.case:12 delete-fault  # but it is killed\n");
	snprintf(args, sizeof(args), "--operator delete-fault --equivalents %s tests/meta/weak-fault.case "
		 "tests/meta/freeze.case", eq);
	CU_ASSERT_EQUAL(mutate(args, out, sizeof(out)), 1);
	expect_in(out, ":2: tests/meta/weak-fault.case:15 delete-fault matches no mutant");
	expect_in(out, ":3: tests/meta/freeze.case:12 delete-fault was killed, so it is not equivalent");
	expect_in(out, "2 stale equivalents");
	unlink(eq);
}

int test_mutate_run_register(void)
{
	static const struct test_def tests[] = {
		{ "a planted weak assertion survives, its strong twin is killed", test_weak_survives_strong_killed },
		{ "equivalent and stale entries", test_equivalents_and_stale },
		{ "an errno swap for other kernels or a branch is skipped, not a survivor", test_guarded_elsewhere_skipped },
		{ NULL, NULL },
	};

	return tests_add_suite("mutate", tests);
}
