/* SPDX-License-Identifier: GPL-2.0-only */
/* The coordinator verb `inject`: a crafted segment, its numbers learned
 * from the capture or given absolute (lang/inject.h), sent from a raw
 * socket in the host (actions/inject.h).
 *
 * Without `to`, the segment belongs to the connection of the last TCP
 * segment the host received, and its numbers come from what crossed the
 * host's links on that connection: in the host's direction, nxt is the end
 * of the furthest segment the host's kernel sent (the peer's RCV.NXT once
 * it has all arrived) and acked the last acknowledgment the peer sent; in
 * the peer's direction (the ack field), nxt is the end of the furthest
 * segment the peer sent and acked the last acknowledgment the host's
 * kernel sent. Segments injected earlier are not learned from: they are
 * not the kernels' (an RST at RCV.NXT + 10^9 would otherwise move nxt). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "actions/inject.h"
#include "engine/coord_state.h"
#include "engine/dispatch.h"
#include "lang/topology.h"

/* What a connection's numbers are, seen from the injecting host. */
struct learned {
	struct tcpseg conn;             /* src: the host's side, dst: the peer's */
	bool sent, peer_acked, host_acked;
	uint32_t snd_end, peer_end, peer_ack, host_ack;
};

static void fail(struct result *r, int err, const char *text)
{
	r->ran = true;
	r->ret = -1;
	r->err = err;
	snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, text);
}

static bool same_way(const struct tcpseg *a, const struct tcpseg *b)
{
	size_t n = a->family == AF_INET ? 4 : 16;

	return a->family == b->family && a->sport == b->sport && a->dport == b->dport &&
	       memcmp(a->src, b->src, n) == 0 && memcmp(a->dst, b->dst, n) == 0;
}

/* The reverse of a segment: what the other side sends on that connection. */
static struct tcpseg reversed(const struct tcpseg *a)
{
	struct tcpseg r = { .family = a->family, .sport = a->dport, .dport = a->sport };

	memcpy(r.src, a->dst, sizeof(r.src));
	memcpy(r.dst, a->src, sizeof(r.dst));
	return r;
}

static bool was_injected(const struct coord *k, const struct tcpseg *s)
{
	for (int i = 0; i < k->ninjected; i++) {
		const struct tcpseg *j = &k->injected[i];

		if (same_way(j, s) && j->seq == s->seq && j->ack == s->ack && j->flags == s->flags)
			return true;
	}
	return false;
}

/* Packet i as a TCP segment of host not injected by us: false otherwise. */
static bool kernel_segment(const struct coord *k, int host, int i, struct tcpseg *seg)
{
	const struct cap_pkt *p = &k->cap.pkts[i];

	return k->cap.links[p->link].host == host && k->cap.links[p->link].fd >= 0 &&
	       tcpseg_parse(p->data, p->caplen, seg) && !was_injected(k, seg);
}

/* Sequence space a segment takes: its data, and SYN and FIN one each. */
static uint32_t seg_end(const struct tcpseg *s)
{
	return tcpseg_seq_add(s->seq, (int64_t)s->paylen + !!(s->flags & TCPF_SYN) + !!(s->flags & TCPF_FIN));
}

/* Furthest of end and e; first: end not set yet. */
static void furthest(uint32_t *end, bool first, uint32_t e)
{
	if (first || tcpseg_seq_before(*end, e))
		*end = e;
}

static void learn_one(struct learned *l, const struct tcpseg *seg, bool out)
{
	if (out) {
		furthest(&l->snd_end, !l->sent, seg_end(seg));
		l->sent = true;
		if (seg->flags & TCPF_ACK)
			l->host_ack = seg->ack, l->host_acked = true;
	} else {
		/* RSTs take no sequence space; an answer to nothing (ack 0) says nothing */
		if (!(seg->flags & TCPF_RST))
			furthest(&l->peer_end, false, seg_end(seg));
		if (seg->flags & TCPF_ACK)
			l->peer_ack = seg->ack, l->peer_acked = true;
	}
}

/* The connection of the last segment host received, and its numbers.
 * False when the host received none. */
static bool learn(struct coord *k, int host, struct learned *l)
{
	struct tcpseg seg, from_peer;
	int last = -1;

	memset(l, 0, sizeof(*l));
	for (int i = k->cap.npkts - 1; i >= 0 && last < 0; i--)
		if (!k->cap.pkts[i].out && kernel_segment(k, host, i, &seg))
			last = i;
	if (last < 0)
		return false;
	kernel_segment(k, host, last, &from_peer);
	l->conn = reversed(&from_peer);
	l->peer_end = seg_end(&from_peer);
	for (int i = 0; i < k->cap.npkts; i++)
		if (kernel_segment(k, host, i, &seg) && (same_way(&seg, &l->conn) || same_way(&seg, &from_peer)))
			learn_one(l, &seg, same_way(&seg, &l->conn));
	return true;
}

/* seq and ack of the segment from what was learned. */
static void numbers(const struct learned *l, const struct inject_spec *in, struct tcpseg *out)
{
	struct seq_refs mine = { .nxt = l->sent ? l->snd_end : l->peer_ack },
			theirs = { .nxt = l->peer_end, .acked = l->host_acked ? l->host_ack : l->peer_end };

	mine.acked = l->peer_acked ? l->peer_ack : mine.nxt;
	out->seq = inject_seq_value(&in->seq, &mine);
	if ((in->flags & TCPF_ACK) || in->ack_given)
		out->ack = inject_seq_value(&in->ack, &theirs);
}

/* The segment to HOST:PORT of `to`, from the host's address: absolute
 * numbers only (the parser made sure). */
static int unlearned(struct coord *k, int host, const struct inject_spec *in, struct tcpseg *out)
{
	struct sockaddr_storage a, b;
	const struct seq_refs none = { 0 };

	if (!topo_host_sockaddr(k->topo.t, host, k->family, in->sport, &a) ||
	    !topo_host_sockaddr(k->topo.t, in->to_host, k->family, in->to_port, &b))
		return -1;
	out->family = k->family;
	if (k->family == AF_INET) {
		memcpy(out->src, &((struct sockaddr_in *)&a)->sin_addr, 4);
		memcpy(out->dst, &((struct sockaddr_in *)&b)->sin_addr, 4);
	} else {
		memcpy(out->src, &((struct sockaddr_in6 *)&a)->sin6_addr, 16);
		memcpy(out->dst, &((struct sockaddr_in6 *)&b)->sin6_addr, 16);
	}
	out->sport = (uint16_t)in->sport;
	out->dport = (uint16_t)in->to_port;
	out->seq = inject_seq_value(&in->seq, &none);
	if (in->ack_given)
		out->ack = inject_seq_value(&in->ack, &none);
	return 0;
}

/* Fills out from the step: addresses, ports, numbers, flags, window. */
static int craft(struct coord *k, const struct case_step *s, struct tcpseg *out, struct result *r)
{
	const struct inject_spec *in = &s->inject;
	struct learned l;

	*out = (struct tcpseg){ 0 };
	if (in->to_host >= 0) {
		if (unlearned(k, s->target_host, in, out) < 0)
			return fail(r, EADDRNOTAVAIL, "a host of the step has no address in this family"), -1;
	} else {
		if (!learn(k, s->target_host, &l))
			return fail(r, ENOENT, "the host has received no TCP segment: no connection to learn numbers from "
				    "(name one with to HOST:PORT and absolute numbers)"), -1;
		*out = l.conn;
		numbers(&l, in, out);
		if (in->sport)
			out->sport = (uint16_t)in->sport;
		if (in->dport)
			out->dport = (uint16_t)in->dport;
	}
	out->flags = (uint16_t)in->flags;
	out->win = (in->flags & TCPF_RST) ? 0 : 502;
	return 0;
}

void coord_inject(struct coord *k, const struct case_step *s, struct result *r)
{
	const struct inject_spec *in = &s->inject;
	uint16_t mss = (in->flags & TCPF_SYN) && !(in->flags & TCPF_ACK) ? (k->family == AF_INET ? 1460 : 1440) : 0;
	struct tcpseg out;
	char err[160];

	cap_drain(&k->cap);
	if (craft(k, s, &out, r) < 0)
		return;
	if (inject_send(&k->topo.hosts[s->target_host], &out, mss, err, sizeof(err)) < 0) {
		fail(r, errno, err);
		return;
	}
	if (k->ninjected < (int)(sizeof(k->injected) / sizeof(k->injected[0])))
		k->injected[k->ninjected++] = out;
	r->ran = true;
	r->ret = 0;
	snprintf(r->note, sizeof(r->note), "sent port %u -> %u seq %u ack %u", out.sport, out.dport, out.seq, out.ack);
}
