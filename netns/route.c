/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_route_: routes over rtnetlink. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include "util/retry.h"
#include "netns/addr.h"
#include "netns/route.h"

static size_t route_addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static int route_fail(struct nl_error *e, const char *what, const char *why)
{
	nl_set_error(e, EINVAL, what, why);
	return -1;
}

struct nlmsghdr *ns_route_msg(struct nl_conn *c, char *buf, int family,
			      const unsigned char *dst, int dst_len, const unsigned char *gw)
{
	struct nlmsghdr *nlh = nl_request(c, buf, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

	rtm->rtm_family = (uint8_t)family;
	rtm->rtm_dst_len = (uint8_t)dst_len;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	rtm->rtm_type = RTN_UNICAST;
	if (dst_len > 0)
		mnl_attr_put(nlh, RTA_DST, route_addr_len(family), dst);
	mnl_attr_put(nlh, RTA_GATEWAY, route_addr_len(family), gw);
	return nlh;
}

int ns_route_add(struct ns *ns, const char *cidr, const char *gw, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	unsigned char dst[16] = { 0 }, via[16];
	int family, gw_family, dst_len = 0;
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "adding route %s via %s in %s", cidr, gw, ns->name);
	if (ns_addr_parse_ip(gw, &gw_family, via) < 0)
		return route_fail(e, what, "gateway is not an address");
	family = gw_family;
	if (strcmp(cidr, "default") != 0 && ns_addr_parse(cidr, &family, dst, &dst_len) < 0)
		return route_fail(e, what, "destination is not \"default\" or ADDRESS/PREFIXLEN");
	if (family != gw_family)
		return route_fail(e, what, "destination and gateway differ in family");
	nlh = ns_route_msg(ns->nl, buf, family, dst, dst_len, via);
	return nl_talk(ns->nl, nlh, NULL, NULL, what, e);
}

struct nlmsghdr *ns_route_get_msg(struct nl_conn *c, char *buf, int family, const unsigned char *addr)
{
	struct nlmsghdr *nlh = nl_request(c, buf, RTM_GETROUTE, 0);
	struct rtmsg *rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));

	rtm->rtm_family = (unsigned char)family;
	rtm->rtm_dst_len = family == AF_INET ? 32 : 128;
	mnl_attr_put(nlh, RTA_DST, route_addr_len(family), addr);
	return nlh;
}

static int route_type_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWROUTE && mnl_nlmsg_get_payload_len(nlh) >= sizeof(*rtm))
		*(int *)data = rtm->rtm_type;
	return MNL_CB_OK;
}

/* One lookup of ns_route_wait_local. */
struct route_wait {
	struct ns *ns;
	int family;
	unsigned char addr[16];
	const char *what;
	struct nl_error *e;
};

/* 1 when the lookup answers RTN_LOCAL; until then it fails (ENETUNREACH...)
 * or answers unicast: 0, never -1. */
static int route_is_local(void *arg)
{
	struct route_wait *w = arg;
	char buf[NL_BUFSZ];
	int type = -1;

	return nl_talk(w->ns->nl, ns_route_get_msg(w->ns->nl, buf, w->family, w->addr), route_type_cb,
		       &type, w->what, w->e) == 0 && type == RTN_LOCAL;
}

int ns_route_wait_local(struct ns *ns, const char *cidr, int timeout_ms, struct nl_error *e)
{
	struct route_wait w = { .ns = ns, .e = e };
	char what[160];
	int prefixlen;

	snprintf(what, sizeof(what), "waiting until %s is local on %s", cidr, ns->name);
	w.what = what;
	if (ns_addr_parse(cidr, &w.family, w.addr, &prefixlen) < 0)
		return route_fail(e, what, "not an address with a prefix length");
	if (retry_until(route_is_local, &w, timeout_ms) > 0)
		return 0;
	nl_set_error(e, ETIMEDOUT, what, "the address never became local");
	return -1;
}
