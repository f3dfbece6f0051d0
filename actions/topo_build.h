/* SPDX-License-Identifier: GPL-2.0-only */
/* build_: turns a topology into live namespaces for one address family:
 * namespaces with the pinned sysctls and the case's own, veth links up,
 * addresses, routes, forwarding on the router. Each namespace's undo is
 * registered as it is made. */
#ifndef NSF_BUILD_H
#define NSF_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/case.h"
#include "lang/topology.h"
#include "netns/ns.h"

struct live_topo {
	const struct topo_def *t;
	const struct case_file *c;
	int family;                     /* AF_INET or AF_INET6 */
	int nhosts;
	struct ns hosts[CASE_MAX_HOSTS];
	/* The first pinned sysctl the environment refused (a container's
	 * read-only /proc/sys with no way around it), as ns_sysctl_write's
	 * message with the flags that would allow it; "" when all are pinned.
	 * A variant that fails while this is set has failed where nsfault could
	 * not remove the nondeterminism the pin is for: the runner makes that a
	 * skip with this reason, not a failure. */
	char unpinned[256];
	/* net.ipv4.ip_forward could not be written: the router's links get
	 * IPv4 forwarding one by one (ns_link_set_ipv4_forwarding) instead. */
	bool forward_per_link;
};

/* Whether the variant can have `name` = value even where the sysctl cannot
 * be written: net.ipv4.ip_forward 1 on the router, set per link over
 * netlink (0 is not substituted: no case turns forwarding off). */
bool build_sysctl_has_substitute(const char *name, const char *value);

/* Returns 0, or -1 with err saying which host/link/step failed and why; *skip
 * is set when the cause is a missing privilege or kernel feature rather than
 * a fault of nsfault or of the case (e.g. forwarding or a case's own sysctl
 * that a read-only /proc/sys does not let be written). */
int build_topology(const struct case_file *c, int family, struct live_topo *lt,
		   char *err, size_t errlen, bool *skip);

/* The sysctls build_topology writes for c in a variant of family beyond the
 * pinned ones, in the order it writes them: forwarding on the router, then
 * the case's own `sysctl` lines. Fills out (BUILD_MAX_SYSCTLS entries) and
 * returns how many. Unlike a pinned one, each of them is what the case is
 * about: where one can be neither written nor found holding its value, the
 * variant cannot run (engine/require.h checks that before building). */
#define BUILD_MAX_SYSCTLS (CASE_MAX_SYSCTLS + 1)
int build_own_sysctls(const struct case_file *c, int family, struct case_sysctl *out);

/* Makes host's namespace anew (a host powering on): sysctls, then each of its
 * links, which must already be in `from`, moved in, up, addressed; then its
 * routes. Returns 0 or -1 with err. */
int build_host_again(struct live_topo *lt, int host, struct ns *from, char *err, size_t errlen);

/* After a link of host came back up: puts its addresses and the host's routes
 * back, as a configured host would (the kernel drops IPv6 addresses on link
 * down, and routes through the link in both families). Existing ones are
 * kept. Returns 0 or -1 with err. */
int build_restore_link(struct live_topo *lt, int host, const char *ifname, char *err, size_t errlen);

#endif
