/* ns_link_: links inside a namespace: veth pairs, up/down, index, operstate. */
#ifndef NSF_LINK_H
#define NSF_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include "netns/ns.h"

/* Builds RTM_NEWLINK creating veth `name` in the connection's namespace with
 * its peer `peer` created directly in the namespace peer_ns_fd
 * (IFLA_NET_NS_FD inside VETH_INFO_PEER), so the pair never exists in the
 * caller's namespace. Pure message construction. */
struct nlmsghdr *ns_link_veth_msg(struct nl_conn *c, char *buf, const char *name,
				  const char *peer, int peer_ns_fd);

/* Builds RTM_NEWLINK setting IFF_UP on (up) or off for the link named ifname. */
struct nlmsghdr *ns_link_updown_msg(struct nl_conn *c, char *buf, const char *ifname, bool up);

/* Builds RTM_NEWLINK setting the MTU of the link named ifname. */
struct nlmsghdr *ns_link_mtu_msg(struct nl_conn *c, char *buf, const char *ifname, uint32_t mtu);
int ns_link_set_mtu(struct ns *ns, const char *ifname, uint32_t mtu, struct nl_error *e);

int ns_link_add_veth(struct ns *a, const char *name, struct ns *b, const char *peer,
		     struct nl_error *e);
int ns_link_set_up(struct ns *ns, const char *ifname, bool up, struct nl_error *e);

/* Returns the ifindex of ifname inside ns (RTM_GETLINK), or -1 with e filled. */
int ns_link_index(struct ns *ns, const char *ifname, struct nl_error *e);

/* Builds RTM_NEWLINK moving the link named ifname into namespace to_fd. */
struct nlmsghdr *ns_link_move_msg(struct nl_conn *c, char *buf, const char *ifname, int to_fd);
/* Moves ifname from ns to `to`. The kernel takes the link down and drops its
 * addresses and routes on the way (dev_change_net_namespace). */
int ns_link_move(struct ns *ns, const char *ifname, struct ns *to, struct nl_error *e);

/* Reads the packets ifname has received (IFLA_STATS64 rx_packets). */
int ns_link_rx_packets(struct ns *ns, const char *ifname, uint64_t *rx, struct nl_error *e);

/* Returns IFLA_OPERSTATE of ifname (IF_OPER_UP, ...), or -1 with e filled. */
int ns_link_operstate(struct ns *ns, const char *ifname, struct nl_error *e);

/* Waits, bounded by timeout_ms, until ifname's operstate is IF_OPER_UP:
 * the kernel's link watcher has then activated its queueing discipline, before
 * which packets are silently dropped. -1 with ETIMEDOUT in e on expiry. */
int ns_link_wait_up(struct ns *ns, const char *ifname, int timeout_ms, struct nl_error *e);

#endif
