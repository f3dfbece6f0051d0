/* SPDX-License-Identifier: GPL-2.0-only */
/* The words every machine-readable report uses for verdicts and fail kinds. */
#include "report/report.h"

const char *report_verdict_name(enum verdict v)
{
	return v == VERDICT_PASS ? "pass" : v == VERDICT_SKIP ? "skip" : "fail";
}

const char *report_fail_kind_name(enum fail_kind k)
{
	static const char *const names[] = { "mismatch", "crash", "timeout", "interrupted", "not run" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "mismatch";
}

const char *report_kind_name(enum value_kind k)
{
	static const char *const names[] = { "int", "errno", "state", "fd", "poll", "blocked" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "int";
}
