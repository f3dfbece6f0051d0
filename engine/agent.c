/* SPDX-License-Identifier: GPL-2.0-only */
/* The agent process and the coordinator's side of its link.
 *
 * Protocol over a SOCK_SEQPACKET socketpair, one datagram per message:
 *   agent -> coordinator  int 0 once inside its namespace (or the errno of setns)
 *   coordinator -> agent  int step index
 *   agent -> coordinator  struct result
 * The agent is a fork of the case process, so it already has the parsed case:
 * a step index is all it needs. */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include "util/clock.h"
#include "util/errnames.h"
#include "util/proc.h"
#include "util/procstat.h"
#include "util/procsyscall.h"
#include "util/retry.h"
#include "engine/dispatch.h"
#include "engine/agent.h"
#include "util/timeouts.h"
#include "lang/verbs.h"

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

/* Reports the socket's addresses with every result, so the coordinator knows
 * its 4-tuple even while a later call blocks this process. */
static void note_tuple(struct sock_ctx *a, const struct case_step *s, struct result *r)
{
	socklen_t len = sizeof(r->local);
	int fd = s->sock >= 0 ? a->fds[s->sock] : -1;

	if (fd < 0 || getsockname(fd, (struct sockaddr *)&r->local, &len) < 0)
		r->local.ss_family = AF_UNSPEC;
	len = sizeof(r->remote);
	if (fd < 0 || getpeername(fd, (struct sockaddr *)&r->remote, &len) < 0)
		r->remote.ss_family = AF_UNSPEC;
}

static void agent_run_step(struct sock_ctx *a, int idx, struct result *r)
{
	const struct case_step *s = &a->c->steps[idx];
	int before = sigpipes;
	long long t0 = clock_us();

	memset(r, 0, sizeof(*r));
	r->ran = true;
	dispatch_agent(s->verb->id)(a, s, r);
	r->elapsed_us = clock_us() - t0;
	r->sigpipe = sigpipes - before;
	note_tuple(a, s, r);
	/* The call went to fd -1: say why rather than leave a bare EBADF. */
	if (s->verb->sock == SOCK_USE && a->fds[s->sock] < 0 && r->ret == -1 && r->err == EBADF && !r->note[0])
		snprintf(r->note, sizeof(r->note), "this socket is closed, or the step that was to make it failed");
}

static void agent_loop(struct sock_ctx *a, int link)
{
	struct result r;
	int idx;

	for (;;) {
		ssize_t n = recv(link, &idx, sizeof(idx), 0);

		if (n == 0 || (n < 0 && errno != EINTR))
			return;
		if (n != sizeof(idx) || idx < 0 || idx >= a->c->nsteps)
			return;
		agent_run_step(a, idx, &r);
		if (send(link, &r, sizeof(r), MSG_NOSIGNAL) != sizeof(r) || a->exit_after_reply)
			return;
	}
}

/* What an agent process starts from. */
struct agent_start {
	const struct case_file *c;
	int actor, family, ns_fd;
	pid_t parent;
	int link, other_end;
};

/* In the child: dies with the case process (even on SIGKILL), enters the
 * host's namespace, says ready and serves steps. */
static int agent_main(void *arg)
{
	const struct agent_start *st = arg;
	struct sock_ctx a = { .c = st->c, .topo = topo_get(st->c->topology), .actor = st->actor,
			      .family = st->family, .sigpipes = &sigpipes };
	struct sigaction sa = { .sa_handler = on_sigpipe };
	int status = 0, link = st->link;

	close(st->other_end);
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != st->parent)
		return 1;
	for (int i = 0; i < CASE_MAX_SOCKS; i++)
		a.fds[i] = -1;
	if (sigaction(SIGPIPE, &sa, NULL) < 0 || setns(st->ns_fd, CLONE_NEWNET) < 0)
		status = errno;
	/* The agent keeps only its link: inherited namespace fds and netlink
	 * sockets of other hosts have no business inside an actor. */
	else if (close_range(3, link - 1, 0) < 0 || close_range(link + 1, ~0U, 0) < 0)
		status = errno;
	if (send(link, &status, sizeof(status), MSG_NOSIGNAL) != sizeof(status) || status)
		return 1;
	agent_loop(&a, link);
	return 0;
}

/* Waits up to timeout_ms for link to be readable: 1 ready, 0 expired, -1 error. */
static int wait_readable(int fd, int timeout_ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	int n;

	do
		n = poll(&pfd, 1, timeout_ms);
	while (n < 0 && errno == EINTR);
	return n;
}

int agent_spawn(const struct case_file *c, int actor, int family, int ns_fd,
		struct agent_proc *p, char *err, size_t errlen)
{
	struct agent_start st = { c, actor, family, ns_fd, getpid(), -1, -1 };
	int sv[2], status = -1;

	p->pid = -1;
	p->link = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "socketpair for agent %s: %s", c->actors[actor].name, err_name(errno));
		return -1;
	}
	st.link = sv[1];
	st.other_end = sv[0];
	p->pid = proc_spawn(agent_main, &st);
	close(sv[1]);
	p->link = sv[0];
	p->agent_link = sv[1];
	if (p->pid < 0) {
		snprintf(err, errlen, "fork for agent %s: %s", c->actors[actor].name, err_name(errno));
		return -1;
	}
	if (wait_readable(p->link, TIMEOUT_AGENT_START_MS) <= 0 ||
	    recv(p->link, &status, sizeof(status), 0) != sizeof(status) || status) {
		snprintf(err, errlen, "agent %s did not start in its namespace%s%s", c->actors[actor].name,
			 status > 0 ? ": setns: " : "", status > 0 ? err_name(status) : "");
		return -1;
	}
	return 0;
}

/* One look of agent_await_call, as retry_until wants it: non-zero ends the
 * wait. The agent's own wait for a step is a recv() on its link: a call
 * whose first argument is the link is not the started call. */
static int call_look(void *arg)
{
	const struct agent_proc *p = arg;
	struct pollfd pfd = { .fd = p->link, .events = POLLIN };
	unsigned long arg0;
	long nr;
	char state = 0;
	int in;

	if (poll(&pfd, 1, 0) > 0)
		return AGENT_CALL_RETURNED;
	/* Stopped (the SIGSTOP freezer): its call is interrupted until SIGCONT,
	 * and cannot be seen; it cannot return either. */
	if (proc_stat(p->pid, &state, NULL, NULL) < 0 || state == 'T' || state == 't')
		return -1;
	in = proc_syscall(p->pid, &nr, &arg0);
	if (in < 0)
		return -1;
	return in == 1 && arg0 != (unsigned long)p->agent_link ? AGENT_CALL_IN : 0;
}

enum agent_call agent_await_call(const struct agent_proc *p, int timeout_ms)
{
	int r = retry_until(call_look, (void *)p, timeout_ms);

	return r > 0 ? (enum agent_call)r : AGENT_CALL_UNKNOWN;
}

/* How the agent ended, as a step's note says it. */
static void describe_end(const struct proc_end *end, char *note, size_t len)
{
	char how[64];

	if (end->how == PROC_EXITED)
		snprintf(note, len, "the process exited with status %d", end->code);
	else if (end->how == PROC_SIGNALED)
		snprintf(note, len, "the process was %s", proc_end_text(end, how, sizeof(how)));
	else
		snprintf(note, len, "the agent is gone");
}

int agent_send(struct agent_proc *p, int step, struct result *r)
{
	memset(r, 0, sizeof(*r));
	if (p->pid <= 0 || send(p->link, &step, sizeof(step), MSG_NOSIGNAL) != sizeof(step)) {
		snprintf(r->note, sizeof(r->note), "cannot reach the actor's process: %s",
			 p->pid <= 0 ? "it has ended" : err_name(errno));
		return -1;
	}
	return 0;
}

int agent_call(struct agent_proc *p, int step, int timeout_ms, struct result *r)
{
	if (agent_send(p, step, r) < 0)
		return -1;
	return agent_wait(p, timeout_ms, r);
}

int agent_wait_exit(struct agent_proc *p, int timeout_ms, char *note, size_t len)
{
	struct proc_end end;

	if (proc_wait(p->pid, timeout_ms, false, &end) < 0) {
		proc_end_text(&end, note, len);
		return -1;
	}
	describe_end(&end, note, len);
	close(p->link);
	p->pid = -1;
	p->link = -1;
	return 0;
}

int agent_wait(struct agent_proc *p, int timeout_ms, struct result *r)
{
	int ready;

	memset(r, 0, sizeof(*r));
	ready = wait_readable(p->link, timeout_ms);
	if (ready == 0) {
		r->ran = true;
		r->timed_out = true;
		r->elapsed_us = timeout_ms * 1000LL;
		return 0;
	}
	if (ready < 0 || recv(p->link, r, sizeof(*r), 0) != sizeof(*r)) {
		struct proc_end end;

		memset(r, 0, sizeof(*r));
		proc_reap(p->pid, &end);
		describe_end(&end, r->note, sizeof(r->note));
		p->pid = -1;
		return -1;
	}
	return 0;
}

void agent_stop(struct agent_proc *p)
{
	if (p->pid > 0)
		proc_kill(p->pid, NULL);
	if (p->link >= 0)
		close(p->link);
	p->pid = -1;
	p->link = -1;
}
