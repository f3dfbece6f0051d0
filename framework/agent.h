/* agent_: one actor's process, inside its host's namespace. It executes the
 * step it is handed and reports a struct result; it never decides anything
 * (sequencing, timeouts and verdicts are the coordinator's). */
#ifndef NSF_AGENT_H
#define NSF_AGENT_H

#include <sys/types.h>
#include "framework/case.h"
#include "framework/expect.h"
#include "framework/topology.h"

struct agent {
	const struct case_file *c;
	const struct topo_def *topo;
	int actor;
	int family;                     /* AF_INET or AF_INET6 */
	int fds[CASE_MAX_SOCKS];        /* by socket slot; -1 when closed or not made */
};

/* What the coordinator keeps of a running agent. */
struct agent_proc {
	pid_t pid;
	int link;                       /* coordinator's end of the socketpair */
};

/* Forks an agent for actor, enters ns_fd and waits, bounded, until it says it
 * is ready. Returns 0, or -1 with a message in err. */
int agent_spawn(const struct case_file *c, int actor, int family, int ns_fd,
		struct agent_proc *p, char *err, size_t errlen);

/* Hands step index to the agent and waits up to timeout_ms for its result;
 * on expiry r->timed_out is set. Returns 0, or -1 when the agent is gone
 * (r->note says how it ended). */
int agent_call(struct agent_proc *p, int step, int timeout_ms, struct result *r);

/* SIGKILLs the agent and reaps it. Safe to call twice. */
void agent_stop(struct agent_proc *p);

/* Handlers of the verb table (framework/ops_socket.c). */
void op_socket(struct agent *a, const struct case_step *s, struct result *r);
void op_listen(struct agent *a, const struct case_step *s, struct result *r);
void op_connect(struct agent *a, const struct case_step *s, struct result *r);
void op_accept(struct agent *a, const struct case_step *s, struct result *r);
void op_send(struct agent *a, const struct case_step *s, struct result *r);
void op_recv(struct agent *a, const struct case_step *s, struct result *r);
void op_close(struct agent *a, const struct case_step *s, struct result *r);
void op_shutdown(struct agent *a, const struct case_step *s, struct result *r);
void op_setsockopt(struct agent *a, const struct case_step *s, struct result *r);
void op_getsockopt(struct agent *a, const struct case_step *s, struct result *r);
void op_wait_state(struct agent *a, const struct case_step *s, struct result *r);
void op_state(struct agent *a, const struct case_step *s, struct result *r);
/* The number of SIGPIPE signals the actor received so far (framework/agent.c). */
void op_sigpipes(struct agent *a, const struct case_step *s, struct result *r);

#endif
