/* SPDX-License-Identifier: GPL-2.0-only */
/* Permanent neighbour entries. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include "netns/link.h"
#include "netns/neigh.h"

struct nlmsghdr *ns_neigh_msg(struct nl_conn *c, char *buf, int family, int ifindex,
			      const unsigned char *addr, const uint8_t mac[6])
{
	struct nlmsghdr *nlh = nl_request(c, buf, RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE);
	struct ndmsg *nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));

	nd->ndm_family = (uint8_t)family;
	nd->ndm_ifindex = ifindex;
	nd->ndm_state = NUD_PERMANENT;
	nd->ndm_type = RTN_UNICAST;
	mnl_attr_put(nlh, NDA_DST, family == AF_INET ? 4 : 16, addr);
	mnl_attr_put(nlh, NDA_LLADDR, 6, mac);
	return nlh;
}

int ns_neigh_add(struct ns *ns, const char *ifname, const char *addr_text, const uint8_t mac[6],
		 struct nl_error *e)
{
	char buf[NL_BUFSZ], what[200];
	unsigned char addr[16];
	int family = strchr(addr_text, ':') ? AF_INET6 : AF_INET, ifindex;

	snprintf(what, sizeof(what), "adding the neighbour %s on %s:%s", addr_text, ns->name, ifname);
	if (inet_pton(family, addr_text, addr) != 1) {
		nl_set_error(e, EINVAL, what, "not an address");
		return -1;
	}
	ifindex = ns_link_index(ns, ifname, e);
	if (ifindex < 0)
		return -1;
	return nl_talk(ns->nl, ns_neigh_msg(ns->nl, buf, family, ifindex, addr, mac), NULL, NULL, what, e);
}
