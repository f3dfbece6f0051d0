/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/procsyscall.h"

int proc_syscall(pid_t pid, long *nr, unsigned long *arg0)
{
	char path[64], buf[256];
	ssize_t n;
	int fd, e;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	e = errno;
	close(fd);
	if (n < 0) {
		errno = e;
		return -1;
	}
	buf[n] = '\0';
	if (strncmp(buf, "running", 7) == 0)
		return 0;
	if (sscanf(buf, "%ld %lx", nr, arg0) == 2)
		return *nr >= 0;
	if (sscanf(buf, "%ld", nr) == 1 && *nr == -1)
		return 0;
	errno = EINVAL;
	return -1;
}
