/* SPDX-License-Identifier: GPL-2.0-only */
/* Coordinator verbs on what crossed the wire and on a host's counters.
 *
 * `wire` and `wait wire` count TCP segments in the capture (engine/wire.h)
 * on every link of the host, in one direction, that carry all the flags
 * asked for, from the host's mark on; `counter` reads a counter now and
 * subtracts its value at the mark, `wait counter` until that delta is
 * large enough: at least a number, or at least another host's delta
 * (`>= HOST2 NAME2`). Without a mark both count from the
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
#include "util/retry.h"
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
	/* In microseconds, as retry_until: never less than wait_ms. */
	long long deadline = clock_us() + s->wait_ms * 1000LL, now;

	cap_drain(&k->cap);
	r->ran = true;
	while (count_segments(k, s->target_host, (int)s->arg[0], (int)s->arg[1]) == 0) {
		if ((now = clock_us()) >= deadline) {
			r->ret = -1;
			r->err = ETIMEDOUT;
			snprintf(r->note, sizeof(r->note), "no such segment within %ld ms", s->wait_ms);
			return;
		}
		cap_wait(&k->cap, (int)((deadline - now + 999) / 1000));
	}
	r->ret = 0;
}

/* The counter's value now minus its value at the host's mark (else 0).
 * Returns 0, or -1 with r failed. */
static int counter_delta(struct coord *k, int h, const char *name, long long *delta, struct result *r)
{
	static char now[CTR_TEXT_LEN];
	long long v, before = 0;
	char err[128];

	if (ctr_snapshot(&k->topo.hosts[h], now, sizeof(now), err, sizeof(err)) < 0) {
		wire_fail(r, EIO, err);
		return -1;
	}
	if (!mib_lookup(now, name, &v)) {
		wire_fail(r, ENOENT, "no such counter in /proc/net/snmp, netstat or snmp6 (names as nstat prints them)");
		return -1;
	}
	if (k->ctr_marked[h])
		mib_lookup(k->ctr_mark[h], name, &before);
	*delta = v - before;
	return 0;
}

void coord_counter(struct coord *k, const struct case_step *s, struct result *r)
{
	long long d;

	if (counter_delta(k, s->target_host, s->word, &d, r) < 0)
		return;
	r->ran = true;
	r->ret = (long)d;
}

struct counter_wait {
	struct coord *k;
	const struct case_step *s;
	struct result *r;
	long long last, want;   /* the step's counter, and what it must reach */
};

/* The other host's counter is read before this one, on every try: when
 * this one has caught up with it, it has caught up with everything the
 * other had counted by then (`client wait counter IcmpInDestUnreachs >=
 * server IcmpOutDestUnreachs`: every ICMP the server had sent was
 * processed by the client). */
static int counter_reached(void *arg)
{
	struct counter_wait *w = arg;
	const struct case_step *s = w->s;

	if (s->peer_counter.host >= 0 &&
	    counter_delta(w->k, s->peer_counter.host, s->peer_counter.name, &w->want, w->r) < 0)
		return -1;
	if (counter_delta(w->k, s->target_host, s->word, &w->last, w->r) < 0)
		return -1;
	return w->last >= w->want;
}

/* A counter gives no event to wait on: it is re-read (util/retry.h). It
 * moves when the kernel has processed a segment, which the capture sees
 * just before. */
void coord_wait_counter(struct coord *k, const struct case_step *s, struct result *r)
{
	struct counter_wait w = { k, s, r, 0, s->arg[0] };
	long long t0 = clock_us();
	int rc = retry_until(counter_reached, &w, (int)s->wait_ms);
	char text[256];

	r->elapsed_us = clock_us() - t0;        /* how long it waited: `-v` and the meta-test show it */
	if (rc < 0)
		return;
	r->ran = true;
	r->ret = 0;
	if (rc)
		return;
	if (s->peer_counter.host >= 0)
		snprintf(text, sizeof(text), "%.48s was %lld, %.31s's %.48s %lld, after %ld ms", s->word, w.last,
			 k->c->hosts[s->peer_counter.host], s->peer_counter.name, w.want, s->wait_ms);
	else
		snprintf(text, sizeof(text), "%.48s was still %lld after %ld ms", s->word, w.last, s->wait_ms);
	wire_fail(r, ETIMEDOUT, text);
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
