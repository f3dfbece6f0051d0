/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_route_: routes inside a namespace: adding one, and asking how an address
 * is routed (which also tells when an address has become local). */
#ifndef NSF_ROUTE_H
#define NSF_ROUTE_H

#include "netns/ns.h"

/* Builds RTM_NEWROUTE: dst/dst_len (dst_len 0: default route) via gateway gw
 * (family AF_INET or AF_INET6; 4 or 16 bytes each). Pure. */
struct nlmsghdr *ns_route_msg(struct nl_conn *c, char *buf, int family,
			      const unsigned char *dst, int dst_len, const unsigned char *gw);

/* Adds a route to cidr ("default" or "198.18.2.0/24") via gateway address gw.
 * EINVAL in e when either does not parse or their families differ. */
int ns_route_add(struct ns *ns, const char *cidr, const char *gw, struct nl_error *e);

/* Builds RTM_GETROUTE asking how addr (family, 4 or 16 bytes) is routed. Pure. */
struct nlmsghdr *ns_route_get_msg(struct nl_conn *c, char *buf, int family, const unsigned char *addr);

/* Waits, bounded by timeout_ms, until the address of cidr is local inside ns:
 * a route lookup for it answers RTN_LOCAL. An IPv6 address is listed at once
 * but accepts packets only once its local route is in (inserted from the
 * address's DAD work even with IFA_F_NODAD); a packet before that is dropped
 * (Ip6InAddrErrors) and its sender retransmits a second later. -1 with
 * ETIMEDOUT in e on expiry. */
int ns_route_wait_local(struct ns *ns, const char *cidr, int timeout_ms, struct nl_error *e);

#endif
