/* SPDX-License-Identifier: GPL-2.0-only */
/* require_: a case's `require` lines against this machine. */
#ifndef NSF_REQUIRE_H
#define NSF_REQUIRE_H

#include <stddef.h>
#include "lang/case.h"

/* Returns 0 when every requirement of c is met; else -1 with reason naming
 * the first unmet one and its line ("line 4: needs CONFIG_X, which this
 * kernel does not have"). */
int require_check(const struct case_file *c, char *reason, size_t len);

/* Whether variant v of c can run here at all: c's requirements, and v's
 * firewall backend being usable. The coordinator skips a variant for which
 * this fails, and `nsfault doctor` counts with it. Returns 0, or -1 with
 * reason. */
int require_variant(const struct case_file *c, const struct variant *v, char *reason, size_t len);

#endif
