/* SPDX-License-Identifier: GPL-2.0-only */
/* report_: reporters read outcomes, never change them. A run reports through
 * one stream reporter (text or KTAP), and optionally also collects a JUnit
 * XML file. What they say about the run as a whole comes from the run
 * header the runner fills: reporters ask the machine nothing. */
#ifndef NSF_REPORT_H
#define NSF_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "lang/case.h"
#include "lang/outcome.h"

/* How many variants passed, failed and skipped. */
/* not_run: never started because the run was interrupted (also counted in
 * skipped, so the three still add up to the variants reported); interrupted:
 * killed while running (also counted in failed); signal: the signal that
 * interrupted the run, 0 when none. */
struct run_totals { int passed, failed, skipped, not_run, interrupted, signal; };

/* The run as a whole, as the runner and the command line hand it to the
 * reporters. Reporters ask the machine nothing (no uname, no gethostname):
 * everything they say about the machine comes from here. */
struct run_header {
	char kernel[32];                /* the running kernel's version as guards read it, "6.1.0" */
	char release[65];               /* uname -r, "6.1.0-18-amd64" */
	char machine[65];               /* uname -m, "x86_64" */
	char hostname[256];
	char version[32];               /* nsfault's own version (NSF_VERSION) */
	char options[512];              /* the command line's options as given, "-r 2 -j 4" */
	long long started;              /* when the run began: seconds since the epoch */
	long long wall_us;              /* the run's wall time (not the sum of variants': -j);
					 * complete when end() is called */
	int total;                      /* variants the run reports */
	int groups;                     /* case files the run reports, once per -r
					 * repetition (KTAP's blocks) */
	int repeat;                     /* -r N; when N > 1 names carry the run index */
	struct run_totals totals;       /* complete when end() is called */
};

/* A case file that could not be used: malformed, or a path that does not exist. */
struct report_error {
	const char *path;
	const char *message;            /* "file:line:col: what was expected" */
};

struct reporter {
	/* Before the first variant (h->totals are not known yet). */
	void (*begin)(FILE *out, const struct run_header *h);
	/* One variant; index counts from 1 in report order; run is which of the
	 * -r repetitions it is, from 1, or 0 when the run does not repeat (names
	 * then carry no run index). */
	void (*variant)(FILE *out, int index, int run, const struct case_file *c, const struct variant *v,
			const struct outcome *o, bool verbose);
	/* After the last. */
	void (*end)(FILE *out, const struct run_header *h);
	/* Instead of all that, when nothing can run (reason says what is missing). */
	void (*skip_all)(FILE *out, const struct run_header *h, int ncases, const char *reason);
	/* Instead of all that, when case files are malformed (nothing runs then). */
	void (*malformed)(FILE *out, const struct run_header *h, const struct report_error *e, int n);
};

/* Text: one line per variant (ok / FAIL / SKIP, path, variant, scenario,
 * duration); a failure adds file:line:col, the step, expected vs actual, and
 * every step's result; the closing line is "N passed, N failed, N skipped". */
extern const struct reporter report_text;
/* KTAP (Documentation/dev-tools/ktap.rst) under a "TAP version 13" header:
 * one "ok N name" / "not ok N name" per case file (and -r run) holding an
 * indented block with one per variant, names free of '#', SKIP, TIMEOUT and
 * ERROR directives, diagnostics as "# " lines, and a "# Totals:" line.
 * ktap.c says why the header is TAP 13 and the blocks' form. Reports the
 * variants of one file in a row (the runner's plan order). */
extern const struct reporter report_ktap;

/* The text reporter's block for one variant, for reuse (JUnit failure text). */
void report_text_case(FILE *out, const struct case_file *c, const struct variant *v, const struct outcome *o,
		      bool verbose);

/* "path:line:col: step `...`: expected X, got Y" for a failed variant, or
 * "path: reason" when it failed outside a step. */
void report_failure_line(const struct case_file *c, const struct outcome *o, char *buf, size_t len);

/* "mismatch", "crash", "timeout", "interrupted". */
const char *report_fail_kind_name(enum fail_kind k);
/* "pass", "fail", "skip". */
const char *report_verdict_name(enum verdict v);
/* How a result reads: "int", "errno", "state", "fd", "poll", "blocked". */
const char *report_kind_name(enum value_kind k);

/* JUnit XML: collect every variant (and every malformed file or skipped
 * case), then write the file. Every call accepts j NULL (nothing to do). */
struct junit;
struct junit *junit_open(void);
void junit_add(struct junit *j, int run, const struct case_file *c, const struct variant *v,
	       const struct outcome *o);
/* A case none of whose variants could run (skip-all), with the reason. */
void junit_skip_case(struct junit *j, const struct case_file *c, const char *reason);
/* A malformed file: an <error> testcase. */
void junit_error(struct junit *j, const struct report_error *e);
/* Writes path, with h's header; returns 0, or -1 with errno. Frees j either way. */
int junit_write(struct junit *j, const char *path, const struct run_header *h);

/* JSON results (docs/RESULTS.md): the same calls for the same events. */
struct json_results;
struct json_results *json_results_open(void);
void json_results_add(struct json_results *j, int run, const struct case_file *c, const struct variant *v,
		      const struct outcome *o);
void json_results_skip_case(struct json_results *j, const struct case_file *c, const char *reason);
void json_results_error(struct json_results *j, const struct report_error *e);
/* Writes path; returns 0, or -1 with errno. Frees j either way. */
int json_results_write(struct json_results *j, const char *path, const struct run_header *h);

#endif
