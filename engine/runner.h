/* SPDX-License-Identifier: GPL-2.0-only */
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

/* The default width (run_default_jobs): the cases mostly sleep on kernel
 * timers, so the right number of variants at once is not the core count; it
 * is capped, and bounded by the memory available (RUN_JOB_MEM_MB per
 * variant) and RLIMIT_NPROC (RUN_JOB_PROCS processes per variant). The cap
 * is -j's own bound: the corpus reaches about 160 at once with nothing
 * holding it back. At 96, the first 96 variants (the longest, which sleep
 * most) filled every slot some 3 s into the run while the CPU was idle for
 * a second; without the cap the whole suite took 0.90 x the wall time at
 * the same CPU time (4 pairs). What limits it is the CPU and the rtnl lock
 * the topology takes, which have their own limit (run_topology_width). */
#define RUN_JOBS_AUTO_MAX 256
#define RUN_JOB_MEM_MB    64
#define RUN_JOB_PROCS     8

struct run_opts {
	int repeat;             /* runs of each variant, >= 1 */
	int jobs;               /* variants run at once, >= 1; 0: run_default_jobs */
	unsigned families;      /* FAM_* to run; a case's own list is intersected */
	bool verbose;           /* list every step of passing cases too */
	const struct reporter *reporter;        /* text or KTAP */
	struct junit *junit;    /* also collect JUnit XML there (report/report.h), or NULL */
	struct json_results *json; /* also collect JSON results there, or NULL */
	struct run_header *header; /* filled by the caller with what it knows (machine, options,
				    * start); run_all completes it (kernel, total, totals, wall time) */
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

/* As run_variant for n variants at once, each in its own case process:
 * c[i] in variant v[i], its outcome into o[i]; returns when all ended. */
void run_variants(const struct case_file *const *c, const struct variant *v, int n,
		  const struct coord_opts *opts, struct outcome *o);

/* Catches SIGINT, SIGTERM and SIGHUP for run_all from now on (call it before
 * the slow start — loading the cases — so that a signal then is not lost
 * either); run_all calls it itself when not done, and undoes it at its end. */
void run_catch_signals(void);

/* How many variants of a plan of total to run at once by default. */
int run_default_jobs(int total);

/* How many variants may build or tear down their topology at once: the
 * online CPUs. Namespaces, links and addresses are made and unmade under the
 * kernel's one rtnl lock (and an IPv6 address becomes usable only when
 * addrconf's work, which takes it too, has run): with every running variant
 * building at once, a build that takes 20 ms alone took 0.7 s (median) to
 * 3.3 s under the suite, and up to 15 s (the link-up bound) under CPU load.
 * A variant is started only while fewer than this many are building or
 * tearing down (the case process says when it is past each: enum
 * coord_phase); those running their steps do not count. */
int run_topology_width(void);

/* Runs and reports every variant of every case; adds to t. The reporters
 * get opts->header (report/report.h) completed with the kernel's version and
 * the totals; the JUnit and JSON collectors get every variant, and the
 * caller writes their files. Variants start longest first
 * (engine/durations.h) and are reported in plan order; progress shows on
 * stderr when it is a terminal. SIGINT, SIGTERM or SIGHUP during the run
 * kills the running variants (marked FK_INTERRUPTED) and marks the rest
 * FK_NOT_RUN; the report still ends normally and t->signal says which
 * signal came. Returns 0, or -1 when out of memory. */
int run_all(struct case_file *const *cases, int n, const struct run_opts *opts, FILE *out,
	    struct run_totals *t);

#endif
