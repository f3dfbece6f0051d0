/* SPDX-License-Identifier: GPL-2.0-only */
/* proc_: child processes. Spawns one running a function or a program,
 * waits for it with a bound, kills it, reaps it and says how it ended. A
 * wait is an event, not a sleeping loop: a pidfd becomes readable when its
 * process ends, and poll() waits for that with the time left.
 *
 * The caller must be single-threaded (these fork) and must reap every child
 * it spawns, with proc_wait, proc_run, proc_reap or proc_kill. */
#ifndef NSF_PROC_H
#define NSF_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* How a child ended, or why nothing more is known. */
struct proc_end {
	enum proc_how {
		PROC_EXITED,    /* code: its exit status */
		PROC_SIGNALED,  /* code: the signal that ended it */
		PROC_TIMED_OUT, /* code: the bound in ms; it was killed (SIGKILL) and reaped */
		PROC_RUNNING,   /* code: the bound in ms; it was left running */
		PROC_FAILED,    /* code: the errno of `call` ("fork", "pidfd_open", "poll",
				 * "waitpid", "pipe2"), which failed */
	} how;
	int code;
	const char *call;       /* PROC_FAILED only; static */
};

/* Forks a child that runs fn(arg) and _exits with its return value (fn may
 * also exec or _exit itself). Returns the child's pid, or -1 with errno. */
pid_t proc_spawn(int (*fn)(void *arg), void *arg);

/* Waits up to timeout_ms for pid to end. Returns 0 when it ended within the
 * bound and is reaped (end: PROC_EXITED or PROC_SIGNALED; PROC_FAILED "waitpid"
 * when it was gone but could not be reaped: not our child, or reaped already).
 * Returns -1 otherwise: at the bound (end: PROC_TIMED_OUT, killed and reaped,
 * when kill_at_bound; else PROC_RUNNING) or when it could not be watched (end:
 * PROC_FAILED "pidfd_open" or "poll"; killed and reaped when kill_at_bound). */
int proc_wait(pid_t pid, int timeout_ms, bool kill_at_bound, struct proc_end *end);

/* Reaps pid, waiting as long as it takes. end: PROC_EXITED, PROC_SIGNALED or
 * PROC_FAILED "waitpid" (ECHILD for a pid <= 0, which waitpid would take for
 * any child). */
void proc_reap(pid_t pid, struct proc_end *end);

/* SIGKILLs pid and reaps it; end (may be NULL) as proc_reap: a child that had
 * ended already keeps its own end. Does nothing (PROC_FAILED "kill", ESRCH) for
 * a pid <= 0, which kill() would take for a process group. */
void proc_kill(pid_t pid, struct proc_end *end);

/* Describes end into buf and returns buf: "exit status 3", "killed by
 * SIGKILL", "no exit within 5000 ms", "still running after 5000 ms",
 * "waitpid: ECHILD". Callers put it after their subject ("the case process
 * was " + "killed by SIGSEGV"). */
const char *proc_end_text(const struct proc_end *end, char *buf, size_t len);

/* Where proc_run collects a child's output: buf holds at most len - 1 bytes
 * and a NUL. Output beyond that is read and dropped, from the end, or with
 * keep_tail from the start (a tool's concluding words come last). */
struct proc_out {
	char *buf;
	size_t len;             /* >= 1 */
	bool keep_tail;
};

/* Runs fn(arg) in a child with its stdout into out and its stderr into err
 * (either NULL: inherited), reading both while waiting up to timeout_ms for it
 * to end; at the bound it is killed. Output a grandchild still writes after the
 * child ended is not waited for. Returns 0 when the child ran to its own end
 * (end: PROC_EXITED or PROC_SIGNALED), else -1 (end: PROC_TIMED_OUT, or
 * PROC_FAILED naming the call); no child is left behind either way. */
int proc_run(int (*fn)(void *arg), void *arg, struct proc_out *out, struct proc_out *err,
	     int timeout_ms, struct proc_end *end);

/* As proc_run, for a program: runs path with argv and envp, stdin from
 * /dev/null and no other descriptor of ours open, in the caller's
 * namespaces. It starts with posix_spawn, which shares the caller's memory
 * until the exec instead of copying it: a tool costs no copy of the
 * caller's page tables, and the caller no copy-on-write faults after it.
 * A program that cannot be run is PROC_FAILED with its path as the call. */
int proc_exec(const char *path, char *const argv[], char *const envp[], struct proc_out *out,
	      struct proc_out *err, int timeout_ms, struct proc_end *end);

#endif
