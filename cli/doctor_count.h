/* SPDX-License-Identifier: GPL-2.0-only */
/* doctor_count: how many variants of a corpus will run here and how many
 * will skip, and the container flags that would let every one run. */
#ifndef NSF_DOCTOR_COUNT_H
#define NSF_DOCTOR_COUNT_H

#include <stdio.h>
#include "cli/doctor_line.h"

/* Plans every variant of the cases under paths (none: the default corpus)
 * as `nsfault run` does (lang/plan.h, both families) and checks each with
 * require_variant, the check the coordinator makes before building
 * anything (requirements, firewall backend, sysctl writes, capture); where
 * df says no network namespace can be made, every one skips. Prints the
 * totals and each distinct reason with how many variants it skips. Returns
 * 0, or -1 when the corpus does not load (its errors printed). */
int doctor_count_variants(FILE *out, int npaths, char **paths, const struct doctor_facts *df);

/* Prints the exact flags to add to `docker run` and to `podman run` so that
 * every variant runs, from what df found; or that nothing is missing. */
void doctor_print_flags(FILE *out, const struct doctor_facts *df);

#endif
