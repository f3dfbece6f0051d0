/* SPDX-License-Identifier: GPL-2.0-only */
/* Coordinator verbs on what crossed the wire and on a host's counters.
 *
 * `wire` and `wait wire` count TCP segments in the capture (engine/wire.h)
 * on every link of the host, in one direction, that carry all the flags
 * asked for, from the host's mark on; `counter` reads a counter now and
 * subtracts its value at the mark. Without a mark both count from the
 * variant's start: the capture starts with the topology, and a fresh
 * namespace's counters start at 0 (so do a powered-on host's). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "engine/coord_state.h"
#include "engine/dispatch.h"
#include "util/clock.h"
#include "util/mib.h"
#include "util/tcpseg.h"
#include "netns/diag.h"

static void wire_fail(struct result *r, int err, const char *text)
{
	r->ran = true;
	r->ret = -1;
	r->err = err;
	snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, text);
}

/* Segments of host in direction out (1) or in (0) with every flag of want. */
static long count_segments(struct coord *k, int host, int out, int want)
{
	const struct capture *c = &k->cap;
	long n = 0;

	for (int i = k->wire_mark[host]; i < c->npkts; i++) {
		const struct cap_pkt *p = &c->pkts[i];
		struct tcpseg seg;

		if (c->links[p->link].host != host || p->out != (out != 0) || !tcpseg_parse(p->data, p->caplen, &seg))
			continue;
		if ((seg.flags & want) == want)
			n++;
	}
	return n;
}

static void note_drops(struct coord *k, struct result *r)
{
	if (k->cap.dropped)
		snprintf(r->note, sizeof(r->note), "the capture lost %llu packets: counts may be short",
			 (unsigned long long)k->cap.dropped);
}

void coord_mark(struct coord *k, const struct case_step *s, struct result *r)
{
	int h = s->target_host;
	char err[128];

	cap_drain(&k->cap);
	k->wire_mark[h] = k->cap.npkts;
	if (ctr_snapshot(&k->topo.hosts[h], k->ctr_mark[h], CTR_TEXT_LEN, err, sizeof(err)) < 0) {
		wire_fail(r, EIO, err);
		return;
	}
	k->ctr_marked[h] = true;
	r->ran = true;
}

void coord_wire(struct coord *k, const struct case_step *s, struct result *r)
{
	cap_drain(&k->cap);
	r->ran = true;
	r->ret = count_segments(k, s->target_host, (int)s->arg[0], (int)s->arg[1]);
	note_drops(k, r);
}

void coord_wait_wire(struct coord *k, const struct case_step *s, struct result *r)
{
	long long deadline = ns_clock_ms() + s->wait_ms, now;

	cap_drain(&k->cap);
	r->ran = true;
	while (count_segments(k, s->target_host, (int)s->arg[0], (int)s->arg[1]) == 0) {
		if ((now = ns_clock_ms()) >= deadline) {
			r->ret = -1;
			r->err = ETIMEDOUT;
			snprintf(r->note, sizeof(r->note), "no such segment within %ld ms", s->wait_ms);
			return;
		}
		cap_wait(&k->cap, (int)(deadline - now));
	}
	r->ret = 0;
}

void coord_counter(struct coord *k, const struct case_step *s, struct result *r)
{
	static char now[CTR_TEXT_LEN];
	int h = s->target_host;
	long long v, before = 0;
	char err[128];

	if (ctr_snapshot(&k->topo.hosts[h], now, sizeof(now), err, sizeof(err)) < 0) {
		wire_fail(r, EIO, err);
		return;
	}
	if (!mib_lookup(now, s->word, &v)) {
		wire_fail(r, ENOENT, "no such counter in /proc/net/snmp, netstat or snmp6 (names as nstat prints them)");
		return;
	}
	if (k->ctr_marked[h])
		mib_lookup(k->ctr_mark[h], s->word, &before);
	r->ran = true;
	r->ret = (long)(v - before);
}

/* The last TCP segment host received, or -1. */
static int last_in(struct coord *k, int host, struct tcpseg *seg)
{
	const struct capture *c = &k->cap;

	for (int i = c->npkts - 1; i >= 0; i--) {
		const struct cap_pkt *p = &c->pkts[i];

		if (c->links[p->link].host == host && !p->out && c->links[p->link].fd >= 0 &&
		    tcpseg_parse(p->data, p->caplen, seg))
			return i;
	}
	return -1;
}

/* The answer to segment `in`, as the host would send it: ports and
 * addresses swapped, seq = what the peer acknowledged (its RCV.NXT) +
 * offset, ack = what the peer will send next (its SND.NXT). */
static void answer(const struct tcpseg *in, int flags, long offset, struct tcpseg *out)
{
	uint32_t ctl = (in->flags & (TCPF_SYN | TCPF_FIN)) ? 1 : 0;

	*out = (struct tcpseg){ .family = in->family, .sport = in->dport, .dport = in->sport,
				.seq = tcpseg_seq_add(in->ack, offset),
				.ack = (flags & TCPF_ACK) ? tcpseg_seq_add(in->seq, (int64_t)in->paylen + ctl) : 0,
				.flags = (uint16_t)(flags & 0xff), .win = (flags & TCPF_RST) ? 0 : 502 };
	memcpy(out->src, in->dst, sizeof(out->src));
	memcpy(out->dst, in->src, sizeof(out->dst));
}

/* The segment leaves through the host's own capture socket on that link:
 * a packet socket sends the frame as is, past the host's TCP stack, which
 * would never send it. The peer's capture sees it arrive. */
void coord_inject(struct coord *k, const struct case_step *s, struct result *r)
{
	int flags = (int)s->arg[0], i;
	struct tcpseg in, out;
	uint8_t frame[128];
	size_t len;

	cap_drain(&k->cap);
	if ((i = last_in(k, s->target_host, &in)) < 0) {
		wire_fail(r, ENOENT, "the host has received no TCP segment to answer");
		return;
	}
	answer(&in, flags, s->arg[1], &out);
	len = tcpseg_build(&out, (flags & TCPF_SYN) && !(flags & TCPF_ACK) ? 1460 : 0, k->cap.pkts[i].data,
			   k->cap.pkts[i].data + 6, frame, sizeof(frame));
	if (send(k->cap.links[k->cap.pkts[i].link].fd, frame, len, 0) != (ssize_t)len) {
		wire_fail(r, errno, "send on the packet socket failed");
		return;
	}
	r->ran = true;
	r->ret = 0;
	snprintf(r->note, sizeof(r->note), "sent port %u -> %u seq %u ack %u", out.sport, out.dport, out.seq, out.ack);
}

/* By the 4-tuple the socket had when last used: a closed socket's
 * TIME_WAIT entry has no descriptor but is still in the kernel's tables. */
void coord_diag_state(struct coord *k, const struct case_step *s, struct result *r)
{
	const struct sockaddr *local = (const struct sockaddr *)&k->actors[s->actor].local[s->sock];
	const struct sockaddr *remote = (const struct sockaddr *)&k->actors[s->actor].remote[s->sock];
	struct nl_error e = { 0 };
	int st;

	if (local->sa_family == AF_UNSPEC || remote->sa_family == AF_UNSPEC) {
		wire_fail(r, ENOTCONN, "the socket has no 4-tuple (not connected when last used)");
		return;
	}
	if ((st = ns_diag_state(coord_actor_ns(k, s->actor), local, remote, &e)) < 0) {
		wire_fail(r, e.err, e.text);
		return;
	}
	if (st == 0) {
		wire_fail(r, ENOENT, "no socket with that 4-tuple");
		return;
	}
	r->ran = true;
	r->ret = st;
}
