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
	int agent_link;                 /* the agent's end, as numbered inside the agent */
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

/* After a started call has not returned for a while: waits up to timeout_ms
 * until the agent is seen asleep inside that call (inside a system call
 * other than its wait for the next step), so that what the case does next
 * finds the call in the kernel — a loaded machine can leave the agent
 * unscheduled, the call not yet made, for longer than the case waited.
 * AGENT_CALL_IN: seen inside it; AGENT_CALL_RETURNED: the reply (or the
 * agent's end) is there to collect with agent_wait; AGENT_CALL_UNKNOWN: not
 * seen within the bound, or /proc/<pid>/syscall cannot be read here. */
enum agent_call { AGENT_CALL_UNKNOWN, AGENT_CALL_IN, AGENT_CALL_RETURNED };
enum agent_call agent_await_call(const struct agent_proc *p, int timeout_ms);

/* Waits up to timeout_ms for the process to end by itself and reaps it;
 * writes how it ended into note. Returns 0, or -1 when it is still running. */
int agent_wait_exit(struct agent_proc *p, int timeout_ms, char *note, size_t len);

/* SIGKILLs the agent and reaps it. Safe to call twice. */
void agent_stop(struct agent_proc *p);

#endif
