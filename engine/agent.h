/* agent_: one actor's process, inside its host's namespace. It executes the
 * step it is handed and reports a struct result; it never decides anything
 * (sequencing, timeouts and verdicts are the coordinator's). */
#ifndef NSF_AGENT_H
#define NSF_AGENT_H

#include <stdbool.h>
#include <sys/types.h>
#include "lang/case.h"
#include "lang/expect.h"
#include "lang/topology.h"

struct agent {
	const struct case_file *c;
	const struct topo_def *topo;
	int actor;
	int family;                     /* AF_INET or AF_INET6 */
	int fds[CASE_MAX_SOCKS];        /* by socket slot; -1 when closed or not made */
	bool exit_after_reply;          /* set by `exit` */
};

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

/* Handlers of the verb table, run inside the agent (framework/ops_socket.c). */
void op_socket(struct agent *a, const struct case_step *s, struct result *r);
void op_nonblock(struct agent *a, const struct case_step *s, struct result *r);
void op_listen(struct agent *a, const struct case_step *s, struct result *r);
void op_connect(struct agent *a, const struct case_step *s, struct result *r);
void op_accept(struct agent *a, const struct case_step *s, struct result *r);
void op_send(struct agent *a, const struct case_step *s, struct result *r);
void op_recv(struct agent *a, const struct case_step *s, struct result *r);
void op_errqueue(struct agent *a, const struct case_step *s, struct result *r);
void op_poll(struct agent *a, const struct case_step *s, struct result *r);
void op_close(struct agent *a, const struct case_step *s, struct result *r);
void op_shutdown(struct agent *a, const struct case_step *s, struct result *r);
void op_setsockopt(struct agent *a, const struct case_step *s, struct result *r);
void op_getsockopt(struct agent *a, const struct case_step *s, struct result *r);
void op_inq(struct agent *a, const struct case_step *s, struct result *r);
void op_outq(struct agent *a, const struct case_step *s, struct result *r);
void op_wait_state(struct agent *a, const struct case_step *s, struct result *r);
void op_state(struct agent *a, const struct case_step *s, struct result *r);
/* framework/agent.c */
void op_sigpipes(struct agent *a, const struct case_step *s, struct result *r);
void op_exit(struct agent *a, const struct case_step *s, struct result *r);

#endif
