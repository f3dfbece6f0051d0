/* build_: turns a topology into live namespaces for one address family:
 * namespaces with the pinned sysctls, veth links up, addresses, routes,
 * forwarding on the router. Each namespace's undo is registered as it is made. */
#ifndef NSF_BUILD_H
#define NSF_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include "framework/topology.h"
#include "netns/ns.h"

struct live_topo {
	int nhosts;
	struct ns hosts[CASE_MAX_HOSTS];
};

/* Returns 0, or -1 with err saying which host/link/step failed and why; *skip
 * is set when the cause is a missing privilege or kernel feature rather than
 * a fault of nsfault or of the case. */
int build_topology(const struct topo_def *t, int family, struct live_topo *lt,
		   char *err, size_t errlen, bool *skip);

#endif
