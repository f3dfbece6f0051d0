/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_link_*_msg: the rtnetlink requests about links, built without being sent
 * (pure: the tests check them attribute by attribute). Below netns/link and
 * netns/ns, which send them. Each returns NULL when the names do not fit in
 * one request of NL_BUFSZ. */
#ifndef NSF_LINK_MSG_H
#define NSF_LINK_MSG_H

#include <stdbool.h>
#include <stdint.h>
#include "netns/nl.h"

/* RTM_NEWLINK creating veth `name` in the connection's namespace with its
 * peer `peer` created directly in the namespace peer_ns_fd (IFLA_NET_NS_FD
 * inside VETH_INFO_PEER), so the pair never exists in the caller's namespace. */
struct nlmsghdr *ns_link_veth_msg(struct nl_conn *c, char *buf, const char *name,
				  const char *peer, int peer_ns_fd);

/* RTM_NEWLINK setting IFF_UP on (up) or off for the link named ifname. */
struct nlmsghdr *ns_link_updown_msg(struct nl_conn *c, char *buf, const char *ifname, bool up);

/* RTM_NEWLINK setting the MTU of the link named ifname. */
struct nlmsghdr *ns_link_mtu_msg(struct nl_conn *c, char *buf, const char *ifname, uint32_t mtu);

/* RTM_NEWLINK moving the link named ifname into namespace to_fd. */
struct nlmsghdr *ns_link_move_msg(struct nl_conn *c, char *buf, const char *ifname, int to_fd);

/* RTM_NEWLINK setting the IPv6 address generation mode of the link named
 * ifname to none (IFLA_INET6_ADDR_GEN_MODE): brought up, it gets no
 * link-local address, so it sends no DAD, router solicitation or MLD report
 * and answers nothing, without a sysctl. */
struct nlmsghdr *ns_link_no_ipv6_addrs_msg(struct nl_conn *c, char *buf, const char *ifname);
struct nlmsghdr *ns_link_ipv4_forwarding_msg(struct nl_conn *c, char *buf, const char *ifname, bool on);

/* RTM_GETLINK asking for the link named ifname, statistics included. */
struct nlmsghdr *ns_link_get_msg(struct nl_conn *c, char *buf, const char *ifname);

#endif
