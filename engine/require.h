/* SPDX-License-Identifier: GPL-2.0-only */
/* require_: a case's `require` lines against this machine. */
#ifndef NSF_REQUIRE_H
#define NSF_REQUIRE_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/case.h"

/* Returns 0 when every requirement of c is met; else -1 with reason naming
 * the first unmet one and its line ("line 4: needs CONFIG_X, which this
 * kernel does not have"). */
int require_check(const struct case_file *c, char *reason, size_t len);

/* Whether variant v of c can run here at all: c's requirements, v's
 * firewall backend being usable, and require_environment. The coordinator
 * skips a variant for which this fails, before building anything, and
 * `nsfault doctor` counts with it: one set of rules for both. Returns 0, or
 * -1 with reason. */
int require_variant(const struct case_file *c, const struct variant *v, char *reason, size_t len);

/* What the environment lets variant v of c do, tried for real in a
 * namespace of this process's own (require_prepare): each sysctl the
 * variant writes beyond the pinned ones (forwarding on a router, the case's
 * `sysctl` lines: actions/topo_build.h) must be writable or already hold
 * its value (a container's read-only /proc/sys);
 * a case that watches the wire (engine/wire.h) needs a packet socket
 * (CAP_NET_RAW). Returns 0 (also when nothing could be tried: the run then
 * says why), or -1 with reason naming the facility and the flags that
 * would provide it. */
int require_environment(const struct case_file *c, const struct variant *v, char *reason, size_t len);

/* Makes the namespace require_environment tries things in, if not yet made.
 * Called by a runner before it forks its case processes, so that they share
 * it instead of each making its own; it lives until this process exits.
 * Returns 0, or -1 when no namespace can be made. */
int require_prepare(void);

#endif
