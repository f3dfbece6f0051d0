/* The coordinator: sequencing, bounds and verdicts for one case variant. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "framework/agent.h"
#include "framework/build.h"
#include "framework/coordinator.h"
#include "framework/timeouts.h"
#include "framework/undo.h"
#include "framework/verbs.h"

struct coord {
	const struct case_file *c;
	int family;
	struct live_topo topo;
	struct agent_proc agents[CASE_MAX_ACTORS];
	struct outcome *o;
};

static long long mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static void undo_agent(void *arg)
{
	agent_stop(arg);
}

static bool actor_used(const struct case_file *c, int actor)
{
	for (int i = 0; i < c->nsteps; i++)
		if (c->steps[i].actor == actor)
			return true;
	return false;
}

static int start_agents(struct coord *k)
{
	for (int i = 0; i < k->c->nactors; i++) {
		struct agent_proc *p = &k->agents[i];
		int host = k->c->actors[i].host;

		p->pid = -1;
		p->link = -1;
		if (!actor_used(k->c, i))
			continue;
		if (agent_spawn(k->c, i, k->family, k->topo.hosts[host].fd, p, k->o->reason,
				sizeof(k->o->reason)) < 0) {
			agent_stop(p);
			return -1;
		}
		if (undo_push(undo_agent, p) < 0) {
			agent_stop(p);
			snprintf(k->o->reason, sizeof(k->o->reason), "undo registry full");
			return -1;
		}
	}
	return 0;
}

static void run_step(struct coord *k, int i)
{
	const struct case_step *s = &k->c->steps[i];
	struct result *r = &k->o->results[i];

	/* Every verb so far runs in an agent; coordinator verbs (faults on
	 * hosts and processes) hook in here. */
	if (agent_call(&k->agents[s->actor], i, TIMEOUT_STEP_MS, r) < 0)
		r->ran = false;
}

static void run_steps(struct coord *k, bool keep_going)
{
	k->o->verdict = VERDICT_PASS;
	for (int i = 0; i < k->c->nsteps; i++) {
		const struct case_step *s = &k->c->steps[i];

		run_step(k, i);
		k->o->results[i].mismatch = !match_result(&s->expect, verb_kind(s), &k->o->results[i]);
		if (!k->o->results[i].mismatch)
			continue;
		if (k->o->verdict == VERDICT_PASS)
			k->o->failed_step = i;
		k->o->verdict = VERDICT_FAIL;
		/* A step that did not return leaves its agent busy: nothing after
		 * it can be trusted. */
		if (!keep_going || !k->o->results[i].ran || k->o->results[i].timed_out)
			return;
	}
}

void coord_run(const struct case_file *c, unsigned fam, bool keep_going, struct outcome *o)
{
	struct coord k = { .c = c, .family = fam == FAM_IPV6 ? AF_INET6 : AF_INET, .o = o };
	long long t0 = mono_us();
	bool skip = false;

	memset(o, 0, sizeof(*o));
	o->failed_step = -1;
	if (build_topology(topo_get(c->topology), k.family, &k.topo, o->reason, sizeof(o->reason), &skip) < 0)
		o->verdict = skip ? VERDICT_SKIP : VERDICT_FAIL;
	else if (start_agents(&k) < 0)
		o->verdict = VERDICT_FAIL;
	else
		run_steps(&k, keep_going);
	undo_run_all();
	o->elapsed_us = mono_us() - t0;
}
