/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_addr_: addresses inside a namespace, and parsing them (routes are in
 * netns/route.h). */
#ifndef NSF_ADDR_H
#define NSF_ADDR_H

#include "netns/ns.h"

/* Parses "198.18.0.1" or "2001:db8::1" (inet_pton of either family) into
 * family and a 16-byte addr buffer (zero-filled after an IPv4 address).
 * Returns 0 or -1. Pure. */
int ns_addr_parse_ip(const char *text, int *family, unsigned char addr[16]);

/* Parses "198.18.0.1/24" or "2001:db8::1/64" into family, 16-byte addr buffer
 * and prefix length. Returns 0 or -1 (EINVAL). Pure. */
int ns_addr_parse(const char *text, int *family, unsigned char addr[16], int *prefixlen);

/* Builds RTM_NEWADDR for ifindex. IPv6 addresses carry IFA_F_NODAD (in
 * IFA_FLAGS) so they are usable at once instead of tentative for a second. */
struct nlmsghdr *ns_addr_msg(struct nl_conn *c, char *buf, int family, int ifindex,
			     const unsigned char *addr, int prefixlen);

int ns_addr_add(struct ns *ns, const char *ifname, const char *cidr, struct nl_error *e);

#endif
