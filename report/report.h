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

/* The run as a whole, as the runner hands it to the reporters. */
struct run_header {
	char kernel[32];                /* the running kernel's version as guards read it, "6.1.0" */
	int total;                      /* variants the run reports */
	struct run_totals totals;       /* complete when end() is called */
};

struct reporter {
	/* Before the first variant (h->totals are not known yet). */
	void (*begin)(FILE *out, const struct run_header *h);
	/* One variant; index counts from 1 in report order. */
	void (*variant)(FILE *out, int index, const struct case_file *c, const struct variant *v,
			const struct outcome *o, bool verbose);
	/* After the last. */
	void (*end)(FILE *out, const struct run_header *h);
	/* Instead of all that, when nothing can run (reason says what is missing). */
	void (*skip_all)(FILE *out, int ncases, const char *reason);
};

/* Text: one line per variant (ok / FAIL / SKIP, path, variant, scenario,
 * duration); a failure adds file:line:col, the step, expected vs actual, and
 * every step's result; the closing line is "N passed, N failed, N skipped". */
extern const struct reporter report_text;
/* KTAP version 1, as kselftest prints it: "ok N name", "not ok N name",
 * "# SKIP reason", diagnostics as "# " lines, and a "# Totals:" line. */
extern const struct reporter report_ktap;

/* The text reporter's block for one variant, for reuse (JUnit failure text). */
void report_text_case(FILE *out, const struct case_file *c, const struct variant *v, const struct outcome *o,
		      bool verbose);

/* "path:line:col: step `...`: expected X, got Y" for a failed variant, or
 * "path: reason" when it failed outside a step. */
void report_failure_line(const struct case_file *c, const struct outcome *o, char *buf, size_t len);

/* JUnit XML: collect every variant, then write the file. */
struct junit;
struct junit *junit_open(void);
void junit_add(struct junit *j, const struct case_file *c, const struct variant *v, const struct outcome *o);
/* Writes path, with h's totals; returns 0, or -1 with errno. Frees j either way. */
int junit_write(struct junit *j, const char *path, const struct run_header *h);

#endif
