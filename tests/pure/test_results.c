/* SPDX-License-Identifier: GPL-2.0-only */
/* JSON results: written by report/json.c, read back by report/results.c,
 * compared by report/diff.c. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lang/parser.h"
#include "report/diff.h"
#include "report/report.h"
#include "report/results.h"
#include "tests/tests.h"

/* A results file with one variant of two steps; the second step's result
 * and verdict are parameters. */
static char *fixture(const char *verdict, long ret, const char *err, const char *text, double ms)
{
	char *s = NULL;
	char errjson[40];

	snprintf(errjson, sizeof(errjson), err ? "\"%s\"" : "null", err);
	if (asprintf(&s,
		     "{\"format\": \"nsfault-results\", \"format_version\": 1, \"kernel_release\": \"6.18.0\","
		     " \"variants\": [{\"path\": \"cases/e1.case\", \"scenario\": \"E1\", \"variant\": \"ipv4\","
		     " \"run\": 1, \"verdict\": \"%s\", \"fail_kind\": null, \"steps\": ["
		     "{\"line\": 7, \"text\": \"server listen 7000\", \"ran\": true, \"result\": {\"ret\": 0,"
		     " \"errno\": null, \"kind\": \"int\", \"text\": \"0\", \"duration_ms\": 0.1}},"
		     "{\"line\": 8, \"text\": \"client recv 100\", \"ran\": true, \"result\": {\"ret\": %ld,"
		     " \"errno\": %s, \"kind\": \"int\", \"text\": \"%s\", \"duration_ms\": %f}}]}]}",
		     verdict, ret, errjson, text, ms) < 0)
		return NULL;
	return s;
}

static int diff_texts(const char *a, const char *b, const struct diff_opts *o, char **out)
{
	struct res_file fa, fb;
	char err[256];
	size_t len = 0;
	FILE *m = open_memstream(out, &len);
	int n;

	CU_ASSERT_EQUAL_FATAL(results_parse(a, &fa, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(results_parse(b, &fb, err, sizeof(err)), 0);
	n = diff_results(m, &fa, "A", &fb, "B", o);
	fclose(m);
	results_free(&fa);
	results_free(&fb);
	return n;
}

static void test_identical(void)
{
	struct diff_opts o = { 0 };
	char *a = fixture("pass", -1, "ECONNRESET", "-1 ECONNRESET", 1), *out;

	CU_ASSERT_EQUAL(diff_texts(a, a, &o, &out), 0);
	CU_ASSERT_STRING_EQUAL(out, "");
	free(out);
	free(a);
}

/* Both passed (say, under `= -1 ECONNRESET | 0`), yet the kernel's answer
 * changed: diff must say so, at the step. */
static void test_changed_result_in_passing_case(void)
{
	struct diff_opts o = { 0 };
	char *a = fixture("pass", -1, "ECONNRESET", "-1 ECONNRESET", 1);
	char *b = fixture("pass", 0, NULL, "0", 1), *out;

	CU_ASSERT_EQUAL(diff_texts(a, b, &o, &out), 1);
	CU_ASSERT_STRING_EQUAL(out, "result: cases/e1.case ipv4: line 8 `client recv 100`: -1 ECONNRESET -> 0\n");
	free(out);
	free(b);
	/* The errno alone changing is a change too. */
	b = fixture("pass", -1, "EPIPE", "-1 EPIPE", 1);
	CU_ASSERT_EQUAL(diff_texts(a, b, &o, &out), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "-1 ECONNRESET -> -1 EPIPE"));
	free(out);
	free(b);
	free(a);
}

static void test_verdict_and_timing(void)
{
	struct diff_opts o = { 0 }, timed = { .timing = true, .tolerance_ms = 50 };
	char *a = fixture("pass", 0, NULL, "0", 1), *b = fixture("fail", 0, NULL, "0", 300), *out;

	/* Durations are not compared unless asked. */
	CU_ASSERT_EQUAL(diff_texts(a, b, &o, &out), 1);
	CU_ASSERT_STRING_EQUAL(out, "verdict: cases/e1.case ipv4: pass -> fail\n");
	free(out);
	CU_ASSERT_EQUAL(diff_texts(a, b, &timed, &out), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "timing: cases/e1.case ipv4: line 8 `client recv 100`: 1.0 ms -> 300.0 ms\n"));
	free(out);
	free(b);
	b = fixture("pass", 0, NULL, "0", 40);        /* within the tolerance */
	CU_ASSERT_EQUAL(diff_texts(a, b, &timed, &out), 0);
	free(out);
	free(b);
	free(a);
}

static void test_only_in_one(void)
{
	struct diff_opts o = { 0 };
	char *a = fixture("pass", 0, NULL, "0", 1), *out;
	const char *empty = "{\"format\": \"nsfault-results\", \"variants\": []}";

	CU_ASSERT_EQUAL(diff_texts(a, empty, &o, &out), 1);
	CU_ASSERT_STRING_EQUAL(out, "only in A: cases/e1.case ipv4\n");
	free(out);
	CU_ASSERT_EQUAL(diff_texts(empty, a, &o, &out), 1);
	CU_ASSERT_STRING_EQUAL(out, "only in B: cases/e1.case ipv4\n");
	free(out);
	free(a);
}

static void test_bad_input(void)
{
	struct res_file f;
	char err[256];

	CU_ASSERT_EQUAL(results_parse("{\"format\": \"nsfault-results\",\n \"variants\": [", &f, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "<text>:2:"));
	CU_ASSERT_EQUAL(results_parse("{\"variants\": []}", &f, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not nsfault results"));
	CU_ASSERT_EQUAL(results_parse("{\"format\": \"nsfault-results\", \"variants\": [{\"path\": 3}]}", &f, err,
				      sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "variants[0]"));
}

/* What json.c writes, results.c reads back: a failed step's errno by name,
 * a path that is not UTF-8 repaired rather than refused. */
static void test_roundtrip(void)
{
	static struct case_file c;
	static struct outcome o;
	struct run_header h = { .kernel = "6.1.0", .release = "6.1.0-x", .version = "9.9", .repeat = 1 };
	const struct variant v = { FAM_IPV6, -1 };
	char path[] = "/tmp/nsfault-json-XXXXXX", err[256];
	struct json_results *j = json_results_open();
	struct report_error bad = { "bad\xff.case", "bad\xff.case:1:1: expected scenario" };
	struct res_file f;
	int fd = mkstemp(path);

	CU_ASSERT_TRUE_FATAL(fd >= 0 && j);
	close(fd);
	CU_ASSERT_EQUAL_FATAL(case_parse("d/x\xc3.case", "scenario E1 \"s\"\nclient socket\nclient recv 5 = -1 EPIPE\n",
					 &c, err, sizeof(err)), 0);
	o.verdict = VERDICT_FAIL;
	o.failed_step = 1;
	o.results[0] = (struct result){ .ran = true, .ret = 3, .expect_idx = -1 };
	o.results[1] = (struct result){ .ran = true, .ret = -1, .err = ECONNRESET, .mismatch = true, .elapsed_us = 2500 };
	json_results_add(j, 0, &c, &v, &o);
	json_results_error(j, &bad);
	CU_ASSERT_EQUAL(json_results_write(j, path, &h), 0);
	CU_ASSERT_EQUAL_FATAL(results_load(path, &f, err, sizeof(err)), 0);
	unlink(path);
	CU_ASSERT_STRING_EQUAL(f.release, "6.1.0-x");
	CU_ASSERT_EQUAL_FATAL(f.nvariants, 1);
	CU_ASSERT_STRING_EQUAL(f.variants[0].path, "d/x\xef\xbf\xbd.case");
	CU_ASSERT_STRING_EQUAL(f.variants[0].variant, "ipv6");
	CU_ASSERT_STRING_EQUAL(f.variants[0].verdict, "fail");
	CU_ASSERT_STRING_EQUAL(f.variants[0].fail_kind, "mismatch");
	CU_ASSERT_EQUAL_FATAL(f.variants[0].nsteps, 2);
	CU_ASSERT_EQUAL(f.variants[0].steps[1].line, 3);
	CU_ASSERT_EQUAL(f.variants[0].steps[1].ret, -1);
	CU_ASSERT_STRING_EQUAL(f.variants[0].steps[1].err, "ECONNRESET");
	CU_ASSERT_STRING_EQUAL(f.variants[0].steps[1].result, "-1 ECONNRESET");
	CU_ASSERT_STRING_EQUAL(f.variants[0].steps[1].expected, "-1 EPIPE");
	CU_ASSERT_DOUBLE_EQUAL(f.variants[0].steps[1].ms, 2.5, 0.001);
	results_free(&f);
}

int test_results_register(void)
{
	static const struct test_def tests[] = {
		{ "diff: identical results", test_identical },
		{ "diff: a changed result in a passing case", test_changed_result_in_passing_case },
		{ "diff: verdicts, and durations only with --timing", test_verdict_and_timing },
		{ "diff: variants only in one file", test_only_in_one },
		{ "results: bad input says where", test_bad_input },
		{ "JSON written and read back", test_roundtrip },
		{ NULL, NULL },
	};

	return tests_add_suite("results", tests);
}
