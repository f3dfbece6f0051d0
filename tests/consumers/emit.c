/* SPDX-License-Identifier: GPL-2.0-only */
/* Writes the KTAP stream and the JUnit file of a made-up run holding every
 * kind of result, through the real reporters, for the consumers' test
 * (check.sh): a real run cannot time out within `make check` (the bound is
 * TIMEOUT_CASE_MS, 120 s). Four case files, two variants each:
 *   a.case     pass, mismatch
 *   b#1.case   crashed, timed out
 *   c.case     interrupted, not run (the run was interrupted)
 *   d.case     skipped, skipped
 * so 8 variants: 1 passed, 4 failed (3 of them errors to JUnit), 3 skipped;
 * 4 files: a, b, c not ok, d skipped.
 * Usage: emit KTAP_FILE JUNIT_FILE */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "util/errnames.h"
#include "lang/fw_rule.h"
#include "lang/parser.h"
#include "report/report.h"

static struct case_file files[4];

static int load(void)
{
	static const char *const paths[] = { "tests/x/a.case", "tests/x/b#1.case", "tests/x/c.case",
					     "tests/x/d.case" };
	char err[256];

	for (int i = 0; i < 4; i++)
		if (case_parse(paths[i], "scenario E1 \"made up\"\nclient socket\nclient recv 5 = -1 EPIPE\n",
			       &files[i], err, sizeof(err)) < 0) {
			fprintf(stderr, "emit: %s\n", err);
			return -1;
		}
	return 0;
}

static struct outcome make(enum verdict verdict, enum fail_kind kind, const char *reason)
{
	struct outcome o = { .verdict = verdict, .kind = kind, .failed_step = -1, .elapsed_us = 1500 };

	snprintf(o.reason, sizeof(o.reason), "%s", reason);
	if (verdict == VERDICT_PASS || (verdict == VERDICT_FAIL && kind == FK_VERDICT)) {
		o.results[0] = (struct result){ .ran = true, .ret = 3, .expect_idx = -1 };
		o.results[1] = (struct result){ .ran = true, .ret = -1, .err = EPIPE };
	}
	if (verdict == VERDICT_FAIL && kind == FK_VERDICT) {
		o.failed_step = 1;
		o.results[1].err = ECONNRESET;
		o.results[1].mismatch = true;
	}
	return o;
}

int main(int argc, char **argv)
{
	const struct variant v[2] = { { FAM_IPV4, -1 }, { FAM_IPV6, -1 } };
	struct outcome o[8] = {
		make(VERDICT_PASS, FK_VERDICT, ""),
		make(VERDICT_FAIL, FK_VERDICT, ""),
		make(VERDICT_FAIL, FK_CRASH, "the case process was killed by SIGSEGV"),
		make(VERDICT_FAIL, FK_TIMEOUT, "no verdict within 120 s: the case process was killed"),
		make(VERDICT_FAIL, FK_INTERRUPTED, "interrupted by SIGTERM: the case process was killed"),
		make(VERDICT_SKIP, FK_NOT_RUN, "not run: the run was interrupted by SIGTERM"),
		make(VERDICT_SKIP, FK_VERDICT, "line 2: needs CONFIG_X"),
		make(VERDICT_SKIP, FK_VERDICT, "line 2: needs CONFIG_X"),
	};
	struct run_header h = { .kernel = "6.1.0", .release = "6.1.0-18-amd64", .machine = "x86_64",
				.hostname = "emit", .version = "0.0.0", .started = 86400, .wall_us = 3000000,
				.total = 8, .groups = 4, .repeat = 1,
				.totals = { .passed = 1, .failed = 4, .skipped = 3, .not_run = 1, .interrupted = 1,
					    .signal = 15 } };
	struct junit *j = junit_open();
	FILE *out;

	if (argc != 3 || load() < 0 || !j)
		return fprintf(stderr, "usage: emit KTAP_FILE JUNIT_FILE\n"), 2;
	if (!(out = fopen(argv[1], "w")))
		return fprintf(stderr, "emit: %s: %s\n", argv[1], err_name(errno)), 1;
	report_ktap.begin(out, &h);
	for (int i = 0; i < 8; i++) {
		report_ktap.variant(out, i + 1, 0, &files[i / 2], &v[i % 2], &o[i], false);
		junit_add(j, 0, &files[i / 2], &v[i % 2], &o[i]);
	}
	report_ktap.end(out, &h);
	if (fclose(out) != 0 || junit_write(j, argv[2], &h) < 0)
		return fprintf(stderr, "emit: cannot write: %s\n", err_name(errno)), 1;
	return 0;
}
