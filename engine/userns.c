/* SPDX-License-Identifier: GPL-2.0-only */
/* userns_: a user namespace of one's own when there is no CAP_SYS_ADMIN. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "engine/userns.h"

#define CAP_SYS_ADMIN_BIT 21

static bool userns_done;

static int userns_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), saved;
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

int userns_enter(void)
{
	char map[64];
	unsigned uid = (unsigned)geteuid(), gid = (unsigned)getegid();
	const char *no = getenv("NSFAULT_NO_USERNS");

	/* The way to see what a user without the privilege gets, and to keep
	 * a run to the namespaces it was given. */
	if (no && *no && strcmp(no, "0") != 0) {
		errno = EPERM;
		return -1;
	}
	if (unshare(CLONE_NEWUSER | CLONE_NEWNET) < 0)
		return -1;
	/* setgroups must be denied before an unprivileged gid_map write. */
	if (userns_write("/proc/self/setgroups", "deny") < 0 && errno != ENOENT)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", uid);
	if (userns_write("/proc/self/uid_map", map) < 0)
		return -1;
	snprintf(map, sizeof(map), "0 %u 1\n", gid);
	if (userns_write("/proc/self/gid_map", map) < 0)
		return -1;
	userns_done = true;
	return 0;
}

bool userns_entered(void)
{
	return userns_done;
}

/* A field of /proc/self/status ("CapEff", "Seccomp"), or "" when absent. */
static void status_field(const char *name, char *out, size_t len)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	size_t n = strlen(name);

	out[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, name, n) == 0 && line[n] == ':') {
			snprintf(out, len, "%s", line + n + 1 + strspn(line + n + 1, " \t"));
			out[strcspn(out, "\n")] = '\0';
			break;
		}
	fclose(f);
}

void userns_explain(int err, char *buf, size_t len)
{
	char cap[32], sec[16];
	bool admin;

	status_field("CapEff", cap, sizeof(cap));
	status_field("Seccomp", sec, sizeof(sec));
	admin = (strtoull(cap, NULL, 16) >> CAP_SYS_ADMIN_BIT) & 1;
	if (err == EINVAL)
		snprintf(buf, len, "this kernel lacks network namespaces (CONFIG_NET_NS)");
	else if (err != EPERM)
		snprintf(buf, len, "unexpected");
	else if (!admin)
		snprintf(buf, len,
			 "uid %u without CAP_SYS_ADMIN (CapEff %s)%s, and no user namespace could be made instead: "
			 "run as root with --cap-add NET_ADMIN --cap-add SYS_ADMIN, or --privileged",
			 (unsigned)geteuid(), cap, strcmp(sec, "0") ? " under a seccomp filter" : "");
	else
		snprintf(buf, len,
			 "CAP_SYS_ADMIN is there but a seccomp filter (Seccomp %s) refuses unshare: "
			 "run with --security-opt seccomp=unconfined, or --privileged", sec);
}
