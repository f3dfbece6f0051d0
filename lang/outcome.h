/* SPDX-License-Identifier: GPL-2.0-only */
/* What one run of one case variant produced: the verdict and every step's
 * result. The case process sends it to the runner as one block; reporters
 * read only this and the case. */
#ifndef NSF_OUTCOME_H
#define NSF_OUTCOME_H

#include <stddef.h>
#include <stdint.h>
#include "lang/case.h"
#include "lang/expect.h"

enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_SKIP };

/* Why a variant has the verdict it has, beyond PASS/FAIL/SKIP: set by the
 * runner when it, not the case process, decided (reporters render it: KTAP
 * directive, JUnit <error>). FK_VERDICT (0) is the case process's own verdict:
 * a pass, a skip, or a mismatch or broken step it reported. */
enum fail_kind {
	FK_VERDICT = 0,
	FK_CRASH,               /* FAIL: the case process died before its verdict */
	FK_TIMEOUT,             /* FAIL: no verdict within TIMEOUT_CASE_MS, killed */
	FK_INTERRUPTED,         /* FAIL: the run was interrupted (SIGINT, SIGTERM,
				 * SIGHUP) while it ran; it was killed */
	FK_NOT_RUN,             /* SKIP: the run was interrupted before it started */
};

struct outcome {
	enum verdict verdict;
	enum fail_kind kind;
	int failed_step;                /* index of the step that failed, -1 when none */
	char reason[512];               /* SKIP: what is missing; FAIL outside a step: what broke */
	int64_t elapsed_us;
	char wire[2048];                /* FAIL (or --pcap-dir): "pcap: PATH ...", then each host's `ss -tanei` */
	struct result results[CASE_MAX_STEPS];   /* last: see outcome_size */
};

/* The bytes of an outcome of a case with nsteps steps: what the case
 * process sends and the runner keeps (results past nsteps are never read).
 * Such a short one is never copied by value. */
static inline size_t outcome_size(int nsteps)
{
	return offsetof(struct outcome, results) + (size_t)nsteps * sizeof(struct result);
}

#endif
