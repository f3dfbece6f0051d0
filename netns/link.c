/* ns_link_: veth pairs, up/down, index and operstate over rtnetlink. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "util/clock.h"
#include "netns/link.h"

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

static int link_fail_toolong(struct nl_error *e, const char *what)
{
	nl_set_error(e, EMSGSIZE, what, "names too long for one request");
	return -1;
}

int ns_link_add_veth(struct ns *a, const char *name, struct ns *b, const char *peer,
		     struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "adding veth %s:%s <-> %s:%s", a->name, name, b->name, peer);
	nlh = ns_link_veth_msg(a->nl, buf, name, peer, b->fd);
	if (!nlh)
		return link_fail_toolong(e, what);
	return nl_talk(a->nl, nlh, NULL, NULL, what, e);
}

int ns_link_set_up(struct ns *ns, const char *ifname, bool up, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "setting %s:%s %s", ns->name, ifname, up ? "up" : "down");
	nlh = ns_link_updown_msg(ns->nl, buf, ifname, up);
	if (!nlh)
		return link_fail_toolong(e, what);
	return nl_talk(ns->nl, nlh, NULL, NULL, what, e);
}

struct link_state {
	int index;
	int operstate;
};

static int link_attr_cb(const struct nlattr *attr, void *data)
{
	struct link_state *st = data;

	if (mnl_attr_get_type(attr) == IFLA_OPERSTATE &&
	    mnl_attr_validate(attr, MNL_TYPE_U8) == 0)
		st->operstate = mnl_attr_get_u8(attr);
	return MNL_CB_OK;
}

static int link_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	struct link_state *st = data;
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(*ifm)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	st->index = ifm->ifi_index;
	return mnl_attr_parse(nlh, sizeof(*ifm), link_attr_cb, st);
}

/* One RTM_GETLINK by name; st->operstate stays -1 if the kernel omits it. */
static int link_query(struct ns *ns, const char *ifname, struct link_state *st,
		      struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "looking up %s:%s", ns->name, ifname);
	*st = (struct link_state){ .index = -1, .operstate = -1 };
	nlh = link_by_name_msg(ns->nl, buf, RTM_GETLINK, ifname, &ifm);
	/* Statistics are most of a reply and of no use here. */
	if (!nlh || !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS))
		return link_fail_toolong(e, what);
	if (nl_talk(ns->nl, nlh, link_reply_cb, st, what, e) < 0)
		return -1;
	if (st->index <= 0) {
		nl_set_error(e, ENODEV, what, "no link in the reply");
		return -1;
	}
	return 0;
}

int ns_link_index(struct ns *ns, const char *ifname, struct nl_error *e)
{
	struct link_state st;

	if (link_query(ns, ifname, &st, e) < 0)
		return -1;
	return st.index;
}

int ns_link_operstate(struct ns *ns, const char *ifname, struct nl_error *e)
{
	struct link_state st;

	if (link_query(ns, ifname, &st, e) < 0)
		return -1;
	if (st.operstate < 0) {
		char what[160];

		snprintf(what, sizeof(what), "reading operstate of %s:%s", ns->name, ifname);
		nl_set_error(e, ENODATA, what, "no IFLA_OPERSTATE in the reply");
		return -1;
	}
	return st.operstate;
}

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

int ns_link_wait_up(struct ns *ns, const char *ifname, int timeout_ms, struct nl_error *e)
{
	const struct timespec pause = { .tv_nsec = 1000000 };
	long long deadline = ns_clock_ms() + timeout_ms;
	char what[160], note[64];
	int state;

	for (;;) {
		state = ns_link_operstate(ns, ifname, e);
		if (state < 0)
			return -1;
		if (state == IF_OPER_UP)
			return 0;
		if (ns_clock_ms() >= deadline)
			break;
		/* EINTR only shortens one pause; the deadline still bounds the loop. */
		(void)nanosleep(&pause, NULL);
	}
	snprintf(what, sizeof(what), "waiting for %s:%s to be up", ns->name, ifname);
	snprintf(note, sizeof(note), "operstate still %s after %d ms", operstate_name(state),
		 timeout_ms);
	nl_set_error(e, ETIMEDOUT, what, note);
	return -1;
}

struct nlmsghdr *ns_link_move_msg(struct nl_conn *c, char *buf, const char *ifname, int to_fd)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);

	if (!nlh || !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_NET_NS_FD, (uint32_t)to_fd))
		return NULL;
	return nlh;
}

int ns_link_move(struct ns *ns, const char *ifname, struct ns *to, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "moving %s:%s to %s", ns->name, ifname, to->name);
	nlh = ns_link_move_msg(ns->nl, buf, ifname, to->fd);
	if (!nlh)
		return link_fail_toolong(e, what);
	return nl_talk(ns->nl, nlh, NULL, NULL, what, e);
}

static int stats_attr_cb(const struct nlattr *attr, void *data)
{
	uint64_t *rx = data;

	if (mnl_attr_get_type(attr) == IFLA_STATS64 &&
	    mnl_attr_get_payload_len(attr) >= sizeof(struct rtnl_link_stats64)) {
		struct rtnl_link_stats64 st;

		memcpy(&st, mnl_attr_get_payload(attr), sizeof(st));
		*rx = st.rx_packets;
	}
	return MNL_CB_OK;
}

static int stats_reply_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type != RTM_NEWLINK || mnl_nlmsg_get_payload_len(nlh) < sizeof(struct ifinfomsg)) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	return mnl_attr_parse(nlh, sizeof(struct ifinfomsg), stats_attr_cb, data);
}

int ns_link_rx_packets(struct ns *ns, const char *ifname, uint64_t *rx, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "reading the counters of %s:%s", ns->name, ifname);
	*rx = UINT64_MAX;
	nlh = link_by_name_msg(ns->nl, buf, RTM_GETLINK, ifname, &ifm);
	if (!nlh)
		return link_fail_toolong(e, what);
	if (nl_talk(ns->nl, nlh, stats_reply_cb, rx, what, e) < 0)
		return -1;
	if (*rx == UINT64_MAX) {
		nl_set_error(e, ENODATA, what, "no IFLA_STATS64 in the reply");
		return -1;
	}
	return 0;
}

struct nlmsghdr *ns_link_mtu_msg(struct nl_conn *c, char *buf, const char *ifname, uint32_t mtu)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh = link_by_name_msg(c, buf, RTM_NEWLINK, ifname, &ifm);

	if (!nlh || !mnl_attr_put_u32_check(nlh, NL_BUFSZ, IFLA_MTU, mtu))
		return NULL;
	return nlh;
}

int ns_link_set_mtu(struct ns *ns, const char *ifname, uint32_t mtu, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "setting the MTU of %s:%s to %u", ns->name, ifname, mtu);
	nlh = ns_link_mtu_msg(ns->nl, buf, ifname, mtu);
	if (!nlh)
		return link_fail_toolong(e, what);
	return nl_talk(ns->nl, nlh, NULL, NULL, what, e);
}
