/* SPDX-License-Identifier: GPL-2.0-only */
/* Probe for ci/probe/probe.sh: which ways to a writable net.* sysctl work in
 * this container, with the syscall and errno of each.
 *   mounts-probe          unshare(CLONE_NEWNET), then write net.ipv4.icmp_ratelimit
 *                         through /proc/sys, through a detached clone of /proc
 *                         (open_tree OPEN_TREE_CLONE) and through a new, never
 *                         attached procfs (fsopen/fsconfig/fsmount)
 *   mounts-probe mounts   the mount(2)/umount2(2) ways, in the caller's
 *                         (private) mount namespace
 *   mounts-probe sysctls  write every sysctl nsfault pins, a case or a
 *                         topology sets (router, poweroff) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <linux/mount.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/stat.h>

static const char *en(int e) { const char *n = strerrorname_np(e); return n ? n : "?"; }

static void try_write_at(const char *what, int dirfd, const char *rel, const char *value)
{
	int fd = openat(dirfd, rel, O_WRONLY | O_CLOEXEC);
	char buf[32] = "";
	if (fd < 0) { printf("  %-58s open(O_WRONLY) %s\n", what, en(errno)); return; }
	ssize_t n = write(fd, value, strlen(value));
	printf("  %-58s write %s %s", what, value, n == (ssize_t)strlen(value) ? "ok" : en(errno));
	close(fd);
	fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && read(fd, buf, sizeof(buf) - 1) > 0) printf(", now %s", buf); else printf("\n");
	if (fd >= 0) close(fd);
}

/* What nsfault writes: the pinned sysctls, then those cases set. */
static void sysctls(void)
{
	static const char *names[][2] = { { "net/ipv4/icmp_ratelimit", "0" }, { "net/ipv6/icmp/ratelimit", "0" },
		{ "net/ipv4/tcp_invalid_ratelimit", "0" }, { "net/ipv4/tcp_no_metrics_save", "1" },
		{ "net/ipv6/conf/all/accept_dad", "0" }, { "net/ipv6/conf/default/accept_dad", "0" },
		{ "net/ipv6/conf/default/router_solicitations", "0" }, { "net/ipv6/conf/default/accept_ra", "0" },
		{ "net/ipv4/tcp_syn_retries", "2" }, { "net/ipv4/tcp_syncookies", "0" },
		{ "net/ipv4/ip_forward", "1" }, { "net/ipv6/conf/all/forwarding", "1" },
		{ "net/ipv6/conf/default/disable_ipv6", "1" }, { NULL, NULL } };
	int sys = open("/proc/sys", O_RDONLY | O_DIRECTORY);
	for (int i = 0; names[i][0]; i++) try_write_at(names[i][0], sys, names[i][0], names[i][1]);
	close(sys);
}

#include <sys/mount.h>
static void rep(const char *what, int r) { printf("    %-70s %s\n", what, r == 0 ? "ok" : en(errno)); }

/* The mount(2) calls, in whatever namespaces the caller set up (run under unshare). */
static void mounts(void)
{
	mkdir("/tmp/p", 0755);
	rep("mount(\"proc\", \"/tmp/p\", \"proc\", 0)", mount("proc", "/tmp/p", "proc", 0, NULL));
	umount2("/tmp/p", MNT_DETACH);
	rep("mount(\"/proc\", \"/tmp/p\", MS_BIND) (not MS_REC)", mount("/proc", "/tmp/p", NULL, MS_BIND, NULL));
	umount2("/tmp/p", MNT_DETACH);
	rep("mount(\"/proc/sys\", MS_REMOUNT|MS_BIND|MS_NOSUID|MS_NODEV|MS_NOEXEC) (rw)",
	    mount(NULL, "/proc/sys", NULL, MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
	rep("umount2(\"/proc/sys\", 0)", umount2("/proc/sys", 0));
	rep("umount2(\"/proc/sys\", MNT_DETACH)", umount2("/proc/sys", MNT_DETACH));
	rep("mount(\"/sys/fs/cgroup/freezer\", MS_REMOUNT|MS_BIND|MS_NOSUID|MS_NODEV|MS_NOEXEC) (rw)",
	    mount(NULL, "/sys/fs/cgroup/freezer", NULL, MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "all";

	if (!strcmp(mode, "mounts")) { mounts(); return 0; }

	if (!strcmp(mode, "sysctls")) { sysctls(); return 0; }
	if (unshare(CLONE_NEWNET) < 0)
		printf("  unshare(CLONE_NEWNET): %s (probing in the container's own netns)\n", en(errno));
	else
		printf("  unshare(CLONE_NEWNET): ok\n");
	int sys = open("/proc/sys", O_RDONLY | O_DIRECTORY);
	try_write_at("/proc/sys/net/ipv4/icmp_ratelimit", sys, "net/ipv4/icmp_ratelimit", "0");
	/* A detached copy of /proc without its submounts (the read-only /proc/sys bind). */
	int t = syscall(SYS_open_tree, AT_FDCWD, "/proc", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
	if (t < 0) printf("  %-58s %s\n", "open_tree(\"/proc\", OPEN_TREE_CLONE)", en(errno));
	else try_write_at("open_tree(/proc, CLONE) + sys/net/ipv4/icmp_ratelimit", t, "sys/net/ipv4/icmp_ratelimit", "0");
	/* A new procfs instance through the new mount API, never attached. */
	int fs = syscall(SYS_fsopen, "proc", FSOPEN_CLOEXEC);
	if (fs < 0) printf("  %-58s %s\n", "fsopen(\"proc\")", en(errno));
	else if (syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) < 0) printf("  %-58s %s\n", "fsconfig(FSCONFIG_CMD_CREATE)", en(errno));
	else {
		int m = syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC, 0);
		if (m < 0) printf("  %-58s %s\n", "fsmount(proc)", en(errno));
		else try_write_at("fsmount(proc) + sys/net/ipv4/icmp_ratelimit", m, "sys/net/ipv4/icmp_ratelimit", "0");
	}
	return 0;
}
