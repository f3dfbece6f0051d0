/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "util/procstat.h"
#include "util/procsyscall.h"

int proc_syscall(pid_t pid, long *nr, unsigned long *arg0)
{
	char buf[256];

	if (proc_read(pid, "syscall", buf, sizeof(buf)) < 0)
		return -1;
	if (strncmp(buf, "running", 7) == 0)
		return 0;
	if (sscanf(buf, "%ld %lx", nr, arg0) == 2)
		return *nr >= 0;
	if (sscanf(buf, "%ld", nr) == 1 && *nr == -1)
		return 0;
	errno = EINVAL;
	return -1;
}
