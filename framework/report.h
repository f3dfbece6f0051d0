/* report_: reporters read outcomes, never change them. */
#ifndef NSF_REPORT_H
#define NSF_REPORT_H

#include <stdbool.h>
#include <stdio.h>
#include "framework/case.h"
#include "framework/outcome.h"

struct run_totals;

/* One line per variant: ok / FAIL / SKIP, path, family, scenario, duration.
 * A failure adds file:line:col, the step, expected vs actual, and the result of
 * every step up to it; verbose lists the steps of every variant. */
void report_text_case(FILE *out, const struct case_file *c, const struct variant *v, const struct outcome *o,
		      bool verbose);

/* The closing line: "N passed, N failed, N skipped". */
void report_text_summary(FILE *out, const struct run_totals *t);

#endif
