/* SPDX-License-Identifier: GPL-2.0-only */
/* Child processes: spawn, bounded wait, kill, reap, and how they ended. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/pidfd.h>
#include <sys/wait.h>
#include "util/clock.h"
#include "util/errnames.h"
#include "util/proc.h"

static void proc_failed(struct proc_end *end, const char *call, int err)
{
	*end = (struct proc_end){ .how = PROC_FAILED, .code = err, .call = call };
}

pid_t proc_spawn(int (*fn)(void *arg), void *arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

void proc_reap(pid_t pid, struct proc_end *end)
{
	int st;

	if (pid <= 0) {	/* waitpid would take any child, or a process group's */
		proc_failed(end, "waitpid", ECHILD);
		return;
	}
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			proc_failed(end, "waitpid", errno);
			return;
		}
	}
	if (WIFSIGNALED(st))
		*end = (struct proc_end){ .how = PROC_SIGNALED, .code = WTERMSIG(st) };
	else
		*end = (struct proc_end){ .how = PROC_EXITED, .code = WEXITSTATUS(st) };
}

void proc_kill(pid_t pid, struct proc_end *end)
{
	struct proc_end mine;

	if (!end)
		end = &mine;
	if (pid <= 0) {
		proc_failed(end, "kill", ESRCH);
		return;
	}
	/* An ended child is a zombie until reaped: the kill cannot miss it or
	 * hit another process, and changes nothing of how it ended. */
	(void)kill(pid, SIGKILL);
	proc_reap(pid, end);
}

/* poll() until an event or the deadline (clock_ms), at least once;
 * EINTR goes on with the time left. Returns poll's result. */
static int proc_poll(struct pollfd *fds, nfds_t n, long long deadline)
{
	for (;;) {
		long long left = deadline - clock_ms();
		int r = poll(fds, n, left <= 0 ? 0 : left > INT_MAX ? INT_MAX : (int)left);

		if (r >= 0 || errno != EINTR)
			return r;
	}
}

/* After a wait for pid ended with r (poll's result; err its errno): kills
 * and reaps pid unless it ended (r > 0), and says so in end. */
static void proc_settle(pid_t pid, int r, int err, int timeout_ms, bool kill_at_bound,
			struct proc_end *end)
{
	if (r > 0) {
		proc_reap(pid, end);
		return;
	}
	if (kill_at_bound)
		proc_kill(pid, NULL);
	if (r < 0)
		proc_failed(end, "poll", err);
	else
		*end = (struct proc_end){ .how = kill_at_bound ? PROC_TIMED_OUT : PROC_RUNNING,
					  .code = timeout_ms };
}

int proc_wait(pid_t pid, int timeout_ms, bool kill_at_bound, struct proc_end *end)
{
	struct pollfd pfd = { .fd = pidfd_open(pid, 0), .events = POLLIN };
	int r;

	if (pfd.fd < 0) {
		proc_failed(end, "pidfd_open", errno);
		if (kill_at_bound)
			proc_kill(pid, NULL);
		return -1;
	}
	r = proc_poll(&pfd, 1, clock_ms() + timeout_ms);
	proc_settle(pid, r, errno, timeout_ms, kill_at_bound, end);
	(void)close(pfd.fd);	/* read-only: nothing to lose */
	return r > 0 ? 0 : -1;
}

const char *proc_end_text(const struct proc_end *end, char *buf, size_t len)
{
	switch (end->how) {
	case PROC_EXITED:
		snprintf(buf, len, "exit status %d", end->code);
		break;
	case PROC_SIGNALED:
		snprintf(buf, len, "killed by %s", sig_name(end->code));
		break;
	case PROC_TIMED_OUT:
		snprintf(buf, len, "no exit within %d ms", end->code);
		break;
	case PROC_RUNNING:
		snprintf(buf, len, "still running after %d ms", end->code);
		break;
	case PROC_FAILED:
		snprintf(buf, len, "%s: %s", end->call, err_name(end->code));
		break;
	}
	return buf;
}

/* ---- running a child with its output collected ---- */

/* One pipe being read into a proc_out. */
struct proc_sink {
	int fd;                 /* read end; -1 when none or at end of file */
	int child_fd;           /* write end, until the child has it */
	struct proc_out *out;
	size_t used;
};

static void proc_sink_add(struct proc_sink *s, const char *data, size_t n)
{
	struct proc_out *o = s->out;
	size_t room = o->len - 1;

	if (o->keep_tail && s->used + n > room) {
		size_t drop = s->used + n - room;

		if (n >= room) {
			data += n - room;
			n = room;
			s->used = 0;
		} else {
			memmove(o->buf, o->buf + drop, s->used - drop);
			s->used -= drop;
		}
	}
	if (n > room - s->used)
		n = room - s->used;
	memcpy(o->buf + s->used, data, n);
	s->used += n;
	o->buf[s->used] = '\0';
}

/* Returns 0 at end of file, 1 after reading, -1 on error (EAGAIN included). */
static int proc_sink_read(struct proc_sink *s)
{
	char tmp[4096];
	ssize_t n = read(s->fd, tmp, sizeof(tmp));

	if (n <= 0)
		return (int)n;
	proc_sink_add(s, tmp, (size_t)n);
	return 1;
}

static void proc_sink_close(struct proc_sink *s)
{
	if (s->fd >= 0)
		(void)close(s->fd);	/* a read end: nothing to lose */
	if (s->child_fd >= 0)
		(void)close(s->child_fd);
	s->fd = s->child_fd = -1;
}

/* After the child ended everything it wrote is in the pipe; a grandchild
 * (modprobe) could keep the pipe open, so read only what is there. */
static void proc_sink_drain(struct proc_sink *s)
{
	if (s->fd >= 0 && fcntl(s->fd, F_SETFL, O_NONBLOCK) == 0)
		while (proc_sink_read(s) > 0)
			;
	proc_sink_close(s);
}

static int proc_sink_open(struct proc_sink *s, struct proc_out *out)
{
	int p[2];

	if (!out)
		return 0;
	out->buf[0] = '\0';
	if (pipe2(p, O_CLOEXEC) < 0)
		return -1;
	s->fd = p[0];
	s->child_fd = p[1];
	return 0;
}

struct proc_child {
	int (*fn)(void *arg);
	void *arg;
	struct proc_sink *sink;         /* [0] stdout, [1] stderr */
};

/* In the child: stderr first, so that later failures reach the parent. */
static int proc_child_main(void *arg)
{
	struct proc_child *c = arg;

	for (int i = 1; i >= 0; i--)
		if (c->sink[i].child_fd >= 0 && dup2(c->sink[i].child_fd, STDOUT_FILENO + i) < 0)
			_exit(126);
	for (int i = 0; i < 2; i++)
		proc_sink_close(&c->sink[i]);
	return c->fn(c->arg);
}

/* Reads both pipes until pidfd says the child ended or the bound passes;
 * returns as proc_poll (> 0: ended). */
static int proc_collect(int pidfd, struct proc_sink sink[2], long long deadline)
{
	struct pollfd pfd[3] = { { .fd = pidfd, .events = POLLIN } };
	int r;

	do {
		for (int i = 0; i < 2; i++)
			pfd[i + 1] = (struct pollfd){ .fd = sink[i].fd, .events = POLLIN };
		r = proc_poll(pfd, 3, deadline);
		for (int i = 0; r > 0 && i < 2; i++)
			if (pfd[i + 1].revents && proc_sink_read(&sink[i]) <= 0)
				proc_sink_close(&sink[i]);
	} while (r > 0 && !(pfd[0].revents & POLLIN));
	return r;
}

/* After the child was started (pid > 0) or not (pid -1, end already says
 * why): gives it its output ends, collects what it writes until it ends or
 * the bound passes, and leaves nothing behind. */
static int proc_finish(pid_t pid, struct proc_sink sink[2], int timeout_ms, struct proc_end *end)
{
	int pidfd = -1, r = -1;

	if (pid > 0 && (pidfd = pidfd_open(pid, 0)) < 0)
		proc_failed(end, "pidfd_open", errno);
	for (int i = 0; i < 2; i++) {
		if (sink[i].child_fd >= 0)
			(void)close(sink[i].child_fd);	/* the child has its copy */
		sink[i].child_fd = -1;
	}
	if (pidfd >= 0) {
		r = proc_collect(pidfd, sink, clock_ms() + timeout_ms);
		proc_settle(pid, r, errno, timeout_ms, true, end);
		(void)close(pidfd);
	} else if (pid > 0) {
		proc_kill(pid, NULL);
	}
	for (int i = 0; i < 2; i++)
		proc_sink_drain(&sink[i]);
	return r > 0 && end->how != PROC_FAILED ? 0 : -1;
}

int proc_run(int (*fn)(void *arg), void *arg, struct proc_out *out, struct proc_out *err,
	     int timeout_ms, struct proc_end *end)
{
	struct proc_sink sink[2] = { { .fd = -1, .child_fd = -1, .out = out },
				     { .fd = -1, .child_fd = -1, .out = err } };
	struct proc_child c = { fn, arg, sink };
	pid_t pid = -1;

	if (proc_sink_open(&sink[0], out) < 0 || proc_sink_open(&sink[1], err) < 0)
		proc_failed(end, "pipe2", errno);
	else if ((pid = proc_spawn(proc_child_main, &c)) < 0)
		proc_failed(end, "fork", errno);
	return proc_finish(pid, sink, timeout_ms, end);
}

/* The child's start, as posix_spawn's actions: stdin from /dev/null, stderr
 * and stdout onto their pipes, nothing else open; no signal blocked, and
 * the ones a runner catches or ignores at their defaults. Returns 0 or an
 * errno value (posix_spawn reports a failed exec too). */
static int proc_spawn_argv(const char *path, char *const argv[], char *const envp[],
			   struct proc_sink sink[2], pid_t *pid)
{
	static const int dfl[] = { SIGPIPE, SIGINT, SIGTERM, SIGHUP };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, defaults;
	int e;

	if ((e = posix_spawn_file_actions_init(&fa)) != 0)
		return e;
	if ((e = posix_spawnattr_init(&at)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return e;
	}
	sigemptyset(&none);
	sigemptyset(&defaults);
	for (size_t i = 0; i < sizeof(dfl) / sizeof(dfl[0]); i++)
		sigaddset(&defaults, dfl[i]);
	e = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	for (int i = 1; !e && i >= 0; i--)
		if (sink[i].child_fd >= 0)
			e = posix_spawn_file_actions_adddup2(&fa, sink[i].child_fd, STDOUT_FILENO + i);
	if (!e)
		e = posix_spawn_file_actions_addclosefrom_np(&fa, STDERR_FILENO + 1);
	if (!e)
		e = posix_spawnattr_setsigmask(&at, &none);
	if (!e)
		e = posix_spawnattr_setsigdefault(&at, &defaults);
	if (!e)
		e = posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	if (!e)
		e = posix_spawn(pid, path, &fa, &at, argv, envp);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return e;
}

int proc_exec(const char *path, char *const argv[], char *const envp[], struct proc_out *out,
	      struct proc_out *err, int timeout_ms, struct proc_end *end)
{
	struct proc_sink sink[2] = { { .fd = -1, .child_fd = -1, .out = out },
				     { .fd = -1, .child_fd = -1, .out = err } };
	pid_t pid = -1;
	int e;

	if (proc_sink_open(&sink[0], out) < 0 || proc_sink_open(&sink[1], err) < 0) {
		proc_failed(end, "pipe2", errno);
	} else if ((e = proc_spawn_argv(path, argv, envp, sink, &pid)) != 0) {
		pid = -1;
		proc_failed(end, path, e);
	}
	return proc_finish(pid, sink, timeout_ms, end);
}
