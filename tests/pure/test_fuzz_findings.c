/* SPDX-License-Identifier: GPL-2.0-only */
/* What the parser's fuzz target found, kept as tests (the inputs are also in
 * tests/fuzz/corpus/regress-*). */
#include <stdlib.h>
#include <string.h>
#include "lang/parser.h"
#include "tests/tests.h"

static void rejects(const char *text, const char *where, const char *what)
{
	static struct case_file c;
	char err[512] = "";

	CU_ASSERT_EQUAL(case_parse("t.case", text, &c, err, sizeof(err)), -1);
	if (!strstr(err, where) || !strstr(err, what))
		TEST_FAILF("expected \"%s ... %s\", got \"%s\"", where, what, err);
}

/* `start` with a verb the coordinator performs wrote pending[-1] for a
 * host verb, and for an actor verb made a "started call" no agent runs. */
static void test_start_coordinator_verb(void)
{
	rejects("scenario E1 \"x\"\nserver start firewall add r input tcp drop\n", "t.case:2:8:",
		"only socket calls can be started: 'firewall add'");
	rejects("scenario E1 \"x\"\nserver listen 7000\nserver start kill SIGKILL\n", "t.case:3:8:",
		"'kill' is not one");
	rejects("scenario E1 \"x\"\nclient start freeze\n", "t.case:2:8:", "'freeze' is not one");
}

/* A negative part in a kernel version was shifted left. */
static void test_negative_kernel_version(void)
{
	rejects("scenario E1 \"x\"\nrequire kernel >= -2.1\nclient socket\n", "t.case:2:", "");
}

int test_fuzz_findings_register(void)
{
	static const struct test_def tests[] = {
		{ "start with a coordinator verb", test_start_coordinator_verb },
		{ "negative kernel version", test_negative_kernel_version },
		{ NULL, NULL },
	};

	return tests_add_suite("fuzz findings", tests);
}
