/* SPDX-License-Identifier: GPL-2.0-only */
/* hdiag_: what iproute2 says about a host at the moment a case fails: its
 * socket table (`ss -tanei`) and link counters (`ip -s link`), run inside the
 * host's namespace through util/proc with a bound (TIMEOUT_DIAG_TOOL_MS). */
#ifndef NSF_HOST_DIAG_H
#define NSF_HOST_DIAG_H

#include <stddef.h>
#include "netns/ns.h"

/* Runs the tool (argv[0] a name tool_find knows) inside ns and appends its
 * output, or one line saying why there is none, to buf (NUL-terminated,
 * len bytes in all; what does not fit is cut). A host that is off (ns->fd
 * -1) gets that one line and no tool is run. */
void hdiag_run(const struct ns *ns, const char *const *argv, char *buf, size_t len);

#endif
