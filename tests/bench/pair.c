/* SPDX-License-Identifier: GPL-2.0-only */
/* `make bench`, first part: the pair topology (two namespaces with loopback
 * up, a veth pair between them, both ends up and operationally up, an IPv4
 * address on each) made and torn down three ways, in turn, ROUNDS times:
 *   nsfault  nsfault's own netns/ code (what every case variant runs);
 *   mnl      the same requests as bare libmnl calls, no error text, no
 *            abstraction: the floor for doing it over netlink;
 *   ip       iproute2 commands (tests/bench/pair-ip.sh) in a private mount
 *            namespace of their own, as a shell script would do it.
 * Prints min/median/max wall milliseconds per way, and the medians' ratios.
 * Addresses are 198.18.0.0/15 only, inside namespaces this program made;
 * the namespaces live only as long as their fds (or the ip script's private
 * mounts), so nothing outlives the program. Needs root.
 * Usage: pair [ROUNDS] [IP-SCRIPT] [WAY]; with WAY, only that way runs,
 * ROUNDS times, silently (to time it as a whole process). */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/if.h>
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <libmnl/libmnl.h>
#include "netns/addr.h"
#include "netns/link.h"
#include "netns/ns.h"
#include "util/errnames.h"
#include "util/timeouts.h"

#define MAX_ROUNDS 1000

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- nsfault's code ---- */

static int pair_nsfault(void)
{
	struct ns a = { .fd = -1 }, b = { .fd = -1 };
	struct nl_error e = { 0 };
	int rc = -1;

	if (ns_create(&a, "a", &e) == 0 && ns_create(&b, "b", &e) == 0 &&
	    ns_link_add_veth(&a, "veth0", &b, "veth1", &e) == 0 &&
	    ns_link_set_up(&a, "veth0", true, &e) == 0 && ns_link_set_up(&b, "veth1", true, &e) == 0 &&
	    ns_link_wait_up(&a, "veth0", TIMEOUT_LINK_UP_MS, &e) == 0 &&
	    ns_link_wait_up(&b, "veth1", TIMEOUT_LINK_UP_MS, &e) == 0 &&
	    ns_addr_add(&a, "veth0", "198.18.0.1/24", &e) == 0 && ns_addr_add(&b, "veth1", "198.18.0.2/24", &e) == 0)
		rc = 0;
	else
		fprintf(stderr, "bench: nsfault: %s\n", e.text);
	ns_destroy(&a);
	ns_destroy(&b);
	return rc;
}

/* ---- bare libmnl ---- */

struct raw_ns {
	int fd;
	struct mnl_socket *nl;
	unsigned seq;
};

/* Sends one request and reads to its ack; cb sees the other replies. */
static int raw_talk(struct raw_ns *n, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned portid = mnl_socket_get_portid(n->nl);
	ssize_t len;
	int r;

	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++n->seq;
	if (mnl_socket_sendto(n->nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	do {
		if ((len = mnl_socket_recvfrom(n->nl, buf, sizeof(buf))) < 0)
			return -1;
		r = mnl_cb_run(buf, (size_t)len, n->seq, portid, cb, data);
	} while (r > 0);
	return r;
}

static int raw_open(struct raw_ns *n, int orig)
{
	n->nl = NULL;
	n->seq = 0;
	if (unshare(CLONE_NEWNET) < 0 || (n->fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n->nl = mnl_socket_open(NETLINK_ROUTE);
	if (setns(orig, CLONE_NEWNET) < 0 || !n->nl || mnl_socket_bind(n->nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return -1;
	return 0;
}

static struct nlmsghdr *raw_link_msg(char *buf, uint16_t type, uint16_t flags, int index)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	ifm->ifi_index = index;
	return nlh;
}

static int raw_set_up(struct raw_ns *n, const char *ifname)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = raw_link_msg(buf, RTM_NEWLINK, 0, 0);
	struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	ifm->ifi_flags = ifm->ifi_change = IFF_UP;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
	return raw_talk(n, nlh, NULL, NULL);
}

static int raw_veth(struct raw_ns *a, struct raw_ns *b)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = raw_link_msg(buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	struct nlattr *info, *data, *peer;

	mnl_attr_put_strz(nlh, IFLA_IFNAME, "veth0");
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "veth1");
	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)b->fd);
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return raw_talk(a, nlh, NULL, NULL);
}

/* What RTM_GETLINK says: the index and the operstate. */
struct raw_link {
	int index, oper;
};

static int raw_link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct raw_link *l = data;
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;

	l->index = ifm->ifi_index;
	mnl_attr_for_each(attr, nlh, sizeof(*ifm))
		if (mnl_attr_get_type(attr) == IFLA_OPERSTATE)
			l->oper = mnl_attr_get_u8(attr);
	return MNL_CB_OK;
}

/* Waits for IF_OPER_UP the way nsfault does (re-reading every
 * POLL_INTERVAL_US); returns the link's index, or -1. */
static int raw_wait_up(struct raw_ns *n, const char *ifname)
{
	const struct timespec pause = { 0, POLL_INTERVAL_US * 1000L };
	double deadline = now_ms() + TIMEOUT_LINK_UP_MS;
	char buf[MNL_SOCKET_BUFFER_SIZE];

	while (now_ms() < deadline) {
		struct nlmsghdr *nlh = raw_link_msg(buf, RTM_GETLINK, 0, 0);
		struct raw_link l = { -1, -1 };

		mnl_attr_put_strz(nlh, IFLA_IFNAME, ifname);
		if (raw_talk(n, nlh, raw_link_cb, &l) < 0)
			return -1;
		if (l.oper == IF_OPER_UP)
			return l.index;
		nanosleep(&pause, NULL);
	}
	errno = ETIMEDOUT;
	return -1;
}

static int raw_addr(struct raw_ns *n, int index, const char *ip)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	struct in_addr a;

	nlh->nlmsg_type = RTM_NEWADDR;
	nlh->nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 24;
	ifa->ifa_index = (unsigned)index;
	inet_pton(AF_INET, ip, &a);
	mnl_attr_put(nlh, IFA_LOCAL, sizeof(a), &a);
	mnl_attr_put(nlh, IFA_ADDRESS, sizeof(a), &a);
	return raw_talk(n, nlh, NULL, NULL);
}

static void raw_close(struct raw_ns *n)
{
	if (n->nl)
		mnl_socket_close(n->nl);
	if (n->fd >= 0)
		close(n->fd);
}

static int pair_mnl(void)
{
	struct raw_ns a = { .fd = -1 }, b = { .fd = -1 };
	int orig = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC), ia, ib, rc = -1;

	if (orig >= 0 && raw_open(&a, orig) == 0 && raw_open(&b, orig) == 0 &&
	    raw_set_up(&a, "lo") == 0 && raw_set_up(&b, "lo") == 0 && raw_veth(&a, &b) == 0 &&
	    raw_set_up(&a, "veth0") == 0 && raw_set_up(&b, "veth1") == 0 &&
	    (ia = raw_wait_up(&a, "veth0")) > 0 && (ib = raw_wait_up(&b, "veth1")) > 0 &&
	    raw_addr(&a, ia, "198.18.0.1") == 0 && raw_addr(&b, ib, "198.18.0.2") == 0)
		rc = 0;
	else
		fprintf(stderr, "bench: mnl: %s\n", err_name(errno));
	raw_close(&a);
	raw_close(&b);
	if (orig >= 0)
		close(orig);
	return rc;
}

/* ---- iproute2 ---- */

static const char *ip_script = "tests/bench/pair-ip.sh";

static int pair_ip(void)
{
	char cmd[512];
	int st;

	snprintf(cmd, sizeof(cmd), "unshare --mount --propagation private sh %s", ip_script);
	st = system(cmd);
	if (st != 0)
		fprintf(stderr, "bench: ip: %s exited with status %d\n", ip_script, st);
	return st == 0 ? 0 : -1;
}

/* ---- the rounds ---- */

struct way {
	const char *name;
	int (*run)(void);
	double ms[MAX_ROUNDS];
};

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	static struct way ways[] = { { "nsfault", pair_nsfault, { 0 } }, { "mnl", pair_mnl, { 0 } },
				     { "ip", pair_ip, { 0 } } };
	const int nways = sizeof(ways) / sizeof(ways[0]);
	int rounds = argc > 1 ? atoi(argv[1]) : 20;

	if (argc > 2)
		ip_script = argv[2];
	if (argc > 3) {
		for (int w = 0; w < nways; w++)
			if (strcmp(argv[3], ways[w].name) == 0) {
				for (int r = 0; r < rounds; r++)
					if (ways[w].run() < 0)
						return 1;
				return 0;
			}
		fprintf(stderr, "pair: no way named %s (nsfault, mnl, ip)\n", argv[3]);
		return 2;
	}
	if (rounds < 1 || rounds > MAX_ROUNDS) {
		fprintf(stderr, "usage: pair [ROUNDS 1..%d] [IP-SCRIPT]\n", MAX_ROUNDS);
		return 2;
	}
	/* One warm-up round, then the ways in turn, so that a drift of the
	 * machine's speed falls on all three alike; each round starts with the
	 * next way, so that none always follows the same one (the kernel frees
	 * the previous way's namespaces in the background, under the same lock). */
	for (int r = -1; r < rounds; r++)
		for (int k = 0; k < nways; k++) {
			int w = (r + 1 + k) % nways;
			double t0 = now_ms();

			if (ways[w].run() < 0)
				return 1;
			if (r >= 0)
				ways[w].ms[r] = now_ms() - t0;
		}
	printf("pair topology up+down, %d rounds, wall ms:  min  median  max  (median / mnl's)\n", rounds);
	qsort(ways[1].ms, (size_t)rounds, sizeof(double), by_value);
	for (int w = 0; w < nways; w++) {
		if (w != 1)
			qsort(ways[w].ms, (size_t)rounds, sizeof(double), by_value);
		printf("  %-8s %8.1f %7.1f %8.1f  (%.2f)\n", ways[w].name, ways[w].ms[0], median(ways[w].ms, rounds),
		       ways[w].ms[rounds - 1], median(ways[w].ms, rounds) / median(ways[1].ms, rounds));
	}
	return 0;
}
