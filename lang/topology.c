/* SPDX-License-Identifier: GPL-2.0-only */
/* The topologies: who is linked to whom, with which addresses. */
#include <arpa/inet.h>
#include <string.h>
#include "lang/topology.h"

enum { PAIR_CLIENT, PAIR_SERVER };
enum { R_CLIENT, R_ROUTER, R_SERVER };

static const struct topo_def topologies[] = {
	[TOPO_PAIR] = {
		.name = "pair", .nhosts = 2, .hosts = { "client", "server" },
		.nlinks = 1,
		.links = { { { PAIR_CLIENT, "eth0", "198.18.0.1/24", "2001:db8::1/64" },
			     { PAIR_SERVER, "eth0", "198.18.0.2/24", "2001:db8::2/64" } } },
		.router = -1,
	},
	[TOPO_ROUTED] = {
		.name = "routed", .nhosts = 3, .hosts = { "client", "router", "server" },
		.nlinks = 2,
		.links = {
			{ { R_CLIENT, "eth0", "198.18.1.1/24", "2001:db8:1::1/64" },
			  { R_ROUTER, "eth0", "198.18.1.254/24", "2001:db8:1::fe/64" } },
			{ { R_ROUTER, "eth1", "198.18.2.254/24", "2001:db8:2::fe/64" },
			  { R_SERVER, "eth0", "198.18.2.2/24", "2001:db8:2::2/64" } },
		},
		.nroutes = 2,
		.routes = { { R_CLIENT, "198.18.1.254", "2001:db8:1::fe" },
			    { R_SERVER, "198.18.2.254", "2001:db8:2::fe" } },
		.router = R_ROUTER,
	},
};

const struct topo_def *topo_find(const char *name)
{
	for (size_t i = 0; i < sizeof(topologies) / sizeof(topologies[0]); i++)
		if (strcmp(topologies[i].name, name) == 0)
			return &topologies[i];
	return NULL;
}

const struct topo_def *topo_get(enum case_topology t)
{
	return &topologies[t];
}

static const char *end_addr(const struct topo_end *e, int family)
{
	return family == AF_INET ? e->v4 : e->v6;
}

/* The first address listed for host, without its prefix length. */
static int host_addr_text(const struct topo_def *t, int host, int family, char *buf, size_t len)
{
	for (int i = 0; i < t->nlinks; i++) {
		const struct topo_end *ends[2] = { &t->links[i].a, &t->links[i].b };

		for (int j = 0; j < 2; j++) {
			if (ends[j]->host != host)
				continue;
			size_t n = strcspn(end_addr(ends[j], family), "/");
			if (n >= len)
				return -1;
			memcpy(buf, end_addr(ends[j], family), n);
			buf[n] = '\0';
			return 0;
		}
	}
	return -1;
}

socklen_t topo_host_sockaddr(const struct topo_def *t, int host, int family, int port,
			     struct sockaddr_storage *ss)
{
	char text[INET6_ADDRSTRLEN];

	memset(ss, 0, sizeof(*ss));
	if (host_addr_text(t, host, family, text, sizeof(text)) < 0)
		return 0;
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		if (inet_pton(AF_INET, text, &sin->sin_addr) != 1)
			return 0;
		return sizeof(*sin);
	}
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	if (inet_pton(AF_INET6, text, &sin6->sin6_addr) != 1)
		return 0;
	return sizeof(*sin6);
}
