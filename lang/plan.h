/* SPDX-License-Identifier: GPL-2.0-only */
/* plan_: the variants one case runs as: each address family it names (and
 * the run allows), times each firewall backend its `backends` allow when it
 * has rules. Pure, so the fuzz target can take a file all the way from bytes
 * to the variants the runner would start. */
#ifndef NSF_PLAN_H
#define NSF_PLAN_H

#include "lang/case.h"

/* At most this many variants per case: two families times every backend. */
#define PLAN_MAX_VARIANTS 6

/* Writes c's variants, in run order (IPv4 first, then by backend), into out
 * when out is not NULL (room for PLAN_MAX_VARIANTS), restricted to the
 * families the run allows (FAM_* bits). Returns how many there are. */
int plan_case_variants(const struct case_file *c, unsigned families, struct variant *out);

#endif
