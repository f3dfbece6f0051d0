/* SPDX-License-Identifier: GPL-2.0-only */
/* The coordinator's state, shared by coordinator.c and the coordinator verbs'
 * handlers (steps_process.c, steps_host.c, declared in engine/dispatch.h).
 * Internal to the engine. */
#ifndef NSF_COORD_H
#define NSF_COORD_H

#include <stdbool.h>
#include <stdint.h>
#include "engine/agent.h"
#include "actions/topo_build.h"
#include "actions/freezer.h"
#include "actions/capture.h"
#include "actions/counters.h"
#include "lang/case.h"
#include "lang/outcome.h"
#include "util/tcpseg.h"

struct coord_opts;              /* engine/coordinator.h */

/* What the coordinator keeps of one actor while the variant runs. */
struct actor_live {
	struct agent_proc agent;        /* pid -1: not started (or ended) */
	bool early;                     /* the started call's result already arrived (seen by `blocked`) */
	struct result early_result;     /* that result, kept for `finish` */
	struct frz frz;
	bool frz_attached;              /* frz holds the process: released before it ends */
	/* Each socket's 4-tuple as last reported by the agent, by slot. */
	struct sockaddr_storage local[CASE_MAX_SOCKS], remote[CASE_MAX_SOCKS];
};

struct coord {
	const struct case_file *c;
	const struct coord_opts *opts;
	unsigned fam;                   /* FAM_IPV4 or FAM_IPV6, the variant's */
	int family;                     /* the same as AF_INET or AF_INET6 */
	int backend;                    /* enum fw_backend of this variant, -1: none */
	long kver;
	struct live_topo topo;
	struct ns limbo;                /* where a powered-off host's links wait; fd -1 until needed */
	bool limbo_v6_on;               /* its disable_ipv6 refused: each link gets no IPv6 address instead */
	uint64_t rx_at_off[CASE_MAX_HOSTS];     /* peers' rx packet counts at poweroff */
	struct actor_live actors[CASE_MAX_ACTORS];      /* by actor index */
	const char *pcap_dir;                   /* opts->pcap_dir, for engine/wire.c */
	bool no_capture;                        /* opts->no_capture, for engine/wire.c */
	bool verdict_only;                      /* opts->verdict_only, for engine/wire.c */
	struct capture cap;                     /* every link, from the start (engine/wire.h) */
	int wire_mark[CASE_MAX_HOSTS];          /* first packet `wire` counts, by host */
	bool ctr_marked[CASE_MAX_HOSTS];        /* `counter` subtracts ctr_mark, else 0 */
	char ctr_mark[CASE_MAX_HOSTS][CTR_TEXT_LEN];
	int ninjected;                          /* segments `inject` sent (engine/steps_inject.c), */
	struct tcpseg injected[CASE_MAX_STEPS]; /* which it never learns numbers from */
	char fw_refused[384];                   /* a rule the kernel refuses (actions/fw_refused.h) */
	struct outcome *o;
};

/* The host namespace an actor lives in now. */
struct ns *coord_actor_ns(struct coord *k, int actor);

/* Ends an actor's process: thaws and releases its freezer cgroup first (a
 * task frozen by the cgroup v1 freezer cannot die), SIGKILLs and reaps it. */
void coord_end_actor(struct coord *k, int actor);

/* Ends the variant as SKIP, with the reason, after the current step. */
void coord_skip(struct coord *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
