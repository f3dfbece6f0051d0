/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_link_: links over rtnetlink. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "util/retry.h"
#include "netns/link.h"

static int link_fail_toolong(struct nl_error *e, const char *what)
{
	nl_set_error(e, EMSGSIZE, what, "names too long for one request");
	return -1;
}

/* Sends a request built by link_msg (NULL: it did not fit). */
static int link_send(struct ns *ns, struct nlmsghdr *nlh, const char *what, struct nl_error *e)
{
	if (!nlh)
		return link_fail_toolong(e, what);
	return nl_talk(ns->nl, nlh, NULL, NULL, what, e);
}

int ns_link_add_veth(struct ns *a, const char *name, struct ns *b, const char *peer,
		     struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];

	snprintf(what, sizeof(what), "adding veth %s:%s <-> %s:%s", a->name, name, b->name, peer);
	return link_send(a, ns_link_veth_msg(a->nl, buf, name, peer, b->fd), what, e);
}

int ns_link_set_up(struct ns *ns, const char *ifname, bool up, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];

	snprintf(what, sizeof(what), "setting %s:%s %s", ns->name, ifname, up ? "up" : "down");
	return link_send(ns, ns_link_updown_msg(ns->nl, buf, ifname, up), what, e);
}

int ns_link_set_mtu(struct ns *ns, const char *ifname, uint32_t mtu, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];

	snprintf(what, sizeof(what), "setting the MTU of %s:%s to %u", ns->name, ifname, mtu);
	return link_send(ns, ns_link_mtu_msg(ns->nl, buf, ifname, mtu), what, e);
}

int ns_link_no_ipv6_addrs(struct ns *ns, const char *ifname, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];

	snprintf(what, sizeof(what), "turning IPv6 address generation off on %s:%s", ns->name, ifname);
	return link_send(ns, ns_link_no_ipv6_addrs_msg(ns->nl, buf, ifname), what, e);
}

int ns_link_set_ipv4_forwarding(struct ns *ns, const char *ifname, bool on, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];

	snprintf(what, sizeof(what), "turning IPv4 forwarding %s on %s:%s", on ? "on" : "off", ns->name, ifname);
	return link_send(ns, ns_link_ipv4_forwarding_msg(ns->nl, buf, ifname, on), what, e);
}

int ns_link_move(struct ns *ns, const char *ifname, struct ns *to, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];

	snprintf(what, sizeof(what), "moving %s:%s to %s", ns->name, ifname, to->name);
	return link_send(ns, ns_link_move_msg(ns->nl, buf, ifname, to->fd), what, e);
}

/* ---- the query ---- */

static void link_put_stats(struct ns_link_info *li, const struct nlattr *attr)
{
	struct rtnl_link_stats64 st;

	if (mnl_attr_get_payload_len(attr) < sizeof(st))
		return;
	memcpy(&st, mnl_attr_get_payload(attr), sizeof(st));
	li->rx_packets = st.rx_packets;
	li->has_rx = true;
}

static int link_attr_cb(const struct nlattr *attr, void *data)
{
	struct ns_link_info *li = data;

	switch (mnl_attr_get_type(attr)) {
	case IFLA_OPERSTATE:
		if (mnl_attr_validate(attr, MNL_TYPE_U8) == 0)
			li->operstate = mnl_attr_get_u8(attr);
		break;
	case IFLA_MTU:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
			li->mtu = (int)mnl_attr_get_u32(attr);
		break;
	case IFLA_ADDRESS:
		if (mnl_attr_get_payload_len(attr) == sizeof(li->mac)) {
			memcpy(li->mac, mnl_attr_get_payload(attr), sizeof(li->mac));
			li->has_mac = true;
		}
		break;
	case IFLA_STATS64:
		link_put_stats(li, attr);
		break;
	}
	return MNL_CB_OK;
}

static int link_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ns_link_info *li = data;
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifm)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	li->index = ifm->ifi_index;
	return mnl_attr_parse(nlh, sizeof(*ifm), link_attr_cb, li);
}

/* ns_link_query, with doing ("looking up") saying in e what the caller was
 * doing with the link. */
static int link_query(struct ns *ns, const char *ifname, const char *doing,
		      struct ns_link_info *li, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nlmsghdr *nlh = ns_link_get_msg(ns->nl, buf, ifname);

	snprintf(what, sizeof(what), "%s %s:%s", doing, ns->name, ifname);
	*li = (struct ns_link_info){ .index = -1, .operstate = -1, .mtu = -1 };
	if (!nlh)
		return link_fail_toolong(e, what);
	if (nl_talk(ns->nl, nlh, link_reply_cb, li, what, e) < 0)
		return -1;
	if (li->index <= 0) {
		nl_set_error(e, ENODEV, what, "no link in the reply");
		return -1;
	}
	return 0;
}

/* A reply without the field asked for. */
static int link_lacks(struct ns *ns, const char *ifname, const char *doing, const char *attr,
		      struct nl_error *e)
{
	char what[160], note[64];

	snprintf(what, sizeof(what), "%s %s:%s", doing, ns->name, ifname);
	snprintf(note, sizeof(note), "no %s in the reply", attr);
	nl_set_error(e, ENODATA, what, note);
	return -1;
}

int ns_link_query(struct ns *ns, const char *ifname, struct ns_link_info *info, struct nl_error *e)
{
	return link_query(ns, ifname, "looking up", info, e);
}

int ns_link_index(struct ns *ns, const char *ifname, struct nl_error *e)
{
	struct ns_link_info li;

	return link_query(ns, ifname, "looking up", &li, e) < 0 ? -1 : li.index;
}

int ns_link_operstate(struct ns *ns, const char *ifname, struct nl_error *e)
{
	struct ns_link_info li;

	if (link_query(ns, ifname, "looking up", &li, e) < 0)
		return -1;
	if (li.operstate < 0)
		return link_lacks(ns, ifname, "reading operstate of", "IFLA_OPERSTATE", e);
	return li.operstate;
}

int ns_link_rx_packets(struct ns *ns, const char *ifname, uint64_t *rx, struct nl_error *e)
{
	static const char doing[] = "reading the counters of";
	struct ns_link_info li;

	*rx = UINT64_MAX;
	if (link_query(ns, ifname, doing, &li, e) < 0)
		return -1;
	if (!li.has_rx)
		return link_lacks(ns, ifname, doing, "IFLA_STATS64", e);
	*rx = li.rx_packets;
	return 0;
}

int ns_link_mac(struct ns *ns, const char *ifname, uint8_t mac[6], struct nl_error *e)
{
	static const char doing[] = "reading the hardware address of";
	struct ns_link_info li;

	if (link_query(ns, ifname, doing, &li, e) < 0)
		return -1;
	if (!li.has_mac)
		return link_lacks(ns, ifname, doing, "IFLA_ADDRESS", e);
	memcpy(mac, li.mac, sizeof(li.mac));
	return 0;
}

/* ---- waiting for operstate UP ---- */

static const char *operstate_name(int state)
{
	static const char *const names[] = {
		[IF_OPER_UNKNOWN] = "UNKNOWN", [IF_OPER_NOTPRESENT] = "NOTPRESENT",
		[IF_OPER_DOWN] = "DOWN", [IF_OPER_LOWERLAYERDOWN] = "LOWERLAYERDOWN",
		[IF_OPER_TESTING] = "TESTING", [IF_OPER_DORMANT] = "DORMANT",
		[IF_OPER_UP] = "UP",
	};

	if (state < 0 || (size_t)state >= sizeof(names) / sizeof(names[0]) || !names[state])
		return "?";
	return names[state];
}

/* One look of ns_link_wait_up; state keeps the last operstate seen. */
struct link_wait {
	struct ns *ns;
	const char *ifname;
	struct nl_error *e;
	int state;
};

static int link_is_up(void *arg)
{
	struct link_wait *w = arg;

	w->state = ns_link_operstate(w->ns, w->ifname, w->e);
	if (w->state < 0)
		return -1;
	return w->state == IF_OPER_UP;
}

int ns_link_wait_up(struct ns *ns, const char *ifname, int timeout_ms, struct nl_error *e)
{
	struct link_wait w = { ns, ifname, e, -1 };
	char what[160], note[64];
	int r = retry_until(link_is_up, &w, timeout_ms);

	if (r != 0)
		return r > 0 ? 0 : -1;
	snprintf(what, sizeof(what), "waiting for %s:%s to be up", ns->name, ifname);
	snprintf(note, sizeof(note), "operstate still %s after %d ms", operstate_name(w.state),
		 timeout_ms);
	nl_set_error(e, ETIMEDOUT, what, note);
	return -1;
}
