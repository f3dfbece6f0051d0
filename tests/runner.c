/* SPDX-License-Identifier: GPL-2.0-only */
/* The CUnit runner shared by the two test programs: exit status 0 only when
 * every test that ran passed. */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <CUnit/Basic.h>
#include "tests/tests.h"

/* The skips, as "SUITE/TEST: reason" lines, printed after CUnit's summary. */
static char *skips;
static size_t skips_len;
static unsigned nskips;

void tests_skip(const char *fmt, ...)
{
	CU_pTest t = CU_get_current_test();
	CU_pSuite s = CU_get_current_suite();
	char why[1024], line[1400];
	char *grown;
	size_t n;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	fprintf(stderr, " (skipped: %s) ", why);
	n = (size_t)snprintf(line, sizeof(line), "note: skipping %s/%s: %s\n", s ? s->pName : "?",
			     t ? t->pName : "?", why);
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	grown = realloc(skips, skips_len + n + 1);
	if (!grown)
		return;		/* the skip still happens; only its listing is lost */
	skips = grown;
	memcpy(skips + skips_len, line, n + 1);
	skips_len += n;
	nskips++;
}

static void tests_print_skips(void)
{
	if (!nskips)
		return;
	printf("\n%u test%s skipped, each for a facility this machine lacks:\n%s", nskips,
	       nskips == 1 ? "" : "s", skips);
	free(skips);
	skips = NULL;
	skips_len = 0;
}

/* NSFAULT_SUITES picks the suites to run: "a,b" only those, "-a,b" all but
 * those (make check runs the freezer and container suites as a stage of
 * their own). A name that matches no suite is an error, not a silent skip. */
static unsigned suites_seen;

static bool suite_named(const char *list, const char *suite)
{
	size_t n = strlen(suite);

	for (const char *p = list; *p; p += strcspn(p, ","), p += *p == ',') {
		if (strncmp(p, suite, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

static bool suite_selected(const char *suite)
{
	const char *sel = getenv("NSFAULT_SUITES");
	bool except = sel && sel[0] == '-';
	bool named;

	if (!sel || !sel[0])
		return true;
	named = suite_named(sel + except, suite);
	suites_seen += named;
	return named != except;
}

static unsigned suites_in_list(void)
{
	const char *sel = getenv("NSFAULT_SUITES");
	unsigned n = 0;

	if (!sel || !sel[0])
		return 0;
	for (const char *p = sel + (sel[0] == '-'); *p; p += strcspn(p, ","), p += *p == ',')
		n++;
	return n;
}

int tests_add_suite(const char *suite, const struct test_def *tests)
{
	CU_pSuite s;

	if (!suite_selected(suite))
		return 0;
	s = CU_add_suite(suite, NULL, NULL);
	if (!s)
		return -1;
	for (; tests->name; tests++)
		if (!CU_add_test(s, tests->name, tests->fn))
			return -1;
	return 0;
}

int tests_run(int (*const registers[])(void), size_t n)
{
	unsigned failures;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (size_t i = 0; i < n; i++) {
		if (registers[i]() != 0) {
			fprintf(stderr, "unit: cannot register suite %zu: %s\n", i, CU_get_error_msg());
			CU_cleanup_registry();
			return 2;
		}
	}
	unsigned suites_named = suites_in_list();

	if (suites_seen != suites_named) {
		fprintf(stderr, "unit: NSFAULT_SUITES=%s names %u suite(s), %u of them exist\n",
			getenv("NSFAULT_SUITES"), suites_named, suites_seen);
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	if (CU_get_error() != CUE_SUCCESS)
		failures++;
	CU_cleanup_registry();
	tests_print_skips();
	return failures ? 1 : 0;
}
