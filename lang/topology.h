/* SPDX-License-Identifier: GPL-2.0-only */
/* topo_: the topologies a case can ask for. Pure data: hosts, links, addresses
 * and routes; actions/topo_build.c turns one into namespaces.
 *
 * Addresses come only from 198.18.0.0/15 and 2001:db8::/32, and live only in
 * namespaces the run created. */
#ifndef NSF_TOPOLOGY_H
#define NSF_TOPOLOGY_H

#include <sys/socket.h>
#include "lang/case.h"

#define TOPO_MAX_LINKS 2

struct topo_end {
	int host;
	const char *ifname;
	const char *v4, *v6;            /* CIDR */
};

struct topo_link { struct topo_end a, b; };

struct topo_route {
	int host;
	const char *v4_gw, *v6_gw;      /* default route via */
};

struct topo_def {
	const char *name;
	int nhosts;
	const char *hosts[CASE_MAX_HOSTS];
	int nlinks;
	struct topo_link links[TOPO_MAX_LINKS];
	int nroutes;
	struct topo_route routes[CASE_MAX_HOSTS];
	int router;                     /* host that forwards, -1 for none */
};

/* Returns the topology called name ("pair", "routed"), or NULL. */
const struct topo_def *topo_find(const char *name);
const struct topo_def *topo_get(enum case_topology t);

/* Fills ss with host's first address in family (AF_INET/AF_INET6) and port.
 * Returns the address length, or 0 when the host has none. */
socklen_t topo_host_sockaddr(const struct topo_def *t, int host, int family, int port,
			     struct sockaddr_storage *ss);

#endif
