/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_addr_: addresses over rtnetlink, and parsing them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "netns/addr.h"
#include "netns/link.h"

static size_t addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* Accepts 1 to 3 decimal digits up to max; strtol would also take signs,
 * spaces and hex. */
static int parse_prefix(const char *s, int max)
{
	int v = 0;
	size_t n = strlen(s);

	if (n == 0 || n > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v <= max ? v : -1;
}

int ns_addr_parse_ip(const char *s, int *family, unsigned char addr[16])
{
	memset(addr, 0, 16);
	if (inet_pton(AF_INET, s, addr) == 1)
		*family = AF_INET;
	else if (inet_pton(AF_INET6, s, addr) == 1)
		*family = AF_INET6;
	else
		return -1;
	return 0;
}

int ns_addr_parse(const char *text, int *family, unsigned char addr[16], int *prefixlen)
{
	char ip[INET6_ADDRSTRLEN];
	const char *slash = strchr(text, '/');
	size_t n = slash ? (size_t)(slash - text) : 0;

	errno = EINVAL;
	if (!slash || n == 0 || n >= sizeof(ip))
		return -1;
	memcpy(ip, text, n);
	ip[n] = '\0';
	if (ns_addr_parse_ip(ip, family, addr) < 0)
		return -1;
	*prefixlen = parse_prefix(slash + 1, *family == AF_INET ? 32 : 128);
	return *prefixlen < 0 ? -1 : 0;
}

struct nlmsghdr *ns_addr_msg(struct nl_conn *c, char *buf, int family, int ifindex,
			     const unsigned char *addr, int prefixlen)
{
	struct nlmsghdr *nlh = nl_request(c, buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));

	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_prefixlen = (uint8_t)prefixlen;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = (uint32_t)ifindex;
	mnl_attr_put(nlh, IFA_LOCAL, addr_len(family), addr);
	mnl_attr_put(nlh, IFA_ADDRESS, addr_len(family), addr);
	/* Duplicate address detection would keep a v6 address tentative, and
	 * unusable, for about a second; test hosts own their addresses. */
	if (family == AF_INET6)
		mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD);
	return nlh;
}

static int addr_fail(struct nl_error *e, const char *what, const char *why)
{
	nl_set_error(e, EINVAL, what, why);
	return -1;
}

int ns_addr_add(struct ns *ns, const char *ifname, const char *cidr, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[160];
	unsigned char addr[16];
	int family, prefixlen, ifindex;
	struct nlmsghdr *nlh;

	snprintf(what, sizeof(what), "adding address %s to %s:%s", cidr, ns->name, ifname);
	if (ns_addr_parse(cidr, &family, addr, &prefixlen) < 0)
		return addr_fail(e, what, "not ADDRESS/PREFIXLEN");
	ifindex = ns_link_index(ns, ifname, e);
	if (ifindex < 0)
		return -1;
	nlh = ns_addr_msg(ns->nl, buf, family, ifindex, addr, prefixlen);
	return nl_talk(ns->nl, nlh, NULL, NULL, what, e);
}
