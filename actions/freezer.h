/* SPDX-License-Identifier: GPL-2.0-only */
/* frz_: freezing and thawing one process (an actor), by the best mechanism
 * this machine has: the cgroup v2 freezer (cgroup.freeze), else the cgroup v1
 * freezer (freezer.state), else SIGSTOP/SIGCONT. The report names the one used.
 *
 * Each frozen process gets a cgroup of its own named
 * nsfault-<owner pid>-<pid>-<owner start time>-<runner pid>-<runner start
 * time> (the owner: the case process that froze it; the runner: the
 * owner's parent, which only tells whose run it was; a start time, field 22
 * of /proc/<pid>/stat, tells a reused pid apart); frz_release removes it. A case process killed with SIGKILL
 * (with its runner) cannot remove it, so frz_clean_stale() removes those
 * whose owner is gone (run at every start, after an interrupted run, and by
 * `nsfault clean`). */
#ifndef NSF_FREEZER_H
#define NSF_FREEZER_H

#include <stddef.h>
#include <sys/types.h>

enum frz_method { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP, FRZ_AUTO = -1 };

struct frz {
	enum frz_method method;
	pid_t pid;
	char dir[256];          /* the cgroup directory; "" for SIGSTOP */
	char home[256];         /* cgroup.procs the process came from, to move it back */
};

/* Prepares to freeze pid: with FRZ_AUTO picks the first method that works
 * here; with a given method uses only that one (tests force each path).
 * Returns 0, or -1 with err saying what is missing (e.g. "no cgroup v2 freezer:
 * /sys/fs/cgroup/unified has no cgroup.freeze"). */
int frz_attach(struct frz *f, pid_t pid, enum frz_method want, char *err, size_t errlen);

/* Freezes and waits, bounded, until the kernel says the process is frozen
 * (cgroup.events "frozen 1", freezer.state FROZEN, or state 'T' in
 * /proc/<pid>/stat). Returns 0, or -1 with err. */
int frz_freeze(struct frz *f, int timeout_ms, char *err, size_t errlen);
/* Thaws and waits, bounded, until it runs again. */
int frz_thaw(struct frz *f, int timeout_ms, char *err, size_t errlen);

/* Thaws if frozen, moves the process back (if it still exists) and removes
 * the cgroup. Safe to call twice and on a process that has died. */
void frz_release(struct frz *f);

const char *frz_method_name(enum frz_method m);

/* Removes nsfault-<owner>-* cgroups (thawing any process in them first) whose
 * owner is gone: no such process, a zombie (dead, not reaped yet), or its pid
 * reused by a process with another start time. Returns how many were removed. */
int frz_clean_stale(void);

#endif
