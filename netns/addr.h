/* ns_addr_, ns_route_: addresses and routes inside a namespace. */
#ifndef NSF_ADDR_H
#define NSF_ADDR_H

#include "netns/ns.h"

/* Parses "198.18.0.1/24" or "2001:db8::1/64" into family, 16-byte addr buffer
 * and prefix length. Returns 0 or -1 (EINVAL). Pure. */
int ns_addr_parse(const char *text, int *family, unsigned char addr[16], int *prefixlen);

/* Builds RTM_NEWADDR for ifindex. IPv6 addresses carry IFA_F_NODAD (in
 * IFA_FLAGS) so they are usable at once instead of tentative for a second. */
struct nlmsghdr *ns_addr_msg(struct nl_conn *c, char *buf, int family, int ifindex,
			     const unsigned char *addr, int prefixlen);

int ns_addr_add(struct ns *ns, const char *ifname, const char *cidr, struct nl_error *e);

/* Builds RTM_GETROUTE asking how addr (family, 4 or 16 bytes) is routed. */
struct nlmsghdr *ns_route_get_msg(struct nl_conn *c, char *buf, int family, const unsigned char *addr);

/* Waits, bounded by timeout_ms, until the address of cidr is local inside ns:
 * a route lookup for it answers RTN_LOCAL. An IPv6 address is listed at once
 * but accepts packets only once its local route is in (inserted from the
 * address's DAD work even with IFA_F_NODAD); a packet before that is dropped
 * (Ip6InAddrErrors) and its sender retransmits a second later. */
int ns_addr_wait_local(struct ns *ns, const char *cidr, int timeout_ms, struct nl_error *e);

/* Builds RTM_NEWROUTE: dst/dst_len (dst_len 0: default route) via gateway gw. */
struct nlmsghdr *ns_route_msg(struct nl_conn *c, char *buf, int family,
			      const unsigned char *dst, int dst_len, const unsigned char *gw);

/* Adds a route to cidr ("default" or "198.18.2.0/24") via gateway address gw. */
int ns_route_add(struct ns *ns, const char *cidr, const char *gw, struct nl_error *e);

#endif
