/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_link_*_msg: building link requests. */
#include <linux/if.h>
#include <linux/ip.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <sys/socket.h>

#include "netns/link_msg.h"

/* Adds a zeroed ifinfomsg at the tail: as the fixed header of a message, or
 * inside VETH_INFO_PEER, where the peer's own ifinfomsg precedes its attributes. */
static struct ifinfomsg *link_put_ifinfomsg(struct nlmsghdr *nlh)
{
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));

	ifm->ifi_family = AF_UNSPEC;
	return ifm;
}

static bool link_put_peer(struct nlmsghdr *nlh, const char *peer, int peer_ns_fd)
{
	struct nlattr *data, *info;

	data = mnl_attr_nest_start_check(nlh, NL_BUFSZ, IFLA_INFO_DATA);
	if (!data)
		return false;
	info = mnl_attr_nest_start_check(nlh, NL_BUFSZ, VETH_INFO_PEER);
	if (!info || nlh->nlmsg_len + MNL_ALIGN(sizeof(struct ifinfomsg)) > NL_BUFSZ)
		return false;
	link_put_ifinfomsg(nlh);
	if (!mnl_attr_put_strz_check(nlh, NL_BUFSZ, IFLA_IFNAME, peer) ||
	    !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_NET_NS_FD, (uint32_t)peer_ns_fd))
		return false;
	mnl_attr_nest_end(nlh, info);
	mnl_attr_nest_end(nlh, data);
	return true;
}

struct nlmsghdr *ns_link_veth_msg(struct nl_conn *c, char *buf, const char *name,
				  const char *peer, int peer_ns_fd)
{
	struct nlmsghdr *nlh = nl_request(c, buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
	struct nlattr *linkinfo;

	link_put_ifinfomsg(nlh);
	if (!mnl_attr_put_strz_check(nlh, NL_BUFSZ, IFLA_IFNAME, name))
		return NULL;
	linkinfo = mnl_attr_nest_start_check(nlh, NL_BUFSZ, IFLA_LINKINFO);
	if (!linkinfo || !mnl_attr_put_strz_check(nlh, NL_BUFSZ, IFLA_INFO_KIND, "veth"))
		return NULL;
	if (!link_put_peer(nlh, peer, peer_ns_fd))
		return NULL;
	mnl_attr_nest_end(nlh, linkinfo);
	return nlh;
}

/* A request naming an existing link: ifi_index 0 lets IFLA_IFNAME select it. */
static struct nlmsghdr *link_by_name_msg(struct nl_conn *c, char *buf, uint16_t type,
					 const char *ifname, struct ifinfomsg **ifm)
{
	struct nlmsghdr *nlh = nl_request(c, buf, type, 0);

	*ifm = link_put_ifinfomsg(nlh);
	if (!mnl_attr_put_strz_check(nlh, NL_BUFSZ, IFLA_IFNAME, ifname))
		return NULL;
	return nlh;
}

struct nlmsghdr *ns_link_updown_msg(struct nl_conn *c, char *buf, const char *ifname, bool up)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);

	if (!nlh)
		return NULL;
	ifm->ifi_change = IFF_UP;
	ifm->ifi_flags = up ? IFF_UP : 0;
	return nlh;
}

struct nlmsghdr *ns_link_mtu_msg(struct nl_conn *c, char *buf, const char *ifname, uint32_t mtu)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);

	if (!nlh || !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_MTU, mtu))
		return NULL;
	return nlh;
}

struct nlmsghdr *ns_link_move_msg(struct nl_conn *c, char *buf, const char *ifname, int to_fd)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);

	if (!nlh || !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_NET_NS_FD, (uint32_t)to_fd))
		return NULL;
	return nlh;
}

struct nlmsghdr *ns_link_get_msg(struct nl_conn *c, char *buf, const char *ifname)
{
	struct ifinfomsg *ifm;

	return link_by_name_msg(c, buf, RTM_GETLINK, ifname, &ifm);
}

struct nlmsghdr *ns_link_no_ipv6_addrs_msg(struct nl_conn *c, char *buf, const char *ifname)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);
	struct nlattr *spec, *inet6;

	if (!nlh || !(spec = mnl_attr_nest_start_check(nlh, NL_BUFSZ, IFLA_AF_SPEC)) ||
	    !(inet6 = mnl_attr_nest_start_check(nlh, NL_BUFSZ, AF_INET6)) ||
	    !mnl_attr_put_check(nlh, NL_BUFSZ, IFLA_INET6_ADDR_GEN_MODE, 1, &(uint8_t){ IN6_ADDR_GEN_MODE_NONE }))
		return NULL;
	mnl_attr_nest_end(nlh, inet6);
	mnl_attr_nest_end(nlh, spec);
	return nlh;
}

/* IPv4 forwarding on one device (IPV4_DEVCONF_FORWARDING through
 * IFLA_INET_CONF: inet_set_link_af): what ip_route_input_slow checks for
 * the device a packet came in on, settable with CAP_NET_ADMIN over the
 * namespace where /proc/sys is not writable. */
struct nlmsghdr *ns_link_ipv4_forwarding_msg(struct nl_conn *c, char *buf, const char *ifname, bool on)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);
	struct nlattr *spec, *inet, *conf;

	if (!nlh || !(spec = mnl_attr_nest_start_check(nlh, NL_BUFSZ, IFLA_AF_SPEC)) ||
	    !(inet = mnl_attr_nest_start_check(nlh, NL_BUFSZ, AF_INET)) ||
	    !(conf = mnl_attr_nest_start_check(nlh, NL_BUFSZ, IFLA_INET_CONF)) ||
	    !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IPV4_DEVCONF_FORWARDING, on ? 1 : 0))
		return NULL;
	mnl_attr_nest_end(nlh, conf);
	mnl_attr_nest_end(nlh, inet);
	mnl_attr_nest_end(nlh, spec);
	return nlh;
}
