/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of netns/diag: the SOCK_DESTROY message (pure), then real TCP
 * connections over the loopback of a namespace the test creates (root). */
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>

#include "tests/tests.h"
#include "util/errnames.h"
#include "netns/diag.h"

#define TIMEOUT_MS 2000

/* ---- pure: the message ---- */

static struct sockaddr_in v4(const char *ip, uint16_t port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	inet_pton(AF_INET, ip, &a.sin_addr);
	return a;
}

static struct sockaddr_in6 v6(const char *ip, uint16_t port)
{
	struct sockaddr_in6 a = { .sin6_family = AF_INET6, .sin6_port = htons(port) };

	inet_pton(AF_INET6, ip, &a.sin6_addr);
	return a;
}

static const struct inet_diag_req_v2 *check_header(const struct nlmsghdr *nlh, uint32_t seq)
{
	CU_ASSERT_EQUAL(nlh->nlmsg_type, SOCK_DESTROY);
	CU_ASSERT_EQUAL(nlh->nlmsg_flags, NLM_F_REQUEST | NLM_F_ACK);
	CU_ASSERT_EQUAL(nlh->nlmsg_seq, seq);
	CU_ASSERT_EQUAL(nlh->nlmsg_len, NLMSG_LENGTH(sizeof(struct inet_diag_req_v2)));
	return NLMSG_DATA(nlh);
}

static void check_req_common(const struct inet_diag_req_v2 *r, int family)
{
	CU_ASSERT_EQUAL(r->sdiag_family, family);
	CU_ASSERT_EQUAL(r->sdiag_protocol, IPPROTO_TCP);
	CU_ASSERT_EQUAL(r->idiag_states, ~0U);
	CU_ASSERT(r->idiag_states & (1U << TCP_TIME_WAIT));
	CU_ASSERT_EQUAL(r->id.idiag_cookie[0], INET_DIAG_NOCOOKIE);
	CU_ASSERT_EQUAL(r->id.idiag_cookie[1], INET_DIAG_NOCOOKIE);
}

static void test_msg_v4(void)
{
	char buf[NL_BUFSZ];
	struct sockaddr_in s = v4("10.0.0.1", 40000), d = v4("10.0.0.2", 80);
	struct nlmsghdr *nlh = ns_diag_destroy_msg(buf, 42, (struct sockaddr *)&s,
						   (struct sockaddr *)&d);
	const struct inet_diag_req_v2 *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	r = check_header(nlh, 42);
	check_req_common(r, AF_INET);
	CU_ASSERT_EQUAL(r->id.idiag_sport, htons(40000));
	CU_ASSERT_EQUAL(r->id.idiag_dport, htons(80));
	CU_ASSERT_EQUAL(memcmp(r->id.idiag_src, &s.sin_addr, 4), 0);
	CU_ASSERT_EQUAL(memcmp(r->id.idiag_dst, &d.sin_addr, 4), 0);
	CU_ASSERT_EQUAL(r->id.idiag_src[1] | r->id.idiag_src[2] | r->id.idiag_src[3], 0);
	CU_ASSERT_EQUAL(r->id.idiag_dst[1] | r->id.idiag_dst[2] | r->id.idiag_dst[3], 0);
}

static void test_msg_v6(void)
{
	char buf[NL_BUFSZ];
	struct sockaddr_in6 s = v6("fd00::1", 1), d = v6("fd00::2", 65535);
	struct nlmsghdr *nlh = ns_diag_destroy_msg(buf, 7, (struct sockaddr *)&s,
						   (struct sockaddr *)&d);
	const struct inet_diag_req_v2 *r;

	CU_ASSERT_PTR_NOT_NULL_FATAL(nlh);
	r = check_header(nlh, 7);
	check_req_common(r, AF_INET6);
	CU_ASSERT_EQUAL(r->id.idiag_sport, htons(1));
	CU_ASSERT_EQUAL(r->id.idiag_dport, htons(65535));
	CU_ASSERT_EQUAL(memcmp(r->id.idiag_src, &s.sin6_addr, 16), 0);
	CU_ASSERT_EQUAL(memcmp(r->id.idiag_dst, &d.sin6_addr, 16), 0);
}

static void test_msg_bad_tuple(void)
{
	char buf[NL_BUFSZ];
	struct sockaddr_in s = v4("10.0.0.1", 1);
	struct sockaddr_in6 d = v6("::1", 2);
	struct sockaddr un = { .sa_family = AF_UNIX };

	CU_ASSERT_PTR_NULL(ns_diag_destroy_msg(buf, 1, (struct sockaddr *)&s, (struct sockaddr *)&d));
	CU_ASSERT_PTR_NULL(ns_diag_destroy_msg(buf, 1, &un, &un));
}

/* ---- live: a connection inside a namespace ---- */

struct pair {
	int family;
	int lsn, cli, srv;
	struct sockaddr_storage lsn_addr, cli_local, cli_remote, srv_local, srv_remote;
};

#define SA(x) ((struct sockaddr *)&(x))

static int pair_sockname(int fd, struct sockaddr_storage *ss, bool peer)
{
	socklen_t len = sizeof(*ss);

	return peer ? getpeername(fd, SA(*ss), &len) : getsockname(fd, SA(*ss), &len);
}

static int pair_listen(struct pair *p)
{
	struct sockaddr_storage a = { 0 };
	socklen_t len;

	if (p->family == AF_INET) {
		*(struct sockaddr_in *)&a = v4("127.0.0.1", 0);
		len = sizeof(struct sockaddr_in);
	} else {
		*(struct sockaddr_in6 *)&a = v6("::1", 0);
		len = sizeof(struct sockaddr_in6);
	}
	p->lsn = socket(p->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (p->lsn < 0 || bind(p->lsn, SA(a), len) < 0 || listen(p->lsn, 4) < 0)
		return -1;
	return pair_sockname(p->lsn, &p->lsn_addr, false);
}

/* Runs inside the namespace: every socket belongs to it from then on. A
 * blocking connect over loopback completes before it returns. */
static int pair_open_inside(void *arg)
{
	struct pair *p = arg;
	socklen_t len = p->family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);

	if (pair_listen(p) < 0)
		return -1;
	p->cli = socket(p->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (p->cli < 0 || connect(p->cli, SA(p->lsn_addr), len) < 0)
		return -1;
	p->srv = accept4(p->lsn, NULL, NULL, SOCK_CLOEXEC);
	if (p->srv < 0)
		return -1;
	if (pair_sockname(p->cli, &p->cli_local, false) < 0 ||
	    pair_sockname(p->cli, &p->cli_remote, true) < 0 ||
	    pair_sockname(p->srv, &p->srv_local, false) < 0)
		return -1;
	return pair_sockname(p->srv, &p->srv_remote, true);
}

static void pair_close(struct pair *p)
{
	int *fds[] = { &p->lsn, &p->cli, &p->srv };

	for (size_t i = 0; i < 3; i++)
		if (*fds[i] >= 0 && close(*fds[i]) == 0)
			*fds[i] = -1;
}

static bool pair_open(struct ns *ns, struct pair *p, int family)
{
	struct nl_error e = { 0 };

	memset(p, 0, sizeof(*p));
	p->family = family;
	p->lsn = p->cli = p->srv = -1;
	if (ns_within(ns, pair_open_inside, p, &e) == 0)
		return true;
	TEST_FAILF("connecting inside %s (family %d): %s", ns->name, family,
	      e.err ? e.text : err_name(errno));
	pair_close(p);
	return false;
}

static int state_of(struct ns *ns, struct sockaddr_storage *src, struct sockaddr_storage *dst)
{
	struct nl_error e = { 0 };
	int st = ns_diag_state(ns, SA(*src), SA(*dst), &e);

	if (st < 0)
		TEST_FAILF("ns_diag_state: %s", e.text);
	return st;
}

/* errno of a non-blocking recv on fd once it is readable or in error, or 0
 * when recv returned end of file, -1 when nothing came in time. */
static int recv_errno(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	char ch;
	ssize_t n;

	if (poll(&pfd, 1, timeout_ms) != 1)
		return -1;
	n = recv(fd, &ch, 1, MSG_DONTWAIT);
	if (n < 0)
		return errno;
	return n == 0 ? 0 : -1;
}

static bool make_ns(struct ns *ns, const char *name)
{
	struct nl_error e = { 0 };

	if (!test_netns_usable())
		return false;
	if (ns_create(ns, name, &e) == 0)
		return true;
	TEST_FAILF("ns_create %s: %s", name, e.text);
	return false;
}

static void destroy_in(struct ns *ns, struct ns *other, int family)
{
	struct nl_error e = { 0 };
	struct pair p;

	if (!pair_open(ns, &p, family))
		return;
	CU_ASSERT_EQUAL(state_of(ns, &p.cli_local, &p.cli_remote), TCP_ESTABLISHED);
	CU_ASSERT_EQUAL(state_of(ns, &p.srv_local, &p.srv_remote), TCP_ESTABLISHED);
	CU_ASSERT_EQUAL(state_of(ns, &p.lsn_addr, &(struct sockaddr_storage){ .ss_family = (sa_family_t)family }),
			TCP_LISTEN);
	/* Another namespace does not see it. */
	CU_ASSERT_EQUAL(state_of(other, &p.cli_local, &p.cli_remote), 0);
	if (ns_diag_destroy(ns, SA(p.cli_local), SA(p.cli_remote), &e) != 0)
		TEST_FAILF("ns_diag_destroy: %s", e.text);
	/* The destroyed socket reports ECONNABORTED once, then end of file. */
	CU_ASSERT_EQUAL(recv_errno(p.cli, 0), ECONNABORTED);
	CU_ASSERT_EQUAL(recv_errno(p.cli, 0), 0);
	/* The kernel sent an RST: the peer sees a reset. */
	CU_ASSERT_EQUAL(recv_errno(p.srv, TIMEOUT_MS), ECONNRESET);
	CU_ASSERT_EQUAL(state_of(ns, &p.cli_local, &p.cli_remote), 0);
	CU_ASSERT_EQUAL(state_of(ns, &p.srv_local, &p.srv_remote), 0);
	/* Gone: a second destroy finds nothing. */
	CU_ASSERT_EQUAL(ns_diag_destroy(ns, SA(p.cli_local), SA(p.cli_remote), &e), -1);
	CU_ASSERT_EQUAL(e.err, ENOENT);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "SOCK_DESTROY"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.text, "ENOENT"));
	pair_close(&p);
}

static void test_destroy(void)
{
	struct ns ns, other;

	if (!make_ns(&ns, "diag"))
		return;
	if (make_ns(&other, "diag-other")) {
		destroy_in(&ns, &other, AF_INET);
		destroy_in(&ns, &other, AF_INET6);
		ns_destroy(&other);
	}
	ns_destroy(&ns);
}

/* Polls the state until it is want (bounded): the FIN exchange over
 * loopback completes asynchronously. */
static int await_state(struct ns *ns, struct sockaddr_storage *src, struct sockaddr_storage *dst,
		       int want)
{
	struct timespec ms = { 0, 1000000 };
	int st = -1;

	for (int i = 0; i < TIMEOUT_MS && st != want; i++) {
		st = state_of(ns, src, dst);
		if (st != want)
			nanosleep(&ms, NULL);
	}
	return st;
}

/* A socket no process holds any more (TIME_WAIT) is still found. */
static void test_time_wait(void)
{
	struct ns ns;
	struct pair p;

	if (!make_ns(&ns, "diag-tw"))
		return;
	if (pair_open(&ns, &p, AF_INET)) {
		CU_ASSERT(close(p.cli) == 0);	/* the active closer ends in TIME_WAIT */
		p.cli = -1;
		CU_ASSERT_EQUAL(recv_errno(p.srv, TIMEOUT_MS), 0);	/* FIN arrived */
		pair_close(&p);
		CU_ASSERT_EQUAL(await_state(&ns, &p.cli_local, &p.cli_remote, TCP_TIME_WAIT),
				TCP_TIME_WAIT);
	}
	ns_destroy(&ns);
}

static void test_errors(void)
{
	struct ns ns;
	struct nl_error e = { 0 };
	struct sockaddr_in s = v4("127.0.0.1", 1);
	struct sockaddr_in6 d = v6("::1", 2);

	if (!make_ns(&ns, "diag-err"))
		return;
	CU_ASSERT_EQUAL(ns_diag_destroy(&ns, SA(s), SA(d), &e), -1);
	CU_ASSERT_EQUAL(e.err, EINVAL);
	CU_ASSERT_EQUAL(ns_diag_state(&ns, SA(s), SA(d), &e), -1);
	CU_ASSERT_EQUAL(e.err, EINVAL);
	/* Nothing listens or connects here. */
	CU_ASSERT_EQUAL(ns_diag_state(&ns, SA(s), SA(s), &e), 0);
	ns_destroy(&ns);
}

int test_diag_register(void)
{
	static const struct test_def tests[] = {
		{ "SOCK_DESTROY message, IPv4", test_msg_v4 },
		{ "SOCK_DESTROY message, IPv6", test_msg_v6 },
		{ "mixed or non-IP tuples are refused", test_msg_bad_tuple },
		{ "state and destroy of a live connection", test_destroy },
		{ "state finds TIME_WAIT", test_time_wait },
		{ "errors", test_errors },
		{ NULL, NULL },
	};

	return tests_add_suite("diag", tests);
}
