/* What one run of one case variant produced: the verdict and every step's
 * result. The case process sends it to the runner as one block; reporters
 * read only this and the case. */
#ifndef NSF_OUTCOME_H
#define NSF_OUTCOME_H

#include <stdint.h>
#include "lang/case.h"
#include "lang/expect.h"

enum verdict { VERDICT_PASS, VERDICT_FAIL, VERDICT_SKIP };

struct outcome {
	enum verdict verdict;
	int failed_step;                /* index of the step that failed, -1 when none */
	char reason[512];               /* SKIP: what is missing; FAIL outside a step: what broke */
	int64_t elapsed_us;
	char wire[2048];                /* FAIL (or --pcap-dir): "pcap: PATH ...", then each host's `ss -tanei` */
	struct result results[CASE_MAX_STEPS];
};

#endif
