/* coord_: runs one case variant inside the calling process: builds the
 * topology, starts one agent per actor, hands each step to its agent, matches
 * the result, and undoes everything, newest first. The calling process should
 * be a child of the runner: its namespaces die with it. */
#ifndef NSF_COORDINATOR_H
#define NSF_COORDINATOR_H

#include <stdbool.h>
#include "framework/case.h"
#include "framework/outcome.h"

/* fam is FAM_IPV4 or FAM_IPV6. Stops at the first step whose result does not
 * match, unless keep_going (then every step runs, the verdict is FAIL if any
 * mismatched and failed_step is the first). Fills o; never exits. */
void coord_run(const struct case_file *c, unsigned fam, bool keep_going, struct outcome *o);

#endif
