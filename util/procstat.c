/* SPDX-License-Identifier: GPL-2.0-only */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/procstat.h"

int proc_read(pid_t pid, const char *file, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, file);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	buf[n] = '\0';
	return 0;
}

int proc_stat(pid_t pid, char *state, pid_t *ppid, unsigned long long *start)
{
	char buf[1024], st;
	const char *p;
	unsigned long long v;
	int pp;

	if (proc_read(pid, "stat", buf, sizeof(buf)) < 0)
		return -1;
	if (!(p = strrchr(buf, ')')) || sscanf(p + 1, " %c %d", &st, &pp) != 2) {
		errno = EINVAL;
		return -1;
	}
	for (int field = 2; field < 22 && p; field++)   /* p is at field 2's end */
		if ((p = strchr(p + 1, ' ')) == NULL)
			break;
	if (!p || sscanf(p + 1, "%llu", &v) != 1) {
		errno = EINVAL;
		return -1;
	}
	if (state)
		*state = st;
	if (ppid)
		*ppid = pp;
	if (start)
		*start = v;
	return 0;
}
