/* SPDX-License-Identifier: GPL-2.0-only */
/* diff_: what changed between two runs' results (report/results.h), variant
 * by variant (matched by case path, variant name and run). */
#ifndef NSF_DIFF_H
#define NSF_DIFF_H

#include <stdbool.h>
#include <stdio.h>
#include "report/results.h"

struct diff_opts {
	bool timing;            /* also report a step whose duration moved by more than tolerance_ms */
	double tolerance_ms;
};

/* Writes one line per difference to out: a variant only in one file, a
 * verdict that changed, and, for a variant in both, the first step whose
 * observed result (ran, return value, errno, kind, timed out) differs, even
 * when both passed: a range or a one-of expectation can hide a change. a and
 * b name the files in the lines. Returns the number of differences. */
int diff_results(FILE *out, const struct res_file *a, const char *aname, const struct res_file *b,
		 const char *bname, const struct diff_opts *o);

#endif
