/* SPDX-License-Identifier: GPL-2.0-only */
/* The coordinator: sequencing, bounds and verdicts for one case variant. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "util/clock.h"
#include "engine/coord_state.h"
#include "engine/coordinator.h"
#include "engine/dispatch.h"
#include "engine/machine.h"
#include "engine/require.h"
#include "engine/wire.h"
#include "util/timeouts.h"
#include "util/undo.h"
#include "lang/verbs.h"

struct ns *coord_actor_ns(struct coord *k, int actor)
{
	return &k->topo.hosts[k->c->actors[actor].host];
}

void coord_end_actor(struct coord *k, int actor)
{
	struct actor_live *l = &k->actors[actor];

	if (l->frz_attached) {
		frz_release(&l->frz);
		l->frz_attached = false;
	}
	agent_stop(&l->agent);
	l->early = false;
}

/* Registered once, before the first agent starts: undo runs newest first,
 * and every freezer release must come before the agents die. */
void coord_skip(struct coord *k, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(k->o->reason, sizeof(k->o->reason), fmt, ap);
	va_end(ap);
	k->o->verdict = VERDICT_SKIP;
}

static void undo_agents(void *arg)
{
	struct coord *k = arg;

	for (int i = 0; i < k->c->nactors; i++)
		coord_end_actor(k, i);
}

/* Agents start when their actor is first needed, in the namespace its host
 * has then (a host that powered on again has a new one). */
static int ensure_agent(struct coord *k, int actor, struct result *r)
{
	struct agent_proc *p = &k->actors[actor].agent;

	if (p->pid > 0)
		return 0;
	if (agent_spawn(k->c, actor, k->family, coord_actor_ns(k, actor)->fd, p, r->note, sizeof(r->note)) < 0) {
		agent_stop(p);
		return -1;
	}
	return 0;
}

/* Keeps the last 4-tuple a socket had: a reset socket no longer has a peer
 * (getpeername fails) but can still be found by its old one. A socket that
 * never had a peer (a listener) gets the wildcard peer of its family, which
 * is how sock_diag finds listeners. */
static void keep_tuple(struct coord *k, const struct case_step *s, const struct result *r)
{
	struct sockaddr_storage *remote;

	if (s->sock < 0 || r->local.ss_family == AF_UNSPEC)
		return;
	remote = &k->actors[s->actor].remote[s->sock];
	k->actors[s->actor].local[s->sock] = r->local;
	if (r->remote.ss_family != AF_UNSPEC)
		*remote = r->remote;
	else if (remote->ss_family != r->local.ss_family) {
		memset(remote, 0, sizeof(*remote));
		remote->ss_family = r->local.ss_family;
	}
}

static void run_agent_step(struct coord *k, int i, struct result *r)
{
	const struct case_step *s = &k->c->steps[i];
	struct agent_proc *p = &k->actors[s->actor].agent;

	if (ensure_agent(k, s->actor, r) < 0 || agent_send(p, i, r) < 0)
		return;
	if (s->async) {
		r->ran = true;
		return;
	}
	if (agent_wait(p, TIMEOUT_STEP_MS + (int)s->wait_ms, r) < 0) {
		r->ran = false;
		return;
	}
	keep_tuple(k, s, r);
	/* `exit`: the process ends once it has replied. */
	if (case_step_ends(s, s->actor) && agent_wait_exit(p, TIMEOUT_STEP_MS, r->note, sizeof(r->note)) < 0) {
		r->ret = -1;
		r->err = ETIMEDOUT;
	}
}

static void run_steps(struct coord *k)
{
	struct outcome *o = k->o;
	unsigned taken = 0;     /* the branches the variant has taken */

	o->verdict = VERDICT_PASS;
	for (int i = 0; i < k->c->nsteps; i++) {
		const struct case_step *s = &k->c->steps[i];
		struct result *r = &o->results[i];
		bool ok;

		wire_before_step(k, i);
		if (s->verb->where == VERB_IN_AGENT)
			run_agent_step(k, i, r);
		else
			dispatch_coord(s->verb->id)(k, s, r);
		if (o->verdict == VERDICT_SKIP)
			return;
		r->expect_idx = case_judge(s, k->kver, k->fam, &taken, r, &ok);
		/* A started call is checked by its `finish`; here only that it started. */
		r->mismatch = s->async ? !r->ran : !ok;
		if (!r->mismatch)
			continue;
		if (o->verdict == VERDICT_PASS)
			o->failed_step = i;
		o->verdict = VERDICT_FAIL;
		/* A step that did not return leaves its agent busy: nothing after
		 * it can be trusted. */
		if (!k->opts->keep_going || !r->ran || r->timed_out)
			return;
	}
}

static void init_coord(struct coord *k)
{
	k->limbo.fd = -1;
	for (int i = 0; i < CASE_MAX_ACTORS; i++)
		k->actors[i].agent = (struct agent_proc){ .pid = -1, .link = -1 };
}

/* A failure that says nothing of the kernel's answers is a skip that names
 * what was missing: a pinned sysctl that could not be set, or a rule the
 * kernel refuses (actions/fw_refused.h). */
static void coord_not_a_verdict(const struct coord *k, struct outcome *o)
{
	char was[sizeof(o->reason)];
	const char *why = k->fw_refused[0] ? k->fw_refused : k->topo.unpinned;

	if (o->verdict != VERDICT_FAIL || !why[0])
		return;
	snprintf(was, sizeof(was), "%s", o->reason);
	o->verdict = VERDICT_SKIP;
	/* Cut when too long: the start says what was missing. */
	if (snprintf(o->reason, sizeof(o->reason), "%s, so not a verdict: %s%s%s",
		     k->fw_refused[0] ? "failed on a rule the kernel refuses" : "failed without a pinned sysctl", why,
		     was[0] ? "; the failure was: " : "", was) >= (int)sizeof(o->reason))
		memcpy(o->reason + sizeof(o->reason) - 4, "...", 4);
}

static void coord_phase(const struct coord_opts *opts, enum coord_phase p)
{
	if (opts->phase)
		opts->phase(p, opts->phase_arg);
}

/* On a built topology: the agents' undo, the capture, then the steps. */
static void coord_steps(struct coord *k)
{
	struct outcome *o = k->o;

	if (undo_push(undo_agents, k) < 0)
		o->verdict = VERDICT_FAIL, snprintf(o->reason, sizeof(o->reason), "undo registry full");
	else if (wire_start(k) < 0)
		o->verdict = o->verdict == VERDICT_SKIP ? VERDICT_SKIP : VERDICT_FAIL;
	else {
		run_steps(k);
		wire_finish(k);
	}
}

void coord_run(const struct case_file *c, const struct variant *v, const struct coord_opts *opts,
	       struct outcome *o)
{
	static struct coord k;
	long long t0 = clock_us();
	bool skip = false, built = false;

	k = (struct coord){ .c = c, .opts = opts, .fam = v->family, .family = v->family == FAM_IPV6 ? AF_INET6 : AF_INET,
			    .backend = v->backend, .kver = machine_kernel_version(), .o = o,
			    .pcap_dir = opts->pcap_dir, .no_capture = opts->no_capture,
			    .verdict_only = opts->verdict_only };
	init_coord(&k);
	memset(o, 0, sizeof(*o));
	o->failed_step = -1;
	if (require_variant(c, v, o->reason, sizeof(o->reason)) < 0)
		o->verdict = VERDICT_SKIP;
	else if (build_topology(c, k.family, &k.topo, o->reason, sizeof(o->reason), &skip) < 0)
		o->verdict = skip ? VERDICT_SKIP : VERDICT_FAIL;
	else
		built = true;
	coord_phase(opts, COORD_BUILT);
	if (built)
		coord_steps(&k);
	coord_not_a_verdict(&k, o);
	coord_phase(opts, COORD_TEARDOWN);
	undo_run_all();
	o->elapsed_us = clock_us() - t0;
}
