/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_link_: links inside a namespace: veth pairs, up/down, MTU, moving a link
 * to another namespace, and one query for what the kernel says about a link
 * (index, operstate, MTU, hardware address, packets received). The requests
 * themselves are built in netns/link_msg.h. */
#ifndef NSF_LINK_H
#define NSF_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include "netns/link_msg.h"
#include "netns/ns.h"

int ns_link_add_veth(struct ns *a, const char *name, struct ns *b, const char *peer,
		     struct nl_error *e);
int ns_link_set_up(struct ns *ns, const char *ifname, bool up, struct nl_error *e);
int ns_link_set_mtu(struct ns *ns, const char *ifname, uint32_t mtu, struct nl_error *e);
/* No IPv6 address will be generated on ifname (ns_link_no_ipv6_addrs_msg). */
int ns_link_no_ipv6_addrs(struct ns *ns, const char *ifname, struct nl_error *e);
/* IPv4 forwarding of packets that come in on ifname, on or off: the per-device
 * half of net.ipv4.ip_forward, for where that sysctl cannot be written. */
int ns_link_set_ipv4_forwarding(struct ns *ns, const char *ifname, bool on, struct nl_error *e);
/* Moves ifname from ns to `to`. The kernel takes the link down and drops its
 * addresses and routes on the way (dev_change_net_namespace). */
int ns_link_move(struct ns *ns, const char *ifname, struct ns *to, struct nl_error *e);

/* What one RTM_GETLINK reply says about a link. A field the reply lacks is
 * -1, or its has_ flag false. */
struct ns_link_info {
	int index;              /* ifindex, > 0 */
	int operstate;          /* IFLA_OPERSTATE: IF_OPER_UP, ... */
	int mtu;                /* IFLA_MTU */
	uint8_t mac[6];         /* IFLA_ADDRESS, when has_mac */
	bool has_mac;
	uint64_t rx_packets;    /* IFLA_STATS64, when has_rx */
	bool has_rx;
};

/* Asks for the link named ifname inside ns (one RTM_GETLINK, statistics
 * included). Returns 0, or -1 with e filled (ENODEV: no such link). */
int ns_link_query(struct ns *ns, const char *ifname, struct ns_link_info *info, struct nl_error *e);

/* ns_link_query, for one field each; a missing field is ENODATA in e. Each
 * says in e what it was reading. */
/* The ifindex, or -1. */
int ns_link_index(struct ns *ns, const char *ifname, struct nl_error *e);
/* IFLA_OPERSTATE (IF_OPER_UP, ...), or -1. */
int ns_link_operstate(struct ns *ns, const char *ifname, struct nl_error *e);
/* The packets ifname has received (IFLA_STATS64 rx_packets) into *rx; 0 or -1. */
int ns_link_rx_packets(struct ns *ns, const char *ifname, uint64_t *rx, struct nl_error *e);
/* The hardware address into mac; 0 or -1. */
int ns_link_mac(struct ns *ns, const char *ifname, uint8_t mac[6], struct nl_error *e);

/* Waits, bounded by timeout_ms, until ifname's operstate is IF_OPER_UP:
 * the kernel's link watcher has then activated its queueing discipline, before
 * which packets are silently dropped. -1 with ETIMEDOUT in e on expiry. */
int ns_link_wait_up(struct ns *ns, const char *ifname, int timeout_ms, struct nl_error *e);

#endif
