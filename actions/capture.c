/* SPDX-License-Identifier: GPL-2.0-only */
/* Capture: packet sockets per interface, drained between steps. */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/socket.h>
#include "util/errnames.h"
#include "actions/capture.h"

void cap_init(struct capture *c)
{
	c->nlinks = 0;
	c->npkts = 0;
	c->room = 0;
	c->pkts = NULL;
	c->dropped = 0;
	c->step = -1;
}

/* A packet socket bound to ifindex, with a large buffer and kernel stamps. */
static int open_one(int ifindex)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL),
				   .sll_ifindex = ifindex };
	int on = 1, buf = CAP_RCVBUF;
	int fd = socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));

	if (fd < 0)
		return -1;
	/* FORCE: the default rmem_max would cap the buffer well below a busy
	 * step's packets. It needs CAP_NET_ADMIN in the initial user namespace,
	 * which a user namespace of nsfault's own lacks: there the buffer is
	 * rmem_max's, and what it cannot hold is counted as dropped. */
	if ((setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf)) < 0 &&
	     (errno != EPERM || setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf)) < 0)) ||
	    setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof(on)) < 0 ||
	    bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

struct open_arg {
	struct capture *c;
	int host;
	const char *hostname;
	char *err;
	size_t errlen;
};

/* Runs inside the host's namespace: if_nameindex lists its interfaces. */
static int open_in_ns(void *arg)
{
	struct open_arg *a = arg;
	struct if_nameindex *ifs = if_nameindex(), *i;
	int rc = 0;

	if (!ifs) {
		snprintf(a->err, a->errlen, "capture on %s: if_nameindex: %s", a->hostname, err_name(errno));
		return -1;
	}
	for (i = ifs; i->if_index && rc == 0; i++) {
		struct cap_link *l = &a->c->links[a->c->nlinks];

		if (strcmp(i->if_name, "lo") == 0)
			continue;
		if (a->c->nlinks == CAP_MAX_LINKS) {
			snprintf(a->err, a->errlen, "capture on %s: more than %d links", a->hostname, CAP_MAX_LINKS);
			rc = -1;
		} else if ((l->fd = open_one((int)i->if_index)) < 0) {
			a->c->open_errno = errno;
			snprintf(a->err, a->errlen, "capture on %s:%s: AF_PACKET socket: %s", a->hostname, i->if_name,
				 err_name(errno));
			rc = -1;
		} else {
			l->host = a->host;
			l->ifindex = (int)i->if_index;
			snprintf(l->name, sizeof(l->name), "%s:%s", a->hostname, i->if_name);
			a->c->nlinks++;
		}
	}
	if_freenameindex(ifs);
	return rc;
}

static int probe_in_ns(void *arg)
{
	int fd = open_one(1);	/* lo: every namespace has it, at index 1 */

	*(int *)arg = fd < 0 ? errno : 0;
	if (fd >= 0)
		close(fd);
	return 0;
}

int cap_probe(struct ns *ns, char *err, size_t errlen)
{
	struct nl_error e = { 0 };
	int code = 0;

	if (ns_within(ns, probe_in_ns, &code, &e) < 0) {
		snprintf(err, errlen, "capture probe: %s", e.text);
		return -1;
	}
	if (code)
		snprintf(err, errlen, "AF_PACKET socket: %s", err_name(code));
	errno = code;
	return code ? -1 : 0;
}

int cap_open_host(struct capture *c, struct ns *ns, int host, const char *hostname, char *err, size_t errlen)
{
	struct open_arg a = { c, host, hostname, err, errlen };
	struct nl_error e = { 0 };

	if (!c->pkts) {
		if (!(c->pkts = malloc(CAP_FIRST_PKTS * sizeof(*c->pkts)))) {
			snprintf(err, errlen, "capture: out of memory for %d packets", CAP_FIRST_PKTS);
			return -1;
		}
		c->room = CAP_FIRST_PKTS;
	}
	if (ns_within(ns, open_in_ns, &a, &e) < 0) {
		if (e.err)
			snprintf(err, errlen, "capture on %s: %s: %s", hostname, e.text, err_name(e.err));
		return -1;
	}
	return 0;
}

static int64_t stamp_of(struct msghdr *m)
{
	struct timespec now;

	for (struct cmsghdr *cm = CMSG_FIRSTHDR(m); cm; cm = CMSG_NXTHDR(m, cm))
		if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SO_TIMESTAMPNS) {
			struct timespec ts;

			memcpy(&ts, CMSG_DATA(cm), sizeof(ts));
			return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
		}
	clock_gettime(CLOCK_REALTIME, &now);
	return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

/* Room for one more packet: the array doubles when full, up to
 * CAP_MAX_PKTS. Most variants see a few dozen packets: a whole array of
 * 1.2 MB for each, written over by the sanitizers' poisoning at its
 * allocation and again at its free, was 4 % of the CPU samples of
 * make check's suite. False when there is none (the packet is counted as dropped). */
static bool make_room(struct capture *c)
{
	struct cap_pkt *more;
	int room;

	if (c->npkts < c->room)
		return true;
	if (c->room >= CAP_MAX_PKTS)
		return false;
	room = c->room * 2 > CAP_MAX_PKTS ? CAP_MAX_PKTS : c->room * 2;
	if (!(more = realloc(c->pkts, (size_t)room * sizeof(*more))))
		return false;
	c->pkts = more;
	c->room = room;
	return true;
}

/* Reads one packet of link li; 1 when one was read, 0 when none is queued. */
static int read_one(struct capture *c, int li)
{
	struct cap_pkt scratch, *p = make_room(c) ? &c->pkts[c->npkts] : &scratch;
	struct sockaddr_ll from;
	char ctl[CMSG_SPACE(sizeof(struct timespec))];
	struct iovec iov = { p->data, sizeof(p->data) };
	struct msghdr m = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	ssize_t n = recvmsg(c->links[li].fd, &m, MSG_TRUNC | MSG_DONTWAIT);

	if (n < 0 && errno == EINTR)
		return 1;
	if (n < 0) {
		/* ENETDOWN: the interface left the namespace (power off). */
		if (errno != EAGAIN) {
			close(c->links[li].fd);
			c->links[li].fd = -1;
		}
		return 0;
	}
	if (p == &scratch) {
		c->dropped++;
		return 1;
	}
	p->ts_ns = stamp_of(&m);
	p->link = li;
	p->out = from.sll_pkttype == PACKET_OUTGOING;
	p->step = c->step;
	p->len = (uint16_t)(n > 65535 ? 65535 : n);
	p->caplen = (uint16_t)(n > CAP_SNAPLEN ? CAP_SNAPLEN : n);
	c->npkts++;
	return 1;
}

static void count_kernel_drops(struct capture *c, int fd);

void cap_drain(struct capture *c)
{
	for (int i = 0; i < c->nlinks; i++) {
		while (c->links[i].fd >= 0 && read_one(c, i))
			;
		if (c->links[i].fd >= 0)
			count_kernel_drops(c, c->links[i].fd);
	}
}

int cap_wait(struct capture *c, int timeout_ms)
{
	struct pollfd pfd[CAP_MAX_LINKS];
	int n = 0, r;

	for (int i = 0; i < c->nlinks; i++)
		if (c->links[i].fd >= 0)
			pfd[n++] = (struct pollfd){ .fd = c->links[i].fd, .events = POLLIN };
	r = poll(pfd, (nfds_t)n, timeout_ms);
	if (r > 0)
		cap_drain(c);
	return r > 0;
}

/* PACKET_STATISTICS counts since its last read, so every read adds. */
static void count_kernel_drops(struct capture *c, int fd)
{
	struct tpacket_stats st;
	socklen_t len = sizeof(st);

	if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0)
		c->dropped += st.tp_drops;
}

void cap_close(struct capture *c)
{
	for (int i = 0; i < c->nlinks; i++)
		if (c->links[i].fd >= 0) {
			close(c->links[i].fd);
			c->links[i].fd = -1;
		}
	free(c->pkts);
	c->pkts = NULL;
	c->room = 0;
}
