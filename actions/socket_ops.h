/* SPDX-License-Identifier: GPL-2.0-only */
/* op_: the agent verbs' calls, as an actor's process makes them inside its
 * host's namespace: one call per step, its return value and errno recorded
 * as they are. They decide nothing: sequencing, bounds and verdicts are the
 * engine's, which hands each step to its handler (engine/dispatch.h). */
#ifndef NSF_SOCKET_OPS_H
#define NSF_SOCKET_OPS_H

#include <signal.h>
#include <stdbool.h>
#include "lang/case.h"
#include "lang/expect.h"
#include "lang/topology.h"

/* What the calls of one actor's process work with; the process owns it. */
struct sock_ctx {
	const struct case_file *c;
	const struct topo_def *topo;    /* c's topology: where connect finds a host */
	int actor;                      /* index into c->actors */
	int family;                     /* AF_INET or AF_INET6 */
	int fds[CASE_MAX_SOCKS];        /* by socket slot; -1 when closed or not made */
	bool exit_after_reply;          /* set by `exit`: the process ends once it replied */
	const volatile sig_atomic_t *sigpipes;  /* SIGPIPEs the process received so far */
};

/* Each makes the call of step s (s->sock is the slot it acts on) and sets
 * r->ret, r->err when ret is -1, and possibly r->note; a slot that a step
 * creates gets its fd in a->fds. */
void op_socket(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_nonblock(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_listen(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_connect(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_accept(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_send(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_recv(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_errqueue(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_poll(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_close(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_shutdown(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_setsockopt(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_getsockopt(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_inq(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_outq(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_wait_state(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_state(struct sock_ctx *a, const struct case_step *s, struct result *r);
/* Re-read SIOCINQ (SIOCOUTQ) until it is >= (<=) s->arg[0]: 0, or -1
 * ETIMEDOUT after s->wait_ms with the last length in the note. */
void op_wait_inq(struct sock_ctx *a, const struct case_step *s, struct result *r);
void op_wait_outq(struct sock_ctx *a, const struct case_step *s, struct result *r);
/* The result is *a->sigpipes. */
void op_sigpipes(struct sock_ctx *a, const struct case_step *s, struct result *r);
/* Sets a->exit_after_reply: the process ends without closing its sockets,
 * and the kernel closes them as for any exiting process. */
void op_exit(struct sock_ctx *a, const struct case_step *s, struct result *r);

#endif
