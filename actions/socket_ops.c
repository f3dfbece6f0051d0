/* SPDX-License-Identifier: GPL-2.0-only */
/* Socket calls, as an agent executes them: one call per step, its return value
 * and errno recorded as they are. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <linux/errqueue.h>
#include <linux/sockios.h>
#include <sys/ioctl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include "util/clock.h"
#include "util/retry.h"
#include "actions/socket_ops.h"
#include "lang/symbols.h"
#include "util/timeouts.h"

/* Largest single send/recv a case may ask for. */
#define OP_MAX_BYTES CASE_MAX_BYTES   /* the parser refuses more; kept as a guard */

static void record(struct result *r, long ret)
{
	r->ret = ret;
	r->err = ret == -1 ? errno : 0;
}

static int ensure_socket(struct sock_ctx *a, int slot)
{
	if (a->fds[slot] < 0)
		a->fds[slot] = socket(a->family, SOCK_STREAM, 0);
	return a->fds[slot];
}

void op_socket(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	record(r, ensure_socket(a, s->sock));
}

static socklen_t wildcard(int family, int port, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		return sizeof(*sin);
	}
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	return sizeof(*sin6);
}

void op_listen(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	struct sockaddr_storage ss;
	socklen_t len = wildcard(a->family, (int)s->arg[0], &ss);
	int fd = ensure_socket(a, s->sock);

	if (fd < 0) {
		record(r, -1);
		snprintf(r->note, sizeof(r->note), "socket() failed");
		return;
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0) {
		record(r, -1);
		snprintf(r->note, sizeof(r->note), "bind() failed");
		return;
	}
	record(r, listen(fd, (int)s->arg[1]));
}

void op_connect(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	struct sockaddr_storage ss;
	socklen_t len = topo_host_sockaddr(a->topo, s->target_host, a->family, (int)s->arg[0], &ss);
	int fd = ensure_socket(a, s->sock);

	if (fd < 0 || !len) {
		errno = fd < 0 ? errno : EADDRNOTAVAIL;
		record(r, -1);
		return;
	}
	record(r, connect(fd, (struct sockaddr *)&ss, len));
}

void op_accept(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	int fd = accept(a->fds[s->src_sock], NULL, NULL);

	record(r, fd);
	if (fd >= 0)
		a->fds[s->sock] = fd;
}

/* The bytes sent are a recognisable pattern, so a capture shows whose they are. */
static char *pattern(size_t n)
{
	char *buf = malloc(n ? n : 1);

	for (size_t i = 0; buf && i < n; i++)
		buf[i] = (char)('a' + i % 26);
	return buf;
}

void op_send(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	size_t n = (size_t)s->arg[0];
	char *buf;

	if (n > OP_MAX_BYTES || !(buf = pattern(n))) {
		errno = ENOMEM;
		record(r, -1);
		snprintf(r->note, sizeof(r->note), "at most %ld bytes per send", OP_MAX_BYTES);
		return;
	}
	record(r, send(a->fds[s->sock], buf, n, (int)s->arg[1]));
	free(buf);
}

void op_recv(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	size_t n = (size_t)s->arg[0];
	char *buf;

	if (n > OP_MAX_BYTES || !(buf = malloc(n ? n : 1))) {
		errno = ENOMEM;
		record(r, -1);
		snprintf(r->note, sizeof(r->note), "at most %ld bytes per recv", OP_MAX_BYTES);
		return;
	}
	record(r, recv(a->fds[s->sock], buf, n, (int)s->arg[1]));
	free(buf);
}

void op_close(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	record(r, close(a->fds[s->sock]));
	a->fds[s->sock] = -1;
}

void op_shutdown(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	record(r, shutdown(a->fds[s->sock], (int)s->arg[0]));
}

void op_setsockopt(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	int fd = a->fds[s->sock];
	int v = (int)s->arg[0];
	struct linger lg = { (int)s->arg[0], (int)s->arg[1] };
	struct timeval tv = { s->arg[0] / 1000, (s->arg[0] % 1000) * 1000 };

	switch (s->opt->type) {
	case SOT_LINGER:
		record(r, setsockopt(fd, s->opt->level, s->opt->opt, &lg, sizeof(lg)));
		break;
	case SOT_MILLIS:
		record(r, setsockopt(fd, s->opt->level, s->opt->opt, &tv, sizeof(tv)));
		break;
	default:
		record(r, setsockopt(fd, s->opt->level, s->opt->opt, &v, sizeof(v)));
	}
}

void op_getsockopt(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	int v = 0;
	socklen_t len = sizeof(v);

	if (getsockopt(a->fds[s->sock], s->opt->level, s->opt->opt, &v, &len) < 0)
		record(r, -1);
	else
		record(r, v);
}

static int tcp_state(int fd)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) < 0)
		return -1;
	return ti.tcpi_state;
}

void op_state(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	record(r, tcp_state(a->fds[s->sock]));
}

/* The kernel sends no event for most state changes (a reset moves a socket to
 * CLOSE without making it readable if the data was consumed), so the state is
 * read at growing intervals (util/retry.h) until it matches or the bound expires. */
void op_wait_state(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	long long deadline = clock_us() + s->wait_ms * 1000LL;
	unsigned pause_us = POLL_INTERVAL_US;
	int st;

	while ((st = tcp_state(a->fds[s->sock])) != (int)s->arg[0]) {
		if (st < 0) {
			record(r, -1);
			return;
		}
		if (clock_us() >= deadline) {
			errno = ETIMEDOUT;
			record(r, -1);
			snprintf(r->note, sizeof(r->note), "state stayed %s for %ld ms", names_tcp_state(st),
				 s->wait_ms);
			return;
		}
		retry_pause(&pause_us);
	}
	record(r, 0);
}

void op_nonblock(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	int fd = a->fds[s->sock];
	int fl = fcntl(fd, F_GETFL);

	record(r, fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK));
}

void op_poll(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	struct pollfd pfd = { .fd = a->fds[s->sock], .events = (short)s->arg[0] };
	int n = poll(&pfd, 1, (int)s->wait_ms);

	record(r, n < 0 ? -1 : pfd.revents);
}

void op_inq(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	int n = 0;

	record(r, ioctl(a->fds[s->sock], SIOCINQ, &n) < 0 ? -1 : n);
}

void op_outq(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	int n = 0;

	record(r, ioctl(a->fds[s->sock], SIOCOUTQ, &n) < 0 ? -1 : n);
}

/* A queue length (SIOCINQ or SIOCOUTQ) reaching a bound gives no event of
 * its own (poll is always ready once reading is shut down, and POLLOUT
 * says nothing about the unacknowledged bytes), so it is re-read (util/retry.h)
 * until it holds or the step's own bound expires. at_least: wait
 * for len >= s->arg[0], else for len <= s->arg[0]. */
static void wait_queue(struct sock_ctx *a, const struct case_step *s, struct result *r, unsigned long req,
		       bool at_least)
{
	long long deadline = clock_us() + s->wait_ms * 1000LL;
	unsigned pause_us = POLL_INTERVAL_US;
	int n = 0;

	for (;;) {
		if (ioctl(a->fds[s->sock], req, &n) < 0) {
			record(r, -1);
			return;
		}
		if (at_least ? n >= s->arg[0] : n <= s->arg[0])
			break;
		if (clock_us() >= deadline) {
			errno = ETIMEDOUT;
			record(r, -1);
			snprintf(r->note, sizeof(r->note), "%s stayed at %d bytes for %ld ms",
				 req == SIOCINQ ? "inq" : "outq", n, s->wait_ms);
			return;
		}
		retry_pause(&pause_us);
	}
	record(r, 0);
}

void op_wait_inq(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	wait_queue(a, s, r, SIOCINQ, true);
}

void op_wait_outq(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	wait_queue(a, s, r, SIOCOUTQ, false);
}

/* The first sock_extended_err in the control messages, or NULL. */
static const struct sock_extended_err *find_ee(struct msghdr *m)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c))
		if ((c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR) ||
		    (c->cmsg_level == IPPROTO_IPV6 && c->cmsg_type == IPV6_RECVERR))
			return (const struct sock_extended_err *)CMSG_DATA(c);
	return NULL;
}

/* Reads one queued error without blocking: the result is its errno (an
 * error queue read never blocks; EAGAIN means the queue is empty). */
void op_errqueue(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	char data[256], ctl[512];
	struct iovec iov = { data, sizeof(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	const struct sock_extended_err *ee;

	if (recvmsg(a->fds[s->sock], &m, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) {
		record(r, -1);
		return;
	}
	ee = find_ee(&m);
	if (!ee) {
		record(r, 0);
		snprintf(r->note, sizeof(r->note), "no extended error in the message");
		return;
	}
	record(r, ee->ee_errno);
	char fields[sizeof(r->note)];

	r->ee = (struct ee_fields){ ee->ee_origin, ee->ee_type, ee->ee_code, ee->ee_info };
	match_format_ee(&r->ee, fields, sizeof(fields));
	snprintf(r->note, sizeof(r->note), "%s", fields + strlen(" with "));
}

void op_sigpipes(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	(void)s;
	r->ret = *a->sigpipes;
}

/* The process ends once its reply is out, without closing its sockets: the
 * kernel closes them as it would for any exiting process. */
void op_exit(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	(void)s;
	a->exit_after_reply = true;
	r->ret = 0;
}
