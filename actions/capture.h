/* SPDX-License-Identifier: GPL-2.0-only */
/* cap_: always-on capture of every link of a variant's topology.
 *
 * One AF_PACKET socket per interface (lo excepted), opened inside the host's
 * namespace and bound to the interface; a packet socket keeps the namespace
 * it was opened in, so the single-threaded coordinator can read all of them
 * from wherever it stands. Nobody reads while a step runs: the kernel queues
 * the packets in each socket's receive buffer (enlarged to CAP_RCVBUF) and
 * stamps them on arrival (SO_TIMESTAMPNS), and the coordinator drains every
 * socket between steps and while a wire step waits. That needs no thread
 * (setns would move only one thread) and no extra process (which would have
 * to send the packets back), and costs a few recvmsg calls per step. What
 * the kernel had to drop because a buffer was full is counted (tp_drops).
 *
 * Only the headers are kept (CAP_SNAPLEN bytes), in an array that grows
 * while draining up to CAP_MAX_PKTS packets; past that, packets are counted
 * as dropped. */
#ifndef NSF_CAPTURE_H
#define NSF_CAPTURE_H

#include <stdbool.h>
#include <stdint.h>
#include "lang/case.h"
#include "netns/ns.h"

#define CAP_MAX_LINKS   (CASE_MAX_HOSTS * 4)
#define CAP_SNAPLEN     128             /* Ethernet + IPv6 + TCP with every option */
#define CAP_MAX_PKTS    8192
#define CAP_FIRST_PKTS  256             /* the array's first size; it doubles up to CAP_MAX_PKTS */
#define CAP_RCVBUF      (4 << 20)       /* per socket, queued skbs while a step runs */

/* One interface of one host. */
struct cap_link {
	int fd;                         /* -1 once closed (the link left the namespace) */
	int host;                       /* index into the case's hosts */
	int ifindex;
	char name[CASE_NAME_LEN * 2];   /* "server:eth0" */
};

/* One frame as it crossed the interface. */
struct cap_pkt {
	int64_t ts_ns;                  /* CLOCK_REALTIME, from the kernel */
	int link;                       /* index into capture.links */
	bool out;                       /* sent by the host (PACKET_OUTGOING) */
	int step;                       /* the case step running when it was drained, -1 before the first */
	uint16_t caplen, len;           /* bytes kept, bytes on the wire */
	uint8_t data[CAP_SNAPLEN];      /* from the Ethernet header on */
};

struct capture {
	int nlinks;
	struct cap_link links[CAP_MAX_LINKS];
	int npkts;
	int room;                       /* packets pkts has room for, up to CAP_MAX_PKTS */
	struct cap_pkt *pkts;           /* valid until the next drain, which may move them */
	uint64_t dropped;               /* by the kernel (full buffer) or here (array full) */
	int step;                       /* stamped on packets drained from now on */
	int open_errno;                 /* why the last cap_open_host failed to open a socket, or 0 */
};

/* Opens and closes one packet socket in ns the way cap_open_host opens each
 * (on its loopback): whether a capture can be had there. Returns 0, or -1
 * with errno and err ("AF_PACKET socket: EPERM"). */
int cap_probe(struct ns *ns, char *err, size_t errlen);

/* Empties c (no sockets, no packets, step -1). */
void cap_init(struct capture *c);

/* Opens a socket on every interface but lo inside ns, for host index host,
 * named "hostname:ifname". Returns 0, or -1 with err saying what failed. */
int cap_open_host(struct capture *c, struct ns *ns, int host, const char *hostname, char *err, size_t errlen);

/* Reads every packet queued on every socket into the array. A socket whose
 * interface left its namespace (power off) is closed. Never blocks. */
void cap_drain(struct capture *c);

/* Waits up to timeout_ms for any socket to have a packet, then drains.
 * Returns 1 when packets came, 0 at the bound. */
int cap_wait(struct capture *c, int timeout_ms);

/* Closes every socket and frees the packets. Safe twice. */
void cap_close(struct capture *c);

#endif
