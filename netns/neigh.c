/* Permanent neighbour entries and link hardware addresses. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include "netns/link.h"
#include "netns/neigh.h"

struct mac_reply {
	uint8_t mac[6];
	bool found;
};

static int mac_attr_cb(const struct nlattr *attr, void *data)
{
	struct mac_reply *m = data;

	if (mnl_attr_get_type(attr) == IFLA_ADDRESS && mnl_attr_get_payload_len(attr) == 6) {
		memcpy(m->mac, mnl_attr_get_payload(attr), 6);
		m->found = true;
	}
	return MNL_CB_OK;
}

static int mac_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return mnl_attr_parse(nlh, sizeof(struct ifinfomsg), mac_attr_cb, data);
}

int ns_link_mac(struct ns *ns, const char *ifname, uint8_t mac[6], struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nlmsghdr *nlh = nl_request(ns->nl, buf, RTM_GETLINK, 0);
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	struct mac_reply m = { .found = false };

	snprintf(what, sizeof(what), "reading the hardware address of %s:%s", ns->name, ifname);
	ifm->ifi_family = AF_UNSPEC;
	if (!mnl_attr_put_strz_check(nlh, NL_BUFSZ, IFLA_IFNAME, ifname) ||
	    !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS)) {
		nl_set_error(e, EMSGSIZE, what, "name too long for one request");
		return -1;
	}
	if (nl_talk(ns->nl, nlh, mac_reply_cb, &m, what, e) < 0)
		return -1;
	if (!m.found) {
		nl_set_error(e, ENODATA, what, "no IFLA_ADDRESS in the reply");
		return -1;
	}
	memcpy(mac, m.mac, 6);
	return 0;
}

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
