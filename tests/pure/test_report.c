/* SPDX-License-Identifier: GPL-2.0-only */
/* Reporters: the text, KTAP and JUnit forms of the same outcomes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lang/fw_rule.h"
#include "lang/parser.h"
#include "report/escape.h"
#include "report/report.h"
#include "tests/tests.h"

static struct case_file *sample(void)
{
	static struct case_file c;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(case_parse("a<&>.case", "scenario E1 \"s\"\nclient socket\nclient recv 5 = -1 EPIPE\n",
					 &c, err, sizeof(err)), 0);
	return &c;
}

/* The second step got ECONNRESET where EPIPE was expected. */
static struct outcome *failed_outcome(void)
{
	static struct outcome o;

	memset(&o, 0, sizeof(o));
	o.verdict = VERDICT_FAIL;
	o.failed_step = 1;
	o.results[0] = (struct result){ .ran = true, .ret = 3, .expect_idx = -1 };
	o.results[1] = (struct result){ .ran = true, .ret = -1, .err = ECONNRESET, .mismatch = true };
	return &o;
}

static char *capture(const struct reporter *rep, const struct outcome *o, const struct variant *v)
{
	struct run_header h = { .kernel = "6.1.0", .release = "6.1.0-18-amd64", .machine = "x86_64",
				.version = "0.3.0", .total = 1, .groups = 1 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	rep->begin(f, &h);
	rep->variant(f, 1, 0, sample(), v, o, false);
	h.totals = (struct run_totals){ .failed = 1 };
	rep->end(f, &h);
	fclose(f);
	return text;
}

static void test_text(void)
{
	const struct variant v = { FAM_IPV6, FW_IPTABLES_LEGACY };
	char *text = capture(&report_text, failed_outcome(), &v);

	CU_ASSERT_PTR_NOT_NULL(strstr(text, "FAIL a<&>.case"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "ipv6 iptables-legacy"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "a<&>.case:3:1: step `client recv 5`: expected -1 EPIPE, got -1 ECONNRESET"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n0 passed, 1 failed, 0 skipped\n"));
	free(text);
}

static void test_ktap(void)
{
	const struct variant v = { FAM_IPV4, -1 };
	struct outcome skip = { .verdict = VERDICT_SKIP, .failed_step = -1, .reason = "line 2: needs CONFIG_X" };
	char *text = capture(&report_ktap, failed_outcome(), &v);

	/* The plan right after the version: kunit_parser reads it only there. */
	CU_ASSERT_NSTRING_EQUAL(text, "TAP version 13\n1..1\n# nsfault 0.3.0 on Linux 6.1.0-18-amd64 (x86_64)\n"
				"    # Subtest: E1 a<&>.case\n    1..1\n", 106);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    #     a<&>.case:3:1: step `client recv 5`"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    not ok 1 ipv4\nnot ok 1 E1 a<&>.case\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0\n"));
	free(text);
	text = capture(&report_ktap, &skip, &v);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    ok 1 ipv4 # SKIP line 2: needs CONFIG_X\n"
					    "ok 1 E1 a<&>.case # SKIP line 2: needs CONFIG_X\n"));
	free(text);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text = NULL;
	size_t cap = 0;

	if (f && getdelim(&text, &cap, '\0', f) < 0) {
		free(text);
		text = NULL;
	}
	if (f)
		fclose(f);
	return text;
}

static void test_junit(void)
{
	const struct variant v = { FAM_IPV4, FW_NFT };
	struct outcome pass = { .verdict = VERDICT_PASS, .failed_step = -1, .elapsed_us = 1500 };
	struct run_header h = { .kernel = "6.1.0", .total = 2, .totals = { 1, 1, 0 } };
	char path[] = "/tmp/nsfault-junit-XXXXXX";
	int fd = mkstemp(path);
	struct junit *j = junit_open();
	char *xml;

	CU_ASSERT_TRUE_FATAL(fd >= 0 && j);
	close(fd);
	junit_add(j, 0, sample(), &v, &pass);
	junit_add(j, 0, sample(), &v, failed_outcome());
	CU_ASSERT_EQUAL(junit_write(j, path, &h), 0);
	xml = read_all(path);
	unlink(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<testsuite name=\"nsfault\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<testcase classname=\"nsfault.top.a&lt;&amp;&gt;\" name=\"ipv4 nft\" time=\"0.002\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<failure type=\"mismatch\" message=\"a&lt;&amp;&gt;.case:3:1: step `client recv 5`: "
					   "expected -1 EPIPE, got -1 ECONNRESET\">"));
	CU_ASSERT_PTR_NULL(strstr(xml, "a<&>"));      /* nothing unescaped */
	free(xml);
}

/* "after N ms" only where the expectation asserts a duration, or with -v:
 * on a passing step it reads like a failure. */
static void test_text_durations(void)
{
	static struct case_file timed;
	const struct variant v = { FAM_IPV4, -1 };
	struct outcome *o = failed_outcome();
	char err[256], *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	o->results[0].elapsed_us = 41000;
	o->results[1].elapsed_us = 5000;
	report_text_case(f, sample(), &v, o, false);
	fflush(f);
	CU_ASSERT_PTR_NULL(strstr(text, " after "));
	report_text_case(f, sample(), &v, o, true);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "= fd 3 after 41 ms"));
	free(text);
	CU_ASSERT_EQUAL_FATAL(case_parse("t.case", "scenario E1 \"s\"\nclient socket\n"
					 "client recv 5 = -1 EPIPE after 100..200 ms\n", &timed, err, sizeof(err)), 0);
	o->results[1].err = EPIPE;
	o->results[1].elapsed_us = 300000;
	o->results[1].expect_idx = 0;
	text = NULL;
	f = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	report_text_case(f, &timed, &v, o, false);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "expected -1 EPIPE after 100..200 ms, got -1 EPIPE after 300 ms"));
	CU_ASSERT_PTR_NULL(strstr(text, "after 41 ms"));
	free(text);
}

/* A '#' in a path would start a directive; a crash and a timeout carry
 * KTAP's directives; malformed files are failed tests, not silence. */
static void test_ktap_names_and_directives(void)
{
	static struct case_file c;
	const struct variant v = { FAM_IPV4, -1 };
	struct outcome crash = { .verdict = VERDICT_FAIL, .kind = FK_CRASH, .failed_step = -1,
				 .reason = "the case process was killed by SIGSEGV" };
	struct outcome slow = crash;
	struct run_header h = { .kernel = "6.1.0", .version = "0.3.0", .total = 2, .groups = 2 };
	struct report_error bad = { "x#1.case", "x#1.case:2:3: expected a verb" };
	char err[256], *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	slow.kind = FK_TIMEOUT;
	snprintf(slow.reason, sizeof(slow.reason), "no verdict within 60 s");
	CU_ASSERT_EQUAL_FATAL(case_parse("dir #2/50%.case", "scenario E1 \"s\"\nclient socket\n", &c, err,
					 sizeof(err)), 0);
	report_ktap.begin(f, &h);
	report_ktap.variant(f, 1, 0, &c, &v, &crash, false);
	report_ktap.variant(f, 2, 3, &c, &v, &slow, false);
	report_ktap.end(f, &h);
	report_ktap.malformed(f, &h, &bad, 1);
	fclose(f);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    not ok 1 ipv4 # ERROR the case process was killed by SIGSEGV\n"
					    "not ok 1 E1 dir %232/50%25.case\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    # Subtest: E1 dir %232/50%25.case run 3\n    1..1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n    not ok 1 ipv4 # TIMEOUT no verdict within 60 s\n"
					    "not ok 2 E1 dir %232/50%25.case run 3\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "TAP version 13\n1..1\n# nsfault 0.3.0 on Linux 6.1.0 (?)\n"
					    "not ok 1 x%231.case # ERROR malformed: x#1.case:2:3: expected a verb\n"));
	free(text);
}

/* A crash is an <error>, not a <failure>; bytes that are not UTF-8 and
 * control characters do not make the file unreadable. */
static void test_junit_error_and_utf8(void)
{
	static struct case_file c;
	const struct variant v = { FAM_IPV4, -1 };
	struct outcome crash = { .verdict = VERDICT_FAIL, .kind = FK_CRASH, .failed_step = -1,
				 .reason = "killed\x01 by SIGSEGV" };
	struct run_header h = { .hostname = "h\xff", .release = "6.1.0-18", .machine = "x86_64", .version = "0.3.0",
				.started = 86400, .wall_us = 2500000 };
	struct report_error bad = { "cases/a.b/m.case", "m.case:1:1: expected scenario" };
	char path[] = "/tmp/nsfault-junit-XXXXXX", err[256], *xml;
	int fd = mkstemp(path);
	struct junit *j = junit_open();

	CU_ASSERT_TRUE_FATAL(fd >= 0 && j);
	close(fd);
	CU_ASSERT_EQUAL_FATAL(case_parse("cases/est\xe9/e1.x.case", "scenario E1 \"s\"\nclient socket\n", &c, err,
					 sizeof(err)), 0);
	junit_add(j, 2, &c, &v, &crash);
	junit_error(j, &bad);
	CU_ASSERT_EQUAL(junit_write(j, path, &h), 0);
	xml = read_all(path);
	unlink(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "tests=\"2\" failures=\"0\" errors=\"2\" skipped=\"0\" time=\"2.500\" "
					   "timestamp=\"1970-01-02T00:00:00\" hostname=\"h\xef\xbf\xbd\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<property name=\"kernel.release\" value=\"6.1.0-18\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<property name=\"nsfault.version\" value=\"0.3.0\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<testcase classname=\"nsfault.est\xef\xbf\xbd.e1_x\" name=\"ipv4 run 2\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<error type=\"crash\" message=\"cases/est\xef\xbf\xbd/e1.x.case: "
					   "killed\xef\xbf\xbd by SIGSEGV\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<testcase classname=\"nsfault.a_b.m\" name=\"load\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<error type=\"malformed\""));
	CU_ASSERT_PTR_NULL(strstr(xml, "\xff"));
	CU_ASSERT_PTR_NULL(strstr(xml, "<failure"));
	free(xml);
}

static void test_utf8(void)
{
	unsigned cp;

	CU_ASSERT_EQUAL(esc_utf8_decode("\xc3\xa9", &cp), 2);
	CU_ASSERT_EQUAL(cp, 0xe9);
	CU_ASSERT_EQUAL(esc_utf8_decode("\xf0\x9f\x98\x80", &cp), 4);
	CU_ASSERT_EQUAL(esc_utf8_decode("\xc0\xaf", &cp), 0);            /* overlong '/' */
	CU_ASSERT_EQUAL(esc_utf8_decode("\xed\xa0\x80", &cp), 0);        /* a surrogate */
	CU_ASSERT_EQUAL(esc_utf8_decode("\xe2\x82", &cp), 0);            /* cut short */
	CU_ASSERT_EQUAL(esc_utf8_decode("\xff", &cp), 0);
}

int test_report_register(void)
{
	static const struct test_def tests[] = {
		{ "text", test_text },
		{ "text: 'after N ms' only when asserted or with -v", test_text_durations },
		{ "KTAP", test_ktap },
		{ "JUnit XML, escaped", test_junit },
		{ "KTAP: '#' escaped in names, TIMEOUT and ERROR, malformed files", test_ktap_names_and_directives },
		{ "JUnit: crash is an error, UTF-8 repaired, properties", test_junit_error_and_utf8 },
		{ "UTF-8 decoding refuses what is not UTF-8", test_utf8 },
		{ NULL, NULL },
	};

	return tests_add_suite("report", tests);
}
