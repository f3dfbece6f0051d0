/* SPDX-License-Identifier: GPL-2.0-only */
/* util/: errno and signal names, the tool search path, child processes. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "tests/tests.h"
#include "util/errnames.h"
#include "util/proc.h"
#include "util/procsyscall.h"
#include "util/retry.h"
#include "util/toolpath.h"

static void test_err_names(void)
{
	CU_ASSERT_STRING_EQUAL(err_name(ECONNRESET), "ECONNRESET");
	CU_ASSERT_STRING_EQUAL(err_name(EHWPOISON), "EHWPOISON");
	CU_ASSERT_STRING_EQUAL(err_name(9999), "E<9999>");
	CU_ASSERT_STRING_EQUAL(err_name(0), "E<0>");
	CU_ASSERT_STRING_EQUAL(err_name(-4), "E<-4>");
	CU_ASSERT_EQUAL(err_value("EPIPE"), EPIPE);
	CU_ASSERT_EQUAL(err_value("EHWPOISON"), EHWPOISON);
	CU_ASSERT_EQUAL(err_value("EBOGUS"), -1);
	CU_ASSERT_EQUAL(err_value("E<5>"), -1);
}

static void test_sig_names(void)
{
	char rt[16];

	snprintf(rt, sizeof(rt), "SIG<%d>", SIGRTMIN);
	CU_ASSERT_STRING_EQUAL(sig_name(SIGKILL), "SIGKILL");
	CU_ASSERT_STRING_EQUAL(sig_name(SIGSEGV), "SIGSEGV");
	CU_ASSERT_STRING_EQUAL(sig_name(SIGRTMIN), rt);
	CU_ASSERT_STRING_EQUAL(sig_name(0), "SIG<0>");
	CU_ASSERT_EQUAL(sig_value("SIGKILL"), SIGKILL);
	CU_ASSERT_EQUAL(sig_value("SIGSTOP"), SIGSTOP);
	CU_ASSERT_EQUAL(sig_value("KILL"), -1);
	CU_ASSERT_EQUAL(sig_value("SIGBOGUS"), -1);
}

/* sh is in /usr/bin on Debian (merged /usr: also /bin), never first in /sbin. */
static void test_tool_find(void)
{
	char path[64], tiny[7];

	CU_ASSERT_EQUAL(tool_find("sh", path, sizeof(path)), 0);
	CU_ASSERT_STRING_EQUAL(path, "/usr/bin/sh");
	CU_ASSERT_EQUAL(tool_find("sh", tiny, sizeof(tiny)), -1);	/* nor "/bin/sh" */
	CU_ASSERT_EQUAL(tool_find("no-such-tool-nsfault", path, sizeof(path)), -1);
	CU_ASSERT_EQUAL(tool_find("/bin/sh", path, sizeof(path)), -1);
	CU_ASSERT_EQUAL(tool_find("", path, sizeof(path)), -1);
	CU_ASSERT_STRING_EQUAL(tool_dirs_text(),
			       "/usr/sbin, /usr/bin, /sbin, /bin, /usr/local/sbin or /usr/local/bin");
}

static int exit_with(void *arg)
{
	return *(int *)arg;
}

static int sleep_long(void *arg)
{
	(void)arg;
	sleep(30);
	return 0;
}

static int die_by_signal(void *arg)
{
	raise(*(int *)arg);
	return 0;
}

static const char *end_text(const struct proc_end *end)
{
	static char buf[64];

	return proc_end_text(end, buf, sizeof(buf));
}

static void test_proc_wait(void)
{
	int three = 3, term = SIGTERM;
	struct proc_end end;
	pid_t pid;

	pid = proc_spawn(exit_with, &three);
	CU_ASSERT_EQUAL(proc_wait(pid, 5000, true, &end), 0);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "exit status 3");

	pid = proc_spawn(die_by_signal, &term);
	CU_ASSERT_EQUAL(proc_wait(pid, 5000, true, &end), 0);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "killed by SIGTERM");

	pid = proc_spawn(sleep_long, NULL);
	CU_ASSERT_EQUAL(proc_wait(pid, 20, false, &end), -1);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "still running after 20 ms");
	CU_ASSERT_EQUAL(proc_wait(pid, 20, true, &end), -1);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "no exit within 20 ms");
	CU_ASSERT_EQUAL(proc_wait(pid, 20, true, &end), -1);	/* reaped: gone */
	CU_ASSERT_STRING_EQUAL(end_text(&end), "pidfd_open: ESRCH");

	pid = proc_spawn(sleep_long, NULL);
	proc_kill(pid, &end);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "killed by SIGKILL");
	proc_reap(pid, &end);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "waitpid: ECHILD");
	proc_kill(-1, &end);	/* never kill(-1) */
	CU_ASSERT_STRING_EQUAL(end_text(&end), "kill: ESRCH");
}

/* Writes 100 lines to stdout and to stderr, then exits 2. Not through stdio,
 * whose buffer may still hold the parent's output. */
static int chatter(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100; i++) {
		dprintf(STDOUT_FILENO, "out %d\n", i);
		dprintf(STDERR_FILENO, "err %d\n", i);
	}
	return 2;
}

/* Writes to stderr itself before it execs: a shell's echo could come after
 * the bound on a loaded machine (seen under make check's parallel stages). */
static int exec_sleep(void *arg)
{
	(void)arg;
	dprintf(STDERR_FILENO, "to-stderr\n");
	execl("/bin/sleep", "sleep", "30", (char *)NULL);
	return 127;
}

static void test_proc_run(void)
{
	char out[16], err[16];
	struct proc_out o = { out, sizeof(out), false }, e = { err, sizeof(err), true };
	struct proc_end end;

	CU_ASSERT_EQUAL(proc_run(chatter, NULL, &o, &e, 5000, &end), 0);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "exit status 2");
	CU_ASSERT_STRING_EQUAL(out, "out 0\nout 1\nout");	/* the start */
	CU_ASSERT_STRING_EQUAL(err, "\nerr 98\nerr 99\n");	/* the end */

	CU_ASSERT_EQUAL(proc_run(exec_sleep, NULL, NULL, &e, 100, &end), -1);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "no exit within 100 ms");
	CU_ASSERT_STRING_EQUAL(err, "to-stderr\n");
}

/* A program: its output, stdin from /dev/null, none of our descriptors
 * (a pipe end opened without O_CLOEXEC here), no signal blocked (SIGTERM
 * is, here), its exit status; a program that is not there; the bound. */
static void test_proc_exec(void)
{
	char out[256], err[64], script[256];
	struct proc_out o = { out, sizeof(out), false }, e = { err, sizeof(err), false };
	struct proc_end end;
	sigset_t term, old;
	int p[2];

	CU_ASSERT_FATAL(pipe(p) == 0);
	snprintf(script, sizeof(script),
		 "readlink /proc/self/fd/0; test -e /proc/self/fd/%d && echo open; "
		 "grep SigBlk /proc/self/status; echo oops >&2; exit 3", p[1]);
	char *argv[] = { "sh", "-c", script, NULL };
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	CU_ASSERT_FATAL(sigprocmask(SIG_BLOCK, &term, &old) == 0);
	CU_ASSERT_EQUAL(proc_exec("/bin/sh", argv, environ, &o, &e, 5000, &end), 0);
	CU_ASSERT_EQUAL(sigprocmask(SIG_SETMASK, &old, NULL), 0);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "exit status 3");
	CU_ASSERT_STRING_EQUAL(out, "/dev/null\nSigBlk:\t0000000000000000\n");
	CU_ASSERT_STRING_EQUAL(err, "oops\n");
	close(p[0]);
	close(p[1]);

	CU_ASSERT_EQUAL(proc_exec("/nonexistent/tool", argv, environ, &o, NULL, 5000, &end), -1);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "/nonexistent/tool: ENOENT");

	char *sleep_argv[] = { "sleep", "30", NULL };
	CU_ASSERT_EQUAL(proc_exec("/bin/sleep", sleep_argv, environ, NULL, NULL, 100, &end), -1);
	CU_ASSERT_STRING_EQUAL(end_text(&end), "no exit within 100 ms");
}

/* The child blocks in read() on the pipe whose read end is arg. */
static int read_pipe(void *arg)
{
	char c;

	return read(*(int *)arg, &c, 1) < 0;
}

struct syscall_look {
	pid_t pid;
	long nr;
	unsigned long arg0;
};

static int in_syscall(void *arg)
{
	struct syscall_look *l = arg;

	return proc_syscall(l->pid, &l->nr, &l->arg0);
}

/* Seen asleep in read(), with the pipe as its first argument; a process
 * that is gone cannot be read. */
static void test_proc_syscall(void)
{
	int pfd[2];
	struct syscall_look l = { 0 };
	struct proc_end end;

	CU_ASSERT_FATAL(pipe(pfd) == 0);
	l.pid = proc_spawn(read_pipe, &pfd[0]);
	CU_ASSERT_FATAL(l.pid > 0);
	CU_ASSERT_EQUAL(retry_until(in_syscall, &l, 5000), 1);
	CU_ASSERT_EQUAL(l.nr, SYS_read);
	CU_ASSERT_EQUAL(l.arg0, (unsigned long)pfd[0]);
	proc_kill(l.pid, &end);
	CU_ASSERT_EQUAL(proc_syscall(l.pid, &l.nr, &l.arg0), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	close(pfd[0]);
	close(pfd[1]);
}

int test_util_register(void)
{
	static const struct test_def tests[] = {
		{ "errno names: E<n> for a value without one", test_err_names },
		{ "signal names: SIG<n> for a value without one", test_sig_names },
		{ "tool_find: one fixed list of directories", test_tool_find },
		{ "proc_wait: exit, signal, bound, kill, reap", test_proc_wait },
		{ "proc_run: output kept from the start or the end; killed at the bound", test_proc_run },
		{ "proc_exec: stdin /dev/null, no inherited fd or blocked signal; ENOENT; bound", test_proc_exec },
		{ "proc_syscall: a child asleep in read() on its pipe; a reaped pid", test_proc_syscall },
		{ NULL, NULL },
	};

	return tests_add_suite("util", tests);
}
