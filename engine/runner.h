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
	const char *junit;      /* also write JUnit XML there, or NULL */
	struct coord_opts coord; /* keep going, forced freezer */
};

/* Checks that this process may create a network namespace. Without
 * CAP_SYS_ADMIN (EPERM) it first moves the whole process into a user
 * namespace of its own (engine/userns.h), so call it before any thread or
 * child exists. Returns 0, or -1 with err saying exactly what is missing and
 * which container flags would provide it. */
int run_probe(char *err, size_t errlen);

/* Runs one variant in a child process and fills o (a crash or an overrun of
 * TIMEOUT_CASE_MS becomes a FAIL saying so). */
void run_variant(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
		 struct outcome *o);

/* Runs and reports every variant of every case; adds to t. The reporters
 * get a struct run_header (report/report.h) with the kernel's version and
 * the totals. Returns 0, or -1 when the JUnit file could not be written
 * (said on stderr). */
int run_all(struct case_file *const *cases, int n, const struct run_opts *opts, FILE *out,
	    struct run_totals *t);

#endif
