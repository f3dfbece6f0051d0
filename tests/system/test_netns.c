/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of netns/: message construction and parsing (no privileges needed),
 * then live tests that build namespaces, veths, addresses and routes (root). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include "tests/tests.h"
#include "util/errnames.h"
#include "netns/nl.h"
#include "netns/ns.h"
#include "netns/link.h"
#include "netns/addr.h"
#include "netns/sysctl.h"
#include "netns/neigh.h"
#include "netns/route.h"
#include <linux/neighbour.h>

/* ---- attribute helpers ---- */

struct attrs {
	const struct nlattr **tb;
	unsigned max;
};

static int collect_cb(const struct nlattr *attr, void *data)
{
	struct attrs *t = data;
	unsigned type = mnl_attr_get_type(attr);

	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

#define ATTRS(tb) { (tb), sizeof(tb) / sizeof((tb)[0]) - 1 }

static bool has_flags(const struct nlmsghdr *nlh, uint16_t flags)
{
	return (nlh->nlmsg_flags & flags) == flags;
}

/* ---- pure: link messages ---- */

static void test_veth_msg(void)
{
	struct nl_conn c = { 0 };
	char buf[NL_BUFSZ];
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 }, *info[IFLA_INFO_MAX + 1] = { 0 };
	const struct nlattr *data[VETH_INFO_MAX + 1] = { 0 }, *peer[IFLA_MAX + 1] = { 0 };
	struct attrs at = ATTRS(tb), ai = ATTRS(info), ad = ATTRS(data), ap = ATTRS(peer);
	struct nlmsghdr *nlh = ns_link_veth_msg(&c, buf, "eth0", "peer0", 42);
	const struct nlattr *p;

	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	CU_ASSERT_EQUAL(nlh->nlmsg_type, RTM_NEWLINK);
	CU_ASSERT(has_flags(nlh, NLM_F_CREATE | NLM_F_EXCL | NLM_F_REQUEST));
	CU_ASSERT_EQUAL(nlh->nlmsg_seq, 1);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(struct ifinfomsg), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFLA_IFNAME]);
	CU_ASSERT_STRING_EQUAL(mnl_attr_get_str(tb[IFLA_IFNAME]), "eth0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFLA_LINKINFO]);
	CU_ASSERT_EQUAL(mnl_attr_parse_nested(tb[IFLA_LINKINFO], collect_cb, &ai), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(info[IFLA_INFO_KIND]);
	CU_ASSERT_STRING_EQUAL(mnl_attr_get_str(info[IFLA_INFO_KIND]), "veth");
	CU_ASSERT_PTR_NOT_NULL_FATAL(info[IFLA_INFO_DATA]);
	CU_ASSERT_EQUAL(mnl_attr_parse_nested(info[IFLA_INFO_DATA], collect_cb, &ad), MNL_CB_OK);
	p = data[VETH_INFO_PEER];
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	/* The peer nest starts with the peer's own ifinfomsg, then attributes. */
	CU_ASSERT_FATAL(mnl_attr_get_payload_len(p) >= sizeof(struct ifinfomsg));
	CU_ASSERT_EQUAL(mnl_attr_parse_payload((const char *)mnl_attr_get_payload(p) +
					       sizeof(struct ifinfomsg),
					       mnl_attr_get_payload_len(p) - sizeof(struct ifinfomsg),
					       collect_cb, &ap), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(peer[IFLA_IFNAME]);
	CU_ASSERT_STRING_EQUAL(mnl_attr_get_str(peer[IFLA_IFNAME]), "peer0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(peer[IFLA_NET_NS_FD]);
	CU_ASSERT_EQUAL(mnl_attr_get_u32(peer[IFLA_NET_NS_FD]), 42);
	/* Nothing may say "create it here" for the peer outside its nest. */
	CU_ASSERT_PTR_NULL(tb[IFLA_NET_NS_FD]);
}

static void test_veth_msg_overflow(void)
{
	struct nl_conn c = { 0 };
	char buf[NL_BUFSZ], name[NL_BUFSZ + 16];

	memset(name, 'x', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	CU_ASSERT_PTR_NULL(ns_link_veth_msg(&c, buf, name, "p", 3));
	CU_ASSERT_PTR_NULL(ns_link_veth_msg(&c, buf, "n", name, 3));
}

static void check_updown(bool up)
{
	struct nl_conn c = { .seq = 7 };
	char buf[NL_BUFSZ];
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	struct attrs at = ATTRS(tb);
	struct nlmsghdr *nlh = ns_link_updown_msg(&c, buf, "eth1", up);
	const struct ifinfomsg *ifm;

	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	ifm = mnl_nlmsg_get_payload(nlh);
	CU_ASSERT_EQUAL(nlh->nlmsg_type, RTM_NEWLINK);
	CU_ASSERT(has_flags(nlh, NLM_F_REQUEST));
	CU_ASSERT_FALSE(nlh->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL));
	CU_ASSERT_EQUAL(nlh->nlmsg_seq, 8);
	CU_ASSERT_EQUAL(ifm->ifi_index, 0);
	CU_ASSERT_EQUAL(ifm->ifi_change, IFF_UP);
	CU_ASSERT_EQUAL(ifm->ifi_flags, up ? IFF_UP : 0);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(*ifm), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFLA_IFNAME]);
	CU_ASSERT_STRING_EQUAL(mnl_attr_get_str(tb[IFLA_IFNAME]), "eth1");
}

static void test_updown_msg(void)
{
	check_updown(true);
	check_updown(false);
}

/* ---- pure: addresses and routes ---- */

static void check_addr_msg(int family, const char *text, int prefixlen)
{
	struct nl_conn c = { 0 };
	char buf[NL_BUFSZ];
	unsigned char addr[16] = { 0 };
	size_t alen = family == AF_INET ? 4 : 16;
	const struct nlattr *tb[IFA_MAX + 1] = { 0 };
	struct attrs at = ATTRS(tb);
	const struct ifaddrmsg *ifa;
	struct nlmsghdr *nlh;

	CU_ASSERT_EQUAL_FATAL(inet_pton(family, text, addr), 1);
	nlh = ns_addr_msg(&c, buf, family, 5, addr, prefixlen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	ifa = mnl_nlmsg_get_payload(nlh);
	CU_ASSERT_EQUAL(nlh->nlmsg_type, RTM_NEWADDR);
	CU_ASSERT(has_flags(nlh, NLM_F_CREATE | NLM_F_REQUEST));
	CU_ASSERT_EQUAL(ifa->ifa_family, family);
	CU_ASSERT_EQUAL(ifa->ifa_prefixlen, prefixlen);
	CU_ASSERT_EQUAL(ifa->ifa_index, 5);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(*ifa), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFA_LOCAL]);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFA_ADDRESS]);
	CU_ASSERT_EQUAL(mnl_attr_get_payload_len(tb[IFA_LOCAL]), alen);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(tb[IFA_LOCAL]), addr, alen), 0);
	CU_ASSERT_EQUAL(mnl_attr_get_payload_len(tb[IFA_ADDRESS]), alen);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(tb[IFA_ADDRESS]), addr, alen), 0);
	if (family == AF_INET6) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFA_FLAGS]);
		CU_ASSERT(mnl_attr_get_u32(tb[IFA_FLAGS]) & IFA_F_NODAD);
	}
}

static void test_addr_msg(void)
{
	check_addr_msg(AF_INET, "198.18.0.1", 24);
	check_addr_msg(AF_INET6, "2001:db8::1", 64);
}

static void check_route_msg(int family, const char *dst, int dst_len, const char *gw)
{
	struct nl_conn c = { 0 };
	char buf[NL_BUFSZ];
	unsigned char d[16] = { 0 }, g[16] = { 0 };
	size_t alen = family == AF_INET ? 4 : 16;
	const struct nlattr *tb[RTA_MAX + 1] = { 0 };
	struct attrs at = ATTRS(tb);
	const struct rtmsg *rtm;
	struct nlmsghdr *nlh;

	CU_ASSERT_EQUAL_FATAL(inet_pton(family, dst, d), 1);
	CU_ASSERT_EQUAL_FATAL(inet_pton(family, gw, g), 1);
	nlh = ns_route_msg(&c, buf, family, d, dst_len, g);
	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	rtm = mnl_nlmsg_get_payload(nlh);
	CU_ASSERT_EQUAL(nlh->nlmsg_type, RTM_NEWROUTE);
	CU_ASSERT(has_flags(nlh, NLM_F_CREATE | NLM_F_REQUEST));
	CU_ASSERT_EQUAL(rtm->rtm_family, family);
	CU_ASSERT_EQUAL(rtm->rtm_dst_len, dst_len);
	CU_ASSERT_EQUAL(rtm->rtm_table, RT_TABLE_MAIN);
	CU_ASSERT_EQUAL(rtm->rtm_protocol, RTPROT_STATIC);
	CU_ASSERT_EQUAL(rtm->rtm_scope, RT_SCOPE_UNIVERSE);
	CU_ASSERT_EQUAL(rtm->rtm_type, RTN_UNICAST);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(*rtm), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[RTA_GATEWAY]);
	CU_ASSERT_EQUAL(mnl_attr_get_payload_len(tb[RTA_GATEWAY]), alen);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(tb[RTA_GATEWAY]), g, alen), 0);
	if (dst_len == 0) {
		CU_ASSERT_PTR_NULL(tb[RTA_DST]);
		return;
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[RTA_DST]);
	CU_ASSERT_EQUAL(mnl_attr_get_payload_len(tb[RTA_DST]), alen);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(tb[RTA_DST]), d, alen), 0);
}

static void test_route_msg(void)
{
	check_route_msg(AF_INET, "0.0.0.0", 0, "198.18.0.2");
	check_route_msg(AF_INET, "198.18.2.0", 24, "198.18.0.2");
	check_route_msg(AF_INET6, "::", 0, "2001:db8::2");
	check_route_msg(AF_INET6, "2001:db8:2::", 64, "2001:db8::2");
}

static void test_addr_parse(void)
{
	static const char *const bad[] = {
		"198.18.0.1", "300.1.1.1/24", "198.18.0.1/33", "2001:db8::1/129",
		"garbage", "", "/24", "198.18.0.1/", "198.18.0.1/-1", "198.18.0.1/+8",
		"198.18.0.1/ 8", "198.18.0.1/24x", "198.18.0.1/0024", "2001:db8::1",
		"198.18.0.1/24/8", "2001:db8::zz/64", "198.18.0.1 /24",
	};
	unsigned char addr[16], v4[4], v6[16];
	int family, plen;

	inet_pton(AF_INET, "198.18.0.1", v4);
	inet_pton(AF_INET6, "2001:db8::1", v6);
	CU_ASSERT_EQUAL(ns_addr_parse("198.18.0.1/24", &family, addr, &plen), 0);
	CU_ASSERT_EQUAL(family, AF_INET);
	CU_ASSERT_EQUAL(plen, 24);
	CU_ASSERT_EQUAL(memcmp(addr, v4, 4), 0);
	CU_ASSERT_EQUAL(ns_addr_parse("2001:db8::1/64", &family, addr, &plen), 0);
	CU_ASSERT_EQUAL(family, AF_INET6);
	CU_ASSERT_EQUAL(plen, 64);
	CU_ASSERT_EQUAL(memcmp(addr, v6, 16), 0);
	CU_ASSERT_EQUAL(ns_addr_parse("198.18.0.0/0", &family, addr, &plen), 0);
	CU_ASSERT_EQUAL(plen, 0);
	CU_ASSERT_EQUAL(ns_addr_parse("2001:db8::1/128", &family, addr, &plen), 0);
	CU_ASSERT_EQUAL(plen, 128);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		if (ns_addr_parse(bad[i], &family, addr, &plen) != -1 || errno != EINVAL)
			TEST_FAILF("ns_addr_parse(\"%s\") should fail with EINVAL", bad[i]);
	}
}

/* ---- pure: sysctl names ---- */

static void test_sysctl_path(void)
{
	static const char *const bad[] = {
		"", "net", "net.", ".net.ipv4", "net..ipv4", "net.ipv4.", "kernel.panic",
		"vm.swappiness", "net.ipv4 x", "net.ipv4.*", "net.//.x", "net./.x",
		"net.ipv4.conf.all\n", "/proc/sys/net/ipv4/icmp_ratelimit", "net.ipv4.a=b",
	};
	char path[64], longname[128];

	CU_ASSERT_EQUAL(ns_sysctl_path("net.ipv4.icmp_ratelimit", path, sizeof(path)), 0);
	CU_ASSERT_STRING_EQUAL(path, "/proc/sys/net/ipv4/icmp_ratelimit");
	/* A '.' inside a component (a VLAN interface) is written '/'. */
	CU_ASSERT_EQUAL(ns_sysctl_path("net.ipv4.conf.eth0/100.forwarding", path, sizeof(path)), 0);
	CU_ASSERT_STRING_EQUAL(path, "/proc/sys/net/ipv4/conf/eth0.100/forwarding");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		errno = 0;
		if (ns_sysctl_path(bad[i], path, sizeof(path)) != -1 || errno != EINVAL)
			TEST_FAILF("ns_sysctl_path(\"%s\") should fail with EINVAL", bad[i]);
	}
	/* Too long for the buffer: exactly fitting passes, one more byte fails. */
	snprintf(longname, sizeof(longname), "net.%0*d", 64 - 1 - 14, 0);
	CU_ASSERT_EQUAL(ns_sysctl_path(longname, path, sizeof(path)), 0);
	CU_ASSERT_EQUAL(strlen(path), 63);
	strcat(longname, "0");
	CU_ASSERT_EQUAL(ns_sysctl_path(longname, path, sizeof(path)), -1);
}

/* ---- pure: NLMSG_ERROR parsing and error text ---- */

/* Builds the NLMSG_ERROR the kernel would send for orig: the echo is capped to
 * orig's header or holds all of it, then the ext-ack TLVs. */
static struct nlmsghdr *build_error(char *buf, const struct nlmsghdr *orig, int error,
				    bool capped, const char *text)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	size_t echo = capped ? sizeof(*orig) : orig->nlmsg_len;
	struct nlmsgerr *err;

	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = (capped ? NLM_F_CAPPED : 0) | (text ? NLM_F_ACK_TLVS : 0);
	err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err) - sizeof(*orig) + echo);
	err->error = -error;
	memcpy(&err->msg, orig, echo);
	if (text) {
		/* Another TLV first, so the parser has to look for the text. */
		mnl_attr_put_u32(nlh, NLMSGERR_ATTR_OFFS, 20);
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, text);
	}
	return nlh;
}

static void test_parse_error(void)
{
	struct nl_conn c = { 0 };
	char req[NL_BUFSZ], buf[2 * NL_BUFSZ], msg[128];
	struct nlmsghdr *orig = ns_link_veth_msg(&c, req, "eth0", "eth0", 3);
	struct nlmsghdr *odd;

	CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
	CU_ASSERT_EQUAL(nl_parse_error(build_error(buf, orig, EOPNOTSUPP, true,
						   "Unknown device type"), msg, sizeof(msg)),
			EOPNOTSUPP);
	CU_ASSERT_STRING_EQUAL(msg, "Unknown device type");
	CU_ASSERT_EQUAL(nl_parse_error(build_error(buf, orig, EOPNOTSUPP, false,
						   "Unknown device type"), msg, sizeof(msg)),
			EOPNOTSUPP);
	CU_ASSERT_STRING_EQUAL(msg, "Unknown device type");
	/* An echoed request whose length is not a multiple of 4. */
	odd = mnl_nlmsg_put_header(req);
	odd->nlmsg_len += 5;
	memset(mnl_nlmsg_get_payload(odd), 'z', 5);
	CU_ASSERT_EQUAL(nl_parse_error(build_error(buf, odd, ERANGE, false, "odd"), msg,
				       sizeof(msg)), ERANGE);
	CU_ASSERT_STRING_EQUAL(msg, "odd");
	/* A text longer than msg is cut, still terminated. */
	CU_ASSERT_EQUAL(nl_parse_error(build_error(buf, orig, EINVAL, true,
						   "Attribute failed policy validation"),
				       msg, 10), EINVAL);
	CU_ASSERT_STRING_EQUAL(msg, "Attribute");
}

static void test_parse_error_plain(void)
{
	struct nl_conn c = { 0 };
	char req[NL_BUFSZ], buf[2 * NL_BUFSZ], msg[64];
	struct nlmsghdr *orig = nl_request(&c, req, RTM_NEWLINK, 0), *nlh;
	struct nlmsgerr *err;

	/* The ack: error 0, no text. */
	strcpy(msg, "stale");
	CU_ASSERT_EQUAL(nl_parse_error(build_error(buf, orig, 0, true, NULL), msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "");
	/* An error without ext-ack TLVs. */
	CU_ASSERT_EQUAL(nl_parse_error(build_error(buf, orig, ENODEV, false, NULL), msg,
				       sizeof(msg)), ENODEV);
	CU_ASSERT_STRING_EQUAL(msg, "");
	/* An echo length beyond the message must not be followed. */
	nlh = build_error(buf, orig, EINVAL, false, "x");
	err = mnl_nlmsg_get_payload(nlh);
	err->msg.nlmsg_len = 60000;
	CU_ASSERT_EQUAL(nl_parse_error(nlh, msg, sizeof(msg)), EINVAL);
	CU_ASSERT_STRING_EQUAL(msg, "");
	/* Too short to hold struct nlmsgerr, or not an error at all. */
	nlh->nlmsg_len = NLMSG_HDRLEN + 2;
	CU_ASSERT_EQUAL(nl_parse_error(nlh, msg, sizeof(msg)), EBADMSG);
	CU_ASSERT_EQUAL(nl_parse_error(orig, msg, sizeof(msg)), EBADMSG);
}

static void test_set_error(void)
{
	struct nl_error e = { 0 };

	nl_set_error(&e, EOPNOTSUPP, "adding veth eth0 <-> eth0", "Unknown device type");
	CU_ASSERT_EQUAL(e.err, EOPNOTSUPP);
	CU_ASSERT_STRING_EQUAL(e.text, "adding veth eth0 <-> eth0: EOPNOTSUPP (Unknown device type)");
	nl_set_error(&e, ENOENT, "reading x", NULL);
	CU_ASSERT_STRING_EQUAL(e.text, "reading x: ENOENT: No such file or directory");
	nl_set_error(&e, ENOENT, "reading x", "");
	CU_ASSERT_STRING_EQUAL(e.text, "reading x: ENOENT: No such file or directory");
}

/* ---- live helpers ---- */

#define NS_NONE { .fd = -1 }

static bool live_create(struct ns *ns, const char *name)
{
	struct nl_error e = { 0 };

	if (!test_netns_usable())
		return false;
	if (ns_create(ns, name, &e) == 0)
		return true;
	TEST_FAILF("ns_create(%s): %s", name, e.text);
	return false;
}

/* Runs a netns call that must succeed; on failure reports e.text and leaves
 * through `out`, where the test destroys what it made. */
#define LIVE_OK(call)                                                            \
	do {                                                                     \
		if ((call) < 0) {                                                \
			TEST_FAILF("%s: %s", #call, e.text);                          \
			goto out;                                                \
		}                                                                \
	} while (0)

/* Runs a netns call that must fail with want; the text must name the errno. */
#define LIVE_FAILS(call, want)                                                   \
	do {                                                                     \
		memset(&e, 0, sizeof(e));                                        \
		if ((call) != -1)                                                \
			TEST_FAILF("%s succeeded, expected %s", #call, err_name(want)); \
		else if (e.err != (want) || !strstr(e.text, err_name(want))) \
			TEST_FAILF("%s: expected %s, got err %d \"%s\"", #call,       \
			      err_name(want), e.err, e.text);             \
	} while (0)

static ino_t self_netns(void)
{
	struct stat st;

	return stat("/proc/self/ns/net", &st) == 0 ? st.st_ino : 0;
}

/* Veths in the initial namespace, as iproute2 sees them (verification only). */
static int count_host_veths(void)
{
	FILE *p = popen("ip -o link show type veth 2>/dev/null", "r");
	int n = 0, ch;

	if (!p)
		return -1;
	while ((ch = fgetc(p)) != EOF)
		n += ch == '\n';
	return pclose(p) == 0 ? n : -1;
}

/* A pair h1:eth0 <-> h2:eth0, both up and running. */
static int live_pair(struct ns *a, struct ns *b, struct nl_error *e)
{
	if (ns_link_add_veth(a, "eth0", b, "eth0", e) < 0 ||
	    ns_link_set_up(a, "eth0", true, e) < 0 || ns_link_set_up(b, "eth0", true, e) < 0)
		return -1;
	if (ns_link_wait_up(a, "eth0", 5000, e) < 0)
		return -1;
	return ns_link_wait_up(b, "eth0", 5000, e);
}

/* ---- live: UDP across the pair, proving addresses and link work ---- */

struct udp {
	int family;
	const char *addr;	/* bound when set */
	int fd;
};

static int fill_sockaddr(int family, const char *addr, struct sockaddr_storage *ss,
			 socklen_t *len)
{
	struct sockaddr_in *in = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	ss->ss_family = family;
	if (family == AF_INET) {
		in->sin_port = htons(9999);
		*len = sizeof(*in);
		return inet_pton(family, addr, &in->sin_addr) == 1 ? 0 : -1;
	}
	in6->sin6_port = htons(9999);
	*len = sizeof(*in6);
	return inet_pton(family, addr, &in6->sin6_addr) == 1 ? 0 : -1;
}

/* Runs inside a namespace: the socket stays bound to it afterwards. */
static int udp_open(void *arg)
{
	struct udp *u = arg;
	struct timeval tv = { .tv_sec = 2 };
	struct sockaddr_storage ss;
	socklen_t len;

	u->fd = socket(u->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (u->fd < 0)
		return -1;
	if (setsockopt(u->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return -1;
	if (!u->addr)
		return 0;
	if (fill_sockaddr(u->family, u->addr, &ss, &len) < 0)
		return -1;
	return bind(u->fd, (struct sockaddr *)&ss, len);
}

/* Sends one datagram from a to dst in b. Binding dst also proves an IPv6
 * address is not tentative (IFA_F_NODAD): binding a tentative one fails. */
static void check_udp(struct ns *a, struct ns *b, int family, const char *dst)
{
	struct udp tx = { family, NULL, -1 }, rx = { family, dst, -1 };
	struct nl_error e = { 0 };
	struct sockaddr_storage ss;
	socklen_t len;
	char got[8] = { 0 };

	if (ns_within(b, udp_open, &rx, &e) < 0 || ns_within(a, udp_open, &tx, &e) < 0) {
		TEST_FAILF("UDP socket to %s: %s %s", dst, e.text, err_name(errno));
		goto out;
	}
	if (fill_sockaddr(family, dst, &ss, &len) < 0 ||
	    sendto(tx.fd, "ping", 4, 0, (struct sockaddr *)&ss, len) != 4) {
		TEST_FAILF("sending UDP to %s: %s", dst, err_name(errno));
		goto out;
	}
	if (recv(rx.fd, got, sizeof(got) - 1, 0) != 4 || strcmp(got, "ping") != 0)
		TEST_FAILF("no UDP datagram arrived at %s: %s", dst, err_name(errno));
out:
	if (tx.fd >= 0)
		close(tx.fd);
	if (rx.fd >= 0)
		close(rx.fd);
}

/* ---- live tests ---- */

/* One query says everything the single-field readers say. */
static void check_link_query(struct ns *a, struct ns *b, int ia)
{
	struct ns_link_info li;
	struct nl_error e = { 0 };
	uint8_t mac[6];
	uint64_t rx;

	LIVE_OK(ns_link_query(a, "eth0", &li, &e));
	LIVE_OK(ns_link_mac(a, "eth0", mac, &e));
	LIVE_OK(ns_link_rx_packets(a, "eth0", &rx, &e));
	CU_ASSERT_EQUAL(li.index, ia);
	CU_ASSERT_EQUAL(li.operstate, IF_OPER_UP);
	CU_ASSERT_EQUAL(li.mtu, 1500);
	CU_ASSERT(li.has_mac && memcmp(li.mac, mac, 6) == 0);
	CU_ASSERT(li.has_rx && li.rx_packets > 0 && li.rx_packets <= rx);	/* UDP arrived */
	LIVE_OK(ns_link_mac(b, "eth0", mac, &e));
	CU_ASSERT(memcmp(li.mac, mac, 6) != 0);
	LIVE_FAILS(ns_link_query(a, "nosuch0", &li, &e), ENODEV);
out:
	return;
}

static void test_live_veth(void)
{
	struct ns a = NS_NONE, b = NS_NONE;
	struct nl_error e = { 0 };
	ino_t home = self_netns();
	int host_veths = count_host_veths(), ia, ib;

	if (!live_create(&a, "h1") || !live_create(&b, "h2"))
		goto out;
	CU_ASSERT_EQUAL(self_netns(), home);
	LIVE_OK(ns_link_add_veth(&a, "eth0", &b, "eth0", &e));
	/* Both ends were made in the namespaces, never in ours. */
	CU_ASSERT_EQUAL(count_host_veths(), host_veths);
	CU_ASSERT_EQUAL(ns_link_operstate(&a, "eth0", &e), IF_OPER_DOWN);
	LIVE_OK(ns_link_set_up(&a, "eth0", true, &e));
	/* One end up, its peer down: no carrier, so the wait must time out. */
	LIVE_FAILS(ns_link_wait_up(&a, "eth0", 50, &e), ETIMEDOUT);
	LIVE_OK(ns_link_set_up(&b, "eth0", true, &e));
	LIVE_OK(ns_link_wait_up(&a, "eth0", 5000, &e));
	LIVE_OK(ns_link_wait_up(&b, "eth0", 5000, &e));
	CU_ASSERT_EQUAL(ns_link_operstate(&a, "eth0", &e), IF_OPER_UP);
	CU_ASSERT_EQUAL(ns_link_operstate(&b, "eth0", &e), IF_OPER_UP);
	/* A fresh namespace's loopback is always ifindex 1. */
	CU_ASSERT_EQUAL(ns_link_index(&a, "lo", &e), 1);
	LIVE_OK(ia = ns_link_index(&a, "eth0", &e));
	LIVE_OK(ib = ns_link_index(&b, "eth0", &e));
	CU_ASSERT(ia > 1 && ib > 1);
	LIVE_OK(ns_addr_add(&a, "eth0", "198.18.0.1/24", &e));
	LIVE_OK(ns_addr_add(&a, "eth0", "2001:db8::1/64", &e));
	LIVE_OK(ns_addr_add(&b, "eth0", "198.18.0.2/24", &e));
	LIVE_OK(ns_addr_add(&b, "eth0", "2001:db8::2/64", &e));
	check_udp(&a, &b, AF_INET, "198.18.0.2");
	check_udp(&a, &b, AF_INET6, "2001:db8::2");
	check_udp(&b, &a, AF_INET6, "2001:db8::1");
	check_link_query(&a, &b, ia);
	LIVE_OK(ns_route_wait_local(&a, "2001:db8::1/64", 5000, &e));
	LIVE_FAILS(ns_route_wait_local(&a, "2001:db8::9/64", 20, &e), ETIMEDOUT);
	LIVE_OK(ns_route_add(&a, "198.18.2.0/24", "198.18.0.2", &e));
	LIVE_OK(ns_route_add(&a, "default", "198.18.0.2", &e));
	LIVE_OK(ns_route_add(&a, "2001:db8:2::/64", "2001:db8::2", &e));
	LIVE_OK(ns_route_add(&a, "default", "2001:db8::2", &e));
	LIVE_OK(ns_link_set_up(&a, "eth0", false, &e));
	CU_ASSERT_EQUAL(ns_link_operstate(&a, "eth0", &e), IF_OPER_DOWN);
out:
	ns_destroy(&a);
	ns_destroy(&b);
	CU_ASSERT_EQUAL(self_netns(), home);
}

static void test_live_errors(void)
{
	struct ns a = NS_NONE, b = NS_NONE;
	struct nl_error e = { 0 };
	ino_t home = self_netns();

	if (!live_create(&a, "h1") || !live_create(&b, "h2"))
		goto out;
	/* Longer than IFNAMSIZ: the kernel's policy check answers with ext-ack text. */
	LIVE_FAILS(ns_link_add_veth(&a, "a-name-longer-than-ifnamsiz", &b, "p0", &e), ERANGE);
	if (!strchr(e.text, '('))
		TEST_FAILF("no extended-ack text in \"%s\"", e.text);
	LIVE_OK(ns_link_add_veth(&a, "dup0", &b, "dup0", &e));
	LIVE_FAILS(ns_link_add_veth(&a, "dup0", &b, "other0", &e), EEXIST);
	/* The peer's name is taken: no half pair may be left in a. */
	LIVE_FAILS(ns_link_add_veth(&a, "new0", &b, "dup0", &e), EEXIST);
	LIVE_FAILS(ns_link_index(&a, "new0", &e), ENODEV);
	LIVE_FAILS(ns_link_set_up(&a, "nosuch0", true, &e), ENODEV);
	LIVE_FAILS(ns_addr_add(&a, "dup0", "198.18.0.1", &e), EINVAL);
	LIVE_FAILS(ns_addr_add(&a, "nosuch0", "198.18.0.1/24", &e), ENODEV);
	LIVE_OK(ns_addr_add(&a, "dup0", "198.18.0.1/24", &e));
	LIVE_FAILS(ns_addr_add(&a, "dup0", "198.18.0.1/24", &e), EEXIST);
	/* dup0 is down, so no connected route makes the gateway reachable. */
	LIVE_FAILS(ns_route_add(&a, "default", "198.18.5.5", &e), ENETUNREACH);
	if (!strchr(e.text, '('))
		TEST_FAILF("no extended-ack text in \"%s\"", e.text);
	LIVE_FAILS(ns_route_add(&a, "2001:db8:2::/64", "198.18.0.2", &e), EINVAL);
	LIVE_FAILS(ns_route_add(&a, "default", "nonsense", &e), EINVAL);
out:
	ns_destroy(&a);
	ns_destroy(&b);
	CU_ASSERT_EQUAL(self_netns(), home);
}

static int read_host_sysctl(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return -1;
	ok = fgets(buf, (int)len, f) != NULL;
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return ok ? 0 : -1;
}

static void test_live_sysctl(void)
{
	static const char path[] = "/proc/sys/net/ipv4/icmp_ratelimit";
	struct ns a = NS_NONE;
	struct nl_error e = { 0 };
	char host[32] = "", inside[32] = "", after[32] = "";
	const char *want;

	if (read_host_sysctl(path, host, sizeof(host)) < 0) {
		TEST_FAILF("reading %s: %s", path, err_name(errno));
		return;
	}
	if (!live_create(&a, "h1"))
		goto out;
	/* The value is kept in jiffies: only whole 10 ms read back unchanged at
	 * every HZ (1234 reads back as 1236 at HZ=250). */
	want = strcmp(host, "2000") ? "2000" : "3000";
	/* A container that lets no sysctl be written (a user namespace's locked
	 * read-only /proc/sys): missing, and e says which flags would help. */
	if (ns_sysctl_write(&a, "net.ipv4.icmp_ratelimit", want, &e) < 0) {
		if (ns_sysctl_denied(e.err))
			tests_skip("%s", e.text);
		else
			TEST_FAILF("ns_sysctl_write: %s", e.text);
		goto out;
	}
	LIVE_OK(ns_sysctl_read(&a, "net.ipv4.icmp_ratelimit", inside, sizeof(inside), &e));
	if (strcmp(inside, want) != 0)
		TEST_FAILF("read back \"%s\" inside, wrote \"%s\"", inside, want);
	CU_ASSERT_EQUAL(read_host_sysctl(path, after, sizeof(after)), 0);
	CU_ASSERT_STRING_EQUAL(after, host);
	LIVE_FAILS(ns_sysctl_write(&a, "net.ipv4.no_such_sysctl", "1", &e), ENOENT);
	LIVE_FAILS(ns_sysctl_read(&a, "net.ipv4.no_such_sysctl", inside, sizeof(inside), &e),
		   ENOENT);
	LIVE_FAILS(ns_sysctl_write(&a, "kernel.panic", "0", &e), EINVAL);
	LIVE_FAILS(ns_sysctl_write(&a, "net.ipv4.icmp_ratelimit", "not-a-number", &e), EINVAL);
	LIVE_FAILS(ns_sysctl_read(&a, "net.ipv4.icmp_ratelimit", inside, 3, &e), ERANGE);
out:
	ns_destroy(&a);
	CU_ASSERT_EQUAL(read_host_sysctl(path, after, sizeof(after)), 0);
	CU_ASSERT_STRING_EQUAL(after, host);
}

/* The substitute for net.ipv4.ip_forward where /proc/sys cannot be written:
 * the device's own forwarding, set over netlink, and nothing else. */
static void test_live_ipv4_forwarding(void)
{
	struct ns a = NS_NONE, b = NS_NONE;
	struct nl_error e = { 0 };
	char dev[16] = "", all[16] = "", all_after[16] = "";

	if (!live_create(&a, "h1") || !live_create(&b, "h2"))
		goto out;
	LIVE_OK(ns_link_add_veth(&a, "eth0", &b, "eth0", &e));
	LIVE_OK(ns_sysctl_read(&a, "net.ipv4.conf.all.forwarding", all, sizeof(all), &e));
	LIVE_OK(ns_link_set_ipv4_forwarding(&a, "eth0", true, &e));
	LIVE_OK(ns_sysctl_read(&a, "net.ipv4.conf.eth0.forwarding", dev, sizeof(dev), &e));
	CU_ASSERT_STRING_EQUAL(dev, "1");
	LIVE_OK(ns_sysctl_read(&b, "net.ipv4.conf.eth0.forwarding", dev, sizeof(dev), &e));
	CU_ASSERT_STRING_EQUAL(dev, "0");
	LIVE_OK(ns_link_set_ipv4_forwarding(&a, "eth0", false, &e));
	LIVE_OK(ns_sysctl_read(&a, "net.ipv4.conf.eth0.forwarding", dev, sizeof(dev), &e));
	CU_ASSERT_STRING_EQUAL(dev, "0");
	LIVE_OK(ns_sysctl_read(&a, "net.ipv4.conf.all.forwarding", all_after, sizeof(all_after), &e));
	CU_ASSERT_STRING_EQUAL(all_after, all);
	LIVE_FAILS(ns_link_set_ipv4_forwarding(&a, "nosuch0", true, &e), ENODEV);
out:
	ns_destroy(&a);
	ns_destroy(&b);
}

static int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	if (!d)
		return -1;
	while (readdir(d))
		n++;
	closedir(d);
	return n;
}

static void test_live_destroy(void)
{
	struct ns a = NS_NONE, b = NS_NONE, zeroed;
	struct nl_error e = { 0 };
	int host_veths = count_host_veths(), stdin_flags = fcntl(0, F_GETFD);
	int fds = count_fds();

	CU_ASSERT(host_veths >= 0);
	if (!live_create(&a, "h1") || !live_create(&b, "h2"))
		goto out;
	LIVE_OK(live_pair(&a, &b, &e));
out:
	ns_destroy(&a);
	ns_destroy(&b);
	CU_ASSERT_EQUAL(a.fd, -1);
	CU_ASSERT_PTR_NULL(a.nl);
	ns_destroy(&a);		/* twice is harmless */
	memset(&zeroed, 0, sizeof(zeroed));
	ns_destroy(&zeroed);	/* must not close stdin */
	CU_ASSERT_EQUAL(fcntl(0, F_GETFD), stdin_flags);
	CU_ASSERT_EQUAL(count_fds(), fds);
	CU_ASSERT_EQUAL(count_host_veths(), host_veths);
}

/* ---- pure: the messages added for neighbours, route lookups, MTU, moves ---- */

static void test_neigh_msg(void)
{
	struct nl_conn c = { 0 };
	char buf[NL_BUFSZ];
	const unsigned char addr[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	const uint8_t mac[6] = { 2, 0, 0, 0, 0, 9 };
	const struct nlattr *tb[NDA_MAX + 1] = { 0 };
	struct attrs at = ATTRS(tb);
	struct nlmsghdr *nlh = ns_neigh_msg(&c, buf, AF_INET6, 7, addr, mac);
	const struct ndmsg *nd = mnl_nlmsg_get_payload(nlh);

	CU_ASSERT_EQUAL(nlh->nlmsg_type, RTM_NEWNEIGH);
	CU_ASSERT(has_flags(nlh, NLM_F_CREATE | NLM_F_REPLACE | NLM_F_REQUEST));
	CU_ASSERT_EQUAL(nd->ndm_family, AF_INET6);
	CU_ASSERT_EQUAL(nd->ndm_ifindex, 7);
	CU_ASSERT_EQUAL(nd->ndm_state, NUD_PERMANENT);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(*nd), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[NDA_DST]);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[NDA_LLADDR]);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(tb[NDA_DST]), addr, 16), 0);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(tb[NDA_LLADDR]), mac, 6), 0);
}

static void test_route_get_mtu_move_msgs(void)
{
	struct nl_conn c = { 0 };
	char buf[NL_BUFSZ];
	const unsigned char addr[4] = { 198, 18, 0, 2 };
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 }, *rt[RTA_MAX + 1] = { 0 };
	struct attrs at = ATTRS(tb), ar = ATTRS(rt);
	struct nlmsghdr *nlh = ns_route_get_msg(&c, buf, AF_INET, addr);
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);

	CU_ASSERT_EQUAL(nlh->nlmsg_type, RTM_GETROUTE);
	CU_ASSERT_EQUAL(rtm->rtm_dst_len, 32);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(*rtm), collect_cb, &ar), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rt[RTA_DST]);
	CU_ASSERT_EQUAL(memcmp(mnl_attr_get_payload(rt[RTA_DST]), addr, 4), 0);
	nlh = ns_link_mtu_msg(&c, buf, "eth1", 1280);
	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(struct ifinfomsg), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFLA_MTU]);
	CU_ASSERT_EQUAL(mnl_attr_get_u32(tb[IFLA_MTU]), 1280);
	CU_ASSERT_STRING_EQUAL(mnl_attr_get_str(tb[IFLA_IFNAME]), "eth1");
	memset(tb, 0, sizeof(tb));
	nlh = ns_link_move_msg(&c, buf, "eth0", 42);
	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	CU_ASSERT_EQUAL(mnl_attr_parse(nlh, sizeof(struct ifinfomsg), collect_cb, &at), MNL_CB_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tb[IFLA_NET_NS_FD]);
	CU_ASSERT_EQUAL(mnl_attr_get_u32(tb[IFLA_NET_NS_FD]), 42);
}

int test_netns_register(void)
{
	static const struct test_def tests[] = {
		{ "veth message", test_veth_msg },
		{ "veth message overflow", test_veth_msg_overflow },
		{ "up/down message", test_updown_msg },
		{ "address message", test_addr_msg },
		{ "route message", test_route_msg },
		{ "neighbour message", test_neigh_msg },
		{ "route lookup, MTU and move messages", test_route_get_mtu_move_msgs },
		{ "address parsing", test_addr_parse },
		{ "sysctl path", test_sysctl_path },
		{ "NLMSG_ERROR with ext-ack text", test_parse_error },
		{ "NLMSG_ERROR ack and malformed", test_parse_error_plain },
		{ "error text", test_set_error },
		{ "live: veth pair, addresses, routes", test_live_veth },
		{ "live: error paths", test_live_errors },
		{ "live: sysctl stays in its namespace", test_live_sysctl },
		{ "live: IPv4 forwarding per link", test_live_ipv4_forwarding },
		{ "live: destroy leaves nothing", test_live_destroy },
		{ NULL, NULL },
	};

	return tests_add_suite("netns", tests);
}
