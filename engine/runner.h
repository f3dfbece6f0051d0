/* run_: runs case variants, each in a child process of its own, so that a
 * case's namespaces, agents and links vanish with it whatever happens —
 * including SIGKILL of the runner (the children have PR_SET_PDEATHSIG). */
#ifndef NSF_RUNNER_H
#define NSF_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "lang/case.h"
#include "engine/coordinator.h"
#include "lang/outcome.h"
#include "report/report.h"

struct run_opts {
	int repeat;             /* runs of each variant, >= 1 */
	int jobs;               /* variants run at once, >= 1 */
	unsigned families;      /* FAM_* to run; a case's own list is intersected */
	bool verbose;           /* list every step of passing cases too */
	const struct reporter *reporter;        /* text or KTAP */
	struct junit *junit;    /* also collect JUnit XML there (report/report.h), or NULL */
	struct json_results *json; /* also collect JSON results there, or NULL */
	struct run_header *header; /* filled by the caller with what it knows (machine, options,
				    * start); run_all completes it (kernel, total, totals, wall time) */
	struct coord_opts coord; /* keep going, forced freezer */
};

/* Checks that this process may create a network namespace. Returns 0, or -1
 * with err saying exactly what is missing. */
int run_probe(char *err, size_t errlen);

/* Runs one variant in a child process and fills o (a crash or an overrun of
 * TIMEOUT_CASE_MS becomes a FAIL saying so). */
void run_variant(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
		 struct outcome *o);

/* Runs and reports every variant of every case; adds to t. The reporters
 * get opts->header (report/report.h) completed with the kernel's version and
 * the totals; the JUnit and JSON collectors get every variant, and the
 * caller writes their files. Returns 0, or -1 when out of memory. */
int run_all(struct case_file *const *cases, int n, const struct run_opts *opts, FILE *out,
	    struct run_totals *t);

#endif
