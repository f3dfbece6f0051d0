/* SPDX-License-Identifier: GPL-2.0-only */
/* agent_: one actor's process, inside its host's namespace. It executes the
 * step it is handed with the verb's handler (engine/dispatch.h) on its
 * struct sock_ctx (actions/socket_ops.h) and reports a struct result; it
 * never decides anything (sequencing, timeouts and verdicts are the
 * coordinator's). */
#ifndef NSF_AGENT_H
#define NSF_AGENT_H

#include <sys/types.h>
#include "lang/case.h"
#include "lang/expect.h"

/* What the coordinator keeps of a running agent. */
struct agent_proc {
	pid_t pid;                      /* -1 when there is no process */
	int link;                       /* coordinator's end of the socketpair */
};

/* Forks an agent for actor, enters ns_fd and waits, bounded, until it says it
 * is ready. Returns 0, or -1 with a message in err. */
int agent_spawn(const struct case_file *c, int actor, int family, int ns_fd,
		struct agent_proc *p, char *err, size_t errlen);

/* Hands step index to the agent. Returns 0, or -1 with r->note saying why. */
int agent_send(struct agent_proc *p, int step, struct result *r);
/* Waits up to timeout_ms for the result of the step handed over last; on
 * expiry r->timed_out is set and 0 returned. -1 when the agent is gone
 * (r->note says how it ended). */
int agent_wait(struct agent_proc *p, int timeout_ms, struct result *r);
/* agent_send then agent_wait. */
int agent_call(struct agent_proc *p, int step, int timeout_ms, struct result *r);

/* Waits up to timeout_ms for the process to end by itself and reaps it;
 * writes how it ended into note. Returns 0, or -1 when it is still running. */
int agent_wait_exit(struct agent_proc *p, int timeout_ms, char *note, size_t len);

/* SIGKILLs the agent and reaps it. Safe to call twice. */
void agent_stop(struct agent_proc *p);

#endif
