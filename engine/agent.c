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
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include "util/clock.h"
#include "engine/dispatch.h"
#include "engine/agent.h"
#include "lang/symbols.h"
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
	long long t0 = ns_clock_us();

	memset(r, 0, sizeof(*r));
	r->ran = true;
	dispatch_agent(s->verb->id)(a, s, r);
	r->elapsed_us = ns_clock_us() - t0;
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

/* In the child: dies with the case process (even on SIGKILL), enters the
 * host's namespace, says ready and serves steps. */
static void agent_main(const struct case_file *c, int actor, int family, int ns_fd,
		       pid_t parent, int link)
{
	struct sock_ctx a = { .c = c, .topo = topo_get(c->topology), .actor = actor, .family = family,
			      .sigpipes = &sigpipes };
	struct sigaction sa = { .sa_handler = on_sigpipe };
	int status = 0;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(1);
	for (int i = 0; i < CASE_MAX_SOCKS; i++)
		a.fds[i] = -1;
	if (sigaction(SIGPIPE, &sa, NULL) < 0 || setns(ns_fd, CLONE_NEWNET) < 0)
		status = errno;
	/* The agent keeps only its link: inherited namespace fds and netlink
	 * sockets of other hosts have no business inside an actor. */
	else if (close_range(3, link - 1, 0) < 0 || close_range(link + 1, ~0U, 0) < 0)
		status = errno;
	if (send(link, &status, sizeof(status), MSG_NOSIGNAL) != sizeof(status) || status)
		_exit(1);
	agent_loop(&a, link);
	_exit(0);
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
	pid_t parent = getpid();
	int sv[2], status = -1;

	p->pid = -1;
	p->link = -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "socketpair for agent %s: %s", c->actors[actor].name, names_errno(errno));
		return -1;
	}
	p->pid = fork();
	if (p->pid == 0) {
		close(sv[0]);
		agent_main(c, actor, family, ns_fd, parent, sv[1]);
	}
	close(sv[1]);
	p->link = sv[0];
	if (p->pid < 0) {
		snprintf(err, errlen, "fork for agent %s: %s", c->actors[actor].name, names_errno(errno));
		return -1;
	}
	if (wait_readable(p->link, TIMEOUT_AGENT_START_MS) <= 0 ||
	    recv(p->link, &status, sizeof(status), 0) != sizeof(status) || status) {
		snprintf(err, errlen, "agent %s did not start in its namespace%s%s", c->actors[actor].name,
			 status > 0 ? ": setns: " : "", status > 0 ? names_errno(status) : "");
		return -1;
	}
	return 0;
}

static void describe_exit(pid_t pid, char *note, size_t len)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		snprintf(note, len, "the agent is gone");
	else if (WIFSIGNALED(st))
		snprintf(note, len, "the process was killed by SIG%s", sigabbrev_np(WTERMSIG(st)) ?: "?");
	else
		snprintf(note, len, "the process exited with status %d", WEXITSTATUS(st));
}

int agent_send(struct agent_proc *p, int step, struct result *r)
{
	memset(r, 0, sizeof(*r));
	if (p->pid <= 0 || send(p->link, &step, sizeof(step), MSG_NOSIGNAL) != sizeof(step)) {
		snprintf(r->note, sizeof(r->note), "cannot reach the actor's process: %s",
			 p->pid <= 0 ? "it has ended" : names_errno(errno));
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
	int pfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
	int ready;

	/* A pidfd becomes readable when the process ends: an event to wait on. */
	if (pfd < 0) {
		snprintf(note, len, "pidfd_open: %s", names_errno(errno));
		return -1;
	}
	ready = wait_readable(pfd, timeout_ms);
	close(pfd);
	if (ready <= 0) {
		snprintf(note, len, "still running after %d ms", timeout_ms);
		return -1;
	}
	describe_exit(p->pid, note, len);
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
		memset(r, 0, sizeof(*r));
		describe_exit(p->pid, r->note, sizeof(r->note));
		p->pid = -1;
		return -1;
	}
	return 0;
}

void agent_stop(struct agent_proc *p)
{
	if (p->pid > 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, NULL, 0);
	}
	if (p->link >= 0)
		close(p->link);
	p->pid = -1;
	p->link = -1;
}
