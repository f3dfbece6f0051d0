/* SPDX-License-Identifier: GPL-2.0-only */
/* proc_syscall: whether a process sleeps inside a system call, from
 * /proc/<pid>/syscall ("running"; "-1 sp pc" outside any call; else the
 * call's number and arguments). Reading it needs ptrace access to the
 * process (a child of ours, as root or in our own user namespace, has it). */
#ifndef NSF_PROCSYSCALL_H
#define NSF_PROCSYSCALL_H

#include <sys/types.h>

/* 1 when pid is blocked inside a system call: *nr its number, *arg0 its
 * first argument; 0 when it is running or not inside one; -1 with errno
 * when the file cannot be read (ENOENT: no such process; EACCES, EPERM: no
 * ptrace access; EINVAL: an unreadable format). */
int proc_syscall(pid_t pid, long *nr, unsigned long *arg0);

#endif
