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
	int a = s->actor;

	if (k->early[a]) {
		*r = k->early_result[a];
		k->early[a] = false;
	} else if (agent_wait(&k->agents[a], TIMEOUT_STEP_MS + (int)k->c->steps[s->start_step].wait_ms, r) < 0) {
		r->ran = false;
	}
}

/* Waits MS for the started call: the expectation is that it does not
 * return. A call that does is kept for `finish`. */
void coord_blocked(struct coord *k, const struct case_step *s, struct result *r)
{
	int a = s->actor;
	char got[96];

	if (!k->early[a]) {
		if (agent_wait(&k->agents[a], (int)s->wait_ms, &k->early_result[a]) < 0) {
			*r = k->early_result[a];
			return;
		}
		k->early[a] = !k->early_result[a].timed_out;
	}
	memset(r, 0, sizeof(*r));
	r->ran = true;
	r->elapsed_us = s->wait_ms * 1000;
	r->ret = !k->early[a];
	if (k->early[a]) {
		match_format_result(&k->early_result[a], k->c->steps[s->start_step].kind, got, sizeof(got));
		snprintf(r->note, sizeof(r->note), "the call returned %s", got);
	}
}

void coord_kill(struct coord *k, const struct case_step *s, struct result *r)
{
	struct agent_proc *p = &k->agents[s->actor];
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

void coord_freeze(struct coord *k, const struct case_step *s, struct result *r)
{
	int a = s->actor;
	char err[256] = "";

	r->ran = true;
	if (k->agents[a].pid <= 0) {
		snprintf(r->note, sizeof(r->note), "%s has no process", k->c->actors[a].name);
		fail_with(r, ESRCH);
		return;
	}
	if (!k->frz_attached[a]) {
		if (frz_attach(&k->frz[a], k->agents[a].pid, k->opts->freezer, err, sizeof(err)) < 0) {
			snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, err);
			fail_with(r, EOPNOTSUPP);
			/* A freezer asked for with -F that this machine lacks is a
			 * missing feature, not a failure: the variant skips. */
			if (k->opts->freezer != FRZ_AUTO)
				coord_skip(k, "line %d: -F %s: %s", s->line, frz_method_name(k->opts->freezer), err);
			return;
		}
		k->frz_attached[a] = true;
	}
	if (frz_freeze(&k->frz[a], TIMEOUT_STEP_MS, err, sizeof(err)) < 0) {
		snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, err);
		fail_with(r, ETIMEDOUT);
		return;
	}
	snprintf(r->note, sizeof(r->note), "frozen with %s", frz_method_name(k->frz[a].method));
}

void coord_thaw(struct coord *k, const struct case_step *s, struct result *r)
{
	int a = s->actor;
	char err[256] = "";

	r->ran = true;
	if (!k->frz_attached[a]) {
		snprintf(r->note, sizeof(r->note), "%s was never frozen", k->c->actors[a].name);
		fail_with(r, EINVAL);
		return;
	}
	if (frz_thaw(&k->frz[a], TIMEOUT_STEP_MS, err, sizeof(err)) < 0) {
		snprintf(r->note, sizeof(r->note), "%.*s", (int)sizeof(r->note) - 1, err);
		fail_with(r, ETIMEDOUT);
	}
}

/* What `ss -K` does: SOCK_DESTROY by 4-tuple, from outside the process. */
void coord_destroy(struct coord *k, const struct case_step *s, struct result *r)
{
	const struct sockaddr *local = (const struct sockaddr *)&k->local[s->actor][s->sock];
	const struct sockaddr *remote = (const struct sockaddr *)&k->remote[s->actor][s->sock];
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
