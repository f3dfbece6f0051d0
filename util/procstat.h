/* SPDX-License-Identifier: GPL-2.0-only */
/* proc_stat: what /proc/<pid>/stat says of a process, read in one place so
 * that the command name (which may hold spaces and ')') is skipped alike
 * everywhere: after its last ')' come the state (field 3), the parent
 * (field 4) and, 18 fields on, the start time (field 22). */
#ifndef NSF_PROCSTAT_H
#define NSF_PROCSTAT_H

#include <stddef.h>
#include <sys/types.h>

/* /proc/<pid>/<file> whole (one read: the short files of a process),
 * NUL-terminated in buf. Returns 0, or -1 with errno. */
int proc_read(pid_t pid, const char *file, char *buf, size_t len);

/* Fills each non-NULL pointer: the state letter, the parent's pid, the start
 * time in clock ticks since boot. Returns 0, or -1 with errno (ENOENT or
 * ESRCH: no such process; EINVAL: an unreadable format). */
int proc_stat(pid_t pid, char *state, pid_t *ppid, unsigned long long *start);

#endif
