/* SPDX-License-Identifier: GPL-2.0-only */
/* coord_: runs one case variant inside the calling process: checks the
 * case's requirements, builds the topology, starts each actor's agent when
 * it is first needed, hands each step to its agent or runs it itself,
 * matches the result, and undoes everything, newest first. The calling
 * process should be a child of the runner: its namespaces die with it. */
#ifndef NSF_COORDINATOR_H
#define NSF_COORDINATOR_H

#include <stdbool.h>
#include "lang/case.h"
#include "actions/freezer.h"
#include "lang/outcome.h"

/* The moments of a variant that take the kernel's global locks (namespaces,
 * links and addresses are made and unmade under rtnl): its topology is
 * built (or could not be), and its teardown begins. The runner paces the
 * starts of variants by them (engine/runner.c). */
enum coord_phase { COORD_BUILT, COORD_TEARDOWN };

struct coord_opts {
	bool keep_going;        /* run every step even after a mismatch */
	enum frz_method freezer;/* FRZ_AUTO, or one forced method */
	const char *pcap_dir;   /* write every variant's pcapng there; NULL: failed ones, to the default */
	bool no_capture;        /* open no capture socket; a case that watches the wire skips */
	bool verdict_only;      /* a failure gets no evidence (capture file, socket tables): the
				 * caller only counts verdicts (mutate) */
	/* Told each coord_phase once, in order (NULL: nobody asks). */
	void (*phase)(enum coord_phase p, void *arg);
	void *phase_arg;
};

/* Runs variant v of c. Stops at the first step whose result does not
 * match, unless keep_going (then every step runs, the verdict is FAIL if any
 * mismatched and failed_step is the first). Fills o; never exits. */
void coord_run(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
	       struct outcome *o);

#endif
