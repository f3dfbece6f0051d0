/* SPDX-License-Identifier: GPL-2.0-only */
/* Coordinator verbs on processes and sockets: collecting started calls,
 * signals, freezing, destroying a socket from outside, letting time pass.
 * None of them needs the actor to answer. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "engine/coord_state.h"
#include "engine/coordinator.h"
#include "engine/dispatch.h"
#include "util/timeouts.h"
#include "netns/diag.h"

static void fail_with(struct result *r, int err)
{
	r->ran = true;
	r->ret = -1;
	r->err = err;
}

void coord_finish(struct coord *k, const struct case_step *s, struct result *r)
{
	struct actor_live *l = &k->actors[s->actor];

	if (l->early) {
		*r = l->early_result;
		l->early = false;
	} else if (agent_wait(&l->agent, TIMEOUT_STEP_MS + (int)k->c->steps[s->start_step].wait_ms, r) < 0) {
		r->ran = false;
	}
}

/* Waits MS for the started call: the expectation is that it does not
 * return. A call that does is kept for `finish`. Not returned yet, it must
 * also be seen inside the kernel (agent_await_call): otherwise the next
 * step (a destroy, a reset, a kill) could reach the socket before the call
 * was made, and the call would see its aftermath instead of being woken by
 * it. A frozen or stopped agent is not seen there within the bound: the
 * wait then ends as it did before. */
void coord_blocked(struct coord *k, const struct case_step *s, struct result *r)
{
	struct actor_live *l = &k->actors[s->actor];
	char got[96];

	if (!l->early) {
		if (agent_wait(&l->agent, (int)s->wait_ms, &l->early_result) < 0 ||
		    (l->early_result.timed_out &&
		     agent_await_call(&l->agent, TIMEOUT_STEP_MS) == AGENT_CALL_RETURNED &&
		     agent_wait(&l->agent, 0, &l->early_result) < 0)) {
			*r = l->early_result;
			return;
		}
		l->early = !l->early_result.timed_out;
	}
	memset(r, 0, sizeof(*r));
	r->ran = true;
	r->elapsed_us = s->wait_ms * 1000;
	r->ret = !l->early;
	if (l->early) {
		match_format_result(&l->early_result, k->c->steps[s->start_step].kind, got, sizeof(got));
		snprintf(r->note, sizeof(r->note), "the call returned %s", got);
	}
}

void coord_kill(struct coord *k, const struct case_step *s, struct result *r)
{
	struct agent_proc *p = &k->actors[s->actor].agent;
	int sig = (int)s->arg[0];

	r->ran = true;
	if (p->pid <= 0) {
		snprintf(r->note, sizeof(r->note), "%s has no process", k->c->actors[s->actor].name);
		fail_with(r, ESRCH);
		return;
	}
	if (kill(p->pid, sig) < 0) {
		fail_with(r, errno);
		return;
	}
	if (!case_step_ends(s, s->actor))
		return;
	/* A frozen task under the cgroup v1 freezer cannot die: say so
	 * rather than wait. */
	if (agent_wait_exit(p, TIMEOUT_STEP_MS, r->note, sizeof(r->note)) < 0) {
		fail_with(r, ETIMEDOUT);
		return;
	}
	coord_end_actor(k, s->actor);
}

/* The actor's process under a freezer, once: the first freeze attaches. */
static int attach_freezer(struct coord *k, const struct case_step *s, struct result *r)
{
	struct actor_live *l = &k->actors[s->actor];
	char err[256] = "";

	if (l->frz_attached)
		return 0;
	if (frz_attach(&l->frz, l->agent.pid, k->opts->freezer, err, sizeof(err)) < 0) {
		snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, err);
		fail_with(r, EOPNOTSUPP);
		/* A freezer asked for with -F that this machine lacks is a
		 * missing feature, not a failure: the variant skips. */
		if (k->opts->freezer != FRZ_AUTO)
			coord_skip(k, "line %d: -F %s: %s", s->line, frz_method_name(k->opts->freezer), err);
		return -1;
	}
	l->frz_attached = true;
	return 0;
}

void coord_freeze(struct coord *k, const struct case_step *s, struct result *r)
{
	struct actor_live *l = &k->actors[s->actor];
	char err[256] = "";

	r->ran = true;
	if (l->agent.pid <= 0) {
		snprintf(r->note, sizeof(r->note), "%s has no process", k->c->actors[s->actor].name);
		fail_with(r, ESRCH);
		return;
	}
	if (attach_freezer(k, s, r) < 0)
		return;
	if (frz_freeze(&l->frz, TIMEOUT_STEP_MS, err, sizeof(err)) < 0) {
		snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, err);
		fail_with(r, ETIMEDOUT);
		return;
	}
	snprintf(r->note, sizeof(r->note), "frozen with %s", frz_method_name(l->frz.method));
}

void coord_thaw(struct coord *k, const struct case_step *s, struct result *r)
{
	struct actor_live *l = &k->actors[s->actor];
	char err[256] = "";

	r->ran = true;
	if (!l->frz_attached) {
		snprintf(r->note, sizeof(r->note), "%s was never frozen", k->c->actors[s->actor].name);
		fail_with(r, EINVAL);
		return;
	}
	if (frz_thaw(&l->frz, TIMEOUT_STEP_MS, err, sizeof(err)) < 0) {
		snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, err);
		fail_with(r, ETIMEDOUT);
	}
}

/* What `ss -K` does: SOCK_DESTROY by 4-tuple, from outside the process. */
void coord_destroy(struct coord *k, const struct case_step *s, struct result *r)
{
	const struct sockaddr *local = (const struct sockaddr *)&k->actors[s->actor].local[s->sock];
	const struct sockaddr *remote = (const struct sockaddr *)&k->actors[s->actor].remote[s->sock];
	struct nl_error e = { 0 };

	r->ran = true;
	if (local->sa_family == AF_UNSPEC || remote->sa_family == AF_UNSPEC) {
		snprintf(r->note, sizeof(r->note), "the socket has no 4-tuple (not connected when last used)");
		fail_with(r, ENOTCONN);
		return;
	}
	if (ns_diag_destroy(coord_actor_ns(k, s->actor), local, remote, &e) < 0) {
		snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, e.text);
		fail_with(r, e.err);
	}
}

/* Only where the scenario is about time; the parser insists on a comment. */
void coord_sleep(struct coord *k, const struct case_step *s, struct result *r)
{
	struct timespec ts = { s->wait_ms / 1000, (s->wait_ms % 1000) * 1000000L };

	(void)k;
	r->ran = true;
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
	r->elapsed_us = s->wait_ms * 1000;
}
