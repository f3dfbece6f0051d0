/* Reporters: the text, KTAP and JUnit forms of the same outcomes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "lang/fw_rule.h"
#include "lang/parser.h"
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
	struct run_header h = { .kernel = "6.1.0", .total = 1 };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	rep->begin(f, &h);
	rep->variant(f, 1, sample(), v, o, false);
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

	CU_ASSERT_NSTRING_EQUAL(text, "KTAP version 1\n1..1\n# nsfault on kernel 6.1.0\n", 46);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n#     a<&>.case:3:1: step `client recv 5`"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nnot ok 1 E1 a<&>.case ipv4\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n# Totals: pass:0 fail:1 xfail:0 xpass:0 skip:0 error:0\n"));
	free(text);
	text = capture(&report_ktap, &skip, &v);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nok 1 E1 a<&>.case ipv4 # SKIP line 2: needs CONFIG_X\n"));
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
	junit_add(j, sample(), &v, &pass);
	junit_add(j, sample(), &v, failed_outcome());
	CU_ASSERT_EQUAL(junit_write(j, path, &h), 0);
	xml = read_all(path);
	unlink(path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(xml);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<testsuite name=\"nsfault\" tests=\"2\" failures=\"1\" skipped=\"0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<testcase classname=\"a&lt;&amp;&gt;.case\" name=\"ipv4 nft\" time=\"0.002\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<failure message=\"a&lt;&amp;&gt;.case:3:1: step `client recv 5`: "
					   "expected -1 EPIPE, got -1 ECONNRESET\">"));
	CU_ASSERT_PTR_NULL(strstr(xml, "a<&>"));      /* nothing unescaped */
	free(xml);
}

int test_report_register(void)
{
	static const struct test_def tests[] = {
		{ "text", test_text },
		{ "KTAP", test_ktap },
		{ "JUnit XML, escaped", test_junit },
		{ NULL, NULL },
	};

	return tests_add_suite("report", tests);
}
