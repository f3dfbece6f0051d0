/* SPDX-License-Identifier: GPL-2.0-only */
/* dispatch_: the handler of each verb. The language gives every verb an id
 * and says where it runs (lang/verbs.h); this maps the id to the code: an
 * agent verb to its call in the actor's process (actions/socket_ops.h), a
 * coordinator verb to its action in the coordinator (steps_process.c,
 * steps_host.c). Every verb has exactly one handler, of its kind. */
#ifndef NSF_DISPATCH_H
#define NSF_DISPATCH_H

#include "actions/socket_ops.h"        /* the agent handlers and their struct sock_ctx */
#include "lang/case.h"
#include "lang/expect.h"
#include "lang/verbs.h"

struct coord;                           /* engine/coord_state.h */

typedef void (*dispatch_agent_fn)(struct sock_ctx *a, const struct case_step *s, struct result *r);
typedef void (*dispatch_coord_fn)(struct coord *k, const struct case_step *s, struct result *r);

/* The handler of verb id when it runs in the agent; NULL when it runs in the
 * coordinator or id is no verb. */
dispatch_agent_fn dispatch_agent(enum verb_id id);
/* The handler of verb id when it runs in the coordinator; NULL when it runs
 * in the agent or id is no verb. */
dispatch_coord_fn dispatch_coord(enum verb_id id);

/* The coordinator verbs' handlers. Each fills r (r->ran once it acted)
 * and never needs the actor to answer. */
/* steps_process.c: started calls, signals, freezing, sockets, time. */
void coord_finish(struct coord *k, const struct case_step *s, struct result *r);
void coord_blocked(struct coord *k, const struct case_step *s, struct result *r);
void coord_kill(struct coord *k, const struct case_step *s, struct result *r);
void coord_freeze(struct coord *k, const struct case_step *s, struct result *r);
void coord_thaw(struct coord *k, const struct case_step *s, struct result *r);
void coord_destroy(struct coord *k, const struct case_step *s, struct result *r);
void coord_sleep(struct coord *k, const struct case_step *s, struct result *r);
/* steps_host.c: power, links, firewall rules. */
void coord_poweroff(struct coord *k, const struct case_step *s, struct result *r);
void coord_poweron(struct coord *k, const struct case_step *s, struct result *r);
void coord_link(struct coord *k, const struct case_step *s, struct result *r);
void coord_mtu(struct coord *k, const struct case_step *s, struct result *r);
void coord_firewall(struct coord *k, const struct case_step *s, struct result *r);
/* steps_wire.c: what crossed the wire, the hosts' counters. */
void coord_mark(struct coord *k, const struct case_step *s, struct result *r);
void coord_wire(struct coord *k, const struct case_step *s, struct result *r);
void coord_wait_wire(struct coord *k, const struct case_step *s, struct result *r);
void coord_counter(struct coord *k, const struct case_step *s, struct result *r);
void coord_wait_counter(struct coord *k, const struct case_step *s, struct result *r);
void coord_diag_state(struct coord *k, const struct case_step *s, struct result *r);
/* steps_inject.c: crafted segments. */
void coord_inject(struct coord *k, const struct case_step *s, struct result *r);

#endif
