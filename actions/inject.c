/* SPDX-License-Identifier: GPL-2.0-only */
/* A crafted segment out of a raw socket, from one CPU. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "util/errnames.h"
#include "actions/inject.h"

/* Runs inside the namespace: raw sockets belong to the one they are made in. */
static int open_raw(void *arg)
{
	return socket(*(int *)arg, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
}

static socklen_t dest_of(const struct tcpseg *s, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (s->family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, s->dst, 4);
		return sizeof(*sin);
	}
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	sin6->sin6_family = AF_INET6;
	memcpy(&sin6->sin6_addr, s->dst, 16);
	return sizeof(*sin6);
}

/* sendto() pinned to the first allowed CPU, the affinity given back after. */
static ssize_t send_from_one_cpu(int fd, const void *buf, size_t len, const struct sockaddr_storage *to,
				 socklen_t tolen)
{
	cpu_set_t all, one;
	ssize_t n;
	int cpu = 0, saved;

	if (sched_getaffinity(0, sizeof(all), &all) < 0)
		return -1;
	while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &all))
		cpu++;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof(one), &one) < 0)
		return -1;
	n = sendto(fd, buf, len, 0, (const struct sockaddr *)to, tolen);
	saved = errno;
	if (sched_setaffinity(0, sizeof(all), &all) < 0)
		return -1;
	errno = saved;
	return n;
}

int inject_send(const struct ns *ns, const struct tcpseg *s, uint16_t mss, char *err, size_t errlen)
{
	static const uint8_t no_mac[6];
	struct sockaddr_storage to;
	struct nl_error e = { 0 };
	uint8_t frame[128];
	int family = s->family, fd;
	size_t len = tcpseg_build(s, mss, no_mac, no_mac, frame, sizeof(frame));
	socklen_t tolen = dest_of(s, &to);

	if ((fd = ns_within(ns, open_raw, &family, &e)) < 0) {
		snprintf(err, errlen, "raw socket in the host: %s", err_name(e.err ? e.err : errno));
		return -1;
	}
	/* The frame's IP packet: the kernel adds the link layer. */
	if (send_from_one_cpu(fd, frame + 14, len - 14, &to, tolen) != (ssize_t)(len - 14)) {
		snprintf(err, errlen, "sendto on the raw socket: %s", err_name(errno));
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
