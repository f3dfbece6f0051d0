/* What one run of one case variant produced: the verdict and every step's
 * result. The case process sends it to the runner as one block; reporters
 * read only this and the case. */
#ifndef NSF_OUTCOME_H
#define NSF_OUTCOME_H

#include <stdint.h>
#include "lang/case.h"
#include "lang/expect.h"

enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_SKIP };

/* Why a FAIL failed: a result that did not match (the default), the case
 * process dying before its verdict, no verdict within the case's bound, or
 * the run being interrupted (SIGINT/SIGTERM) before the variant ended.
 * Reporters render them differently (JUnit <failure> vs <error>, a KTAP
 * directive). */
enum fail_kind { FK_MISMATCH, FK_CRASH, FK_TIMEOUT, FK_INTERRUPTED };

struct outcome {
	enum verdict verdict;
	enum fail_kind fail_kind;       /* FAIL only; FK_MISMATCH otherwise */
	int failed_step;                /* index of the step that failed, -1 when none */
	char reason[512];               /* SKIP: what is missing; FAIL outside a step: what broke */
	int64_t elapsed_us;
	char wire[2048];                /* FAIL (or --pcap-dir): "pcap: PATH ...", then each host's `ss -tanei` */
	struct result results[CASE_MAX_STEPS];
};

#endif
