/* SPDX-License-Identifier: GPL-2.0-only */
/* mpool_: runs mutants of cases, many at once. Each mutant runs in a worker
 * process of its own, which runs the mutant's variants one after the other
 * (engine/runner.h's run_variant, each in its own namespaces) and stops at
 * the first that fails: the mutant is then *killed*. Workers die with the
 * command (PR_SET_PDEATHSIG), and their case processes with them. */
#ifndef NSF_MUTATE_POOL_H
#define NSF_MUTATE_POOL_H

#include "engine/coordinator.h"

enum mpool_status {
	MPOOL_PENDING,
	MPOOL_KILLED,           /* a variant failed */
	MPOOL_SURVIVED,         /* every variant that ran passed */
	MPOOL_SKIPPED,          /* every variant skipped: no verdict */
	MPOOL_ERROR,            /* the worker could not run it (said in why) */
};

struct mpool_item {
	const char *path;       /* the case's path, for reports */
	const char *text;       /* the mutant's text; it parses */
	enum mpool_status status;
	char why[512];          /* KILLED: the first failure, as the text report says it */
};

/* Runs every item, at most jobs at once, in the families given (FAM_* bits,
 * intersected with each case's), and sets each status. Prints progress to
 * stderr now and then. */
void mpool_run(struct mpool_item *items, int n, int jobs, unsigned families, const struct coord_opts *opts);

#endif
