/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_neigh_: static neighbour entries, so that no ARP or neighbour
 * discovery runs between the hosts of a case: address resolution has timers
 * (a lost solicitation is retried after a second) and is part of no scenario.
 * The hardware address to map to comes from ns_link_mac (netns/link.h). */
#ifndef NSF_NEIGH_H
#define NSF_NEIGH_H

#include <stdint.h>
#include "netns/ns.h"

/* Builds RTM_NEWNEIGH: a permanent entry on ifindex mapping addr (family
 * AF_INET or AF_INET6) to mac. Pure. */
struct nlmsghdr *ns_neigh_msg(struct nl_conn *c, char *buf, int family, int ifindex,
			      const unsigned char *addr, const uint8_t mac[6]);

/* Adds (or replaces) the permanent entry: addr_text without prefix length. */
int ns_neigh_add(struct ns *ns, const char *ifname, const char *addr_text, const uint8_t mac[6],
		 struct nl_error *e);

#endif
