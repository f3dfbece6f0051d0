/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_sysctl_: per-namespace sysctls, read and written from inside the namespace. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>

#include "netns/sysctl.h"

#define SYSCTL_ROOT "/proc/sys/"
#define PROC_ROOT "/proc/"

/* A procfs of this process's own whose sys/ is writable: -2 not tried yet, -1
 * none could be made. Containers (Docker's ReadonlyPaths) bind /proc/sys
 * read-only over /proc; a fresh procfs instance, or a clone of the /proc mount
 * alone (not of the bind on top of it), has no such bind. Both are detached:
 * they exist only as this fd and vanish with it, nothing is mounted anywhere.
 * /proc/sys/net shows the namespace of whoever opens the file, so the one fd
 * serves every namespace. */
static int sysctl_procfd = -2;

static int sysctl_fresh_proc(void)
{
	int fs = fsopen("proc", FSOPEN_CLOEXEC), mnt = -1;

	if (fs < 0)
		return -1;
	if (fsconfig(fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		mnt = fsmount(fs, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	close(fs);
	return mnt;
}

static int sysctl_writable_proc(void)
{
	if (sysctl_procfd == -2) {
		sysctl_procfd = sysctl_fresh_proc();
		if (sysctl_procfd < 0)
			sysctl_procfd = open_tree(AT_FDCWD, PROC_ROOT, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);
		if (sysctl_procfd < 0)
			sysctl_procfd = -1;
	}
	return sysctl_procfd;
}

void ns_sysctl_forget_proc(void)
{
	if (sysctl_procfd >= 0)
		close(sysctl_procfd);
	sysctl_procfd = -2;
}

/* Opens path (under /proc/sys/) for writing; when the mounted /proc/sys is
 * read-only, through a detached procfs instead. The first errno is kept when
 * the second way fails too: it names what the container does. */
static int sysctl_open_write(const char *path)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), saved = errno, proc;

	if (fd >= 0 || saved != EROFS)
		return fd;
	proc = sysctl_writable_proc();
	if (proc >= 0)
		fd = openat(proc, path + strlen(PROC_ROOT), O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		errno = saved;
	return fd;
}

static bool sysctl_char_ok(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == '.' || ch == '/';
}

/* Rejects empty components and those that would become "." or ".." (a
 * component of slashes) so that a name cannot climb out of /proc/sys/net. */
static bool sysctl_components_ok(const char *name)
{
	const char *p = name;

	while (*p) {
		size_t n = strcspn(p, ".");
		size_t slashes = strspn(p, "/");

		if (n == 0 || slashes >= n)
			return false;
		p += n;
		if (*p == '.' && *++p == '\0')
			return false;
	}
	return true;
}

/* Only net.* names: the others are not per namespace, and writing one "inside"
 * a namespace would change the whole host. */
static bool sysctl_name_ok(const char *name)
{
	if (strncmp(name, "net.", 4) != 0)
		return false;
	for (const char *p = name; *p; p++)
		if (!sysctl_char_ok(*p))
			return false;
	return sysctl_components_ok(name);
}

int ns_sysctl_path(const char *name, char *path, size_t len)
{
	size_t root = strlen(SYSCTL_ROOT), n = strlen(name);

	if (!sysctl_name_ok(name) || root + n + 1 > len) {
		errno = EINVAL;
		return -1;
	}
	memcpy(path, SYSCTL_ROOT, root);
	/* sysctl(8) spells a '.' inside a component (eth0.100) as '/'. */
	for (size_t i = 0; i <= n; i++)
		path[root + i] = name[i] == '.' ? '/' : name[i] == '/' ? '.' : name[i];
	return 0;
}

/* What runs inside the namespace; err carries errno back out. */
struct sysctl_io {
	const char *path;
	const char *value;	/* write */
	char *buf;		/* read */
	size_t len;
	int err;
};

static int sysctl_write_in(void *arg)
{
	struct sysctl_io *io = arg;
	size_t n = strlen(io->value);
	int fd = sysctl_open_write(io->path);
	ssize_t w;

	if (fd < 0) {
		io->err = errno;
		return -1;
	}
	/* procfs takes a sysctl value in one write; a short write is a failure. */
	w = write(fd, io->value, n);
	if (w < 0)
		io->err = errno;
	else if ((size_t)w != n)
		io->err = EIO;
	if (close(fd) < 0 && !io->err)
		io->err = errno;
	return io->err ? -1 : 0;
}

static int sysctl_read_in(void *arg)
{
	struct sysctl_io *io = arg;
	int fd = open(io->path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		io->err = errno;
		return -1;
	}
	n = read(fd, io->buf, io->len - 1);
	if (n < 0)
		io->err = errno;
	close(fd);	/* read-only: nothing to lose on close */
	if (n < 0)
		return -1;
	/* Every sysctl value ends in a newline; without one it did not fit. */
	if (n == 0 || io->buf[n - 1] != '\n') {
		io->err = n == 0 ? ENODATA : ERANGE;
		return -1;
	}
	io->buf[n - 1] = '\0';
	return 0;
}

static int sysctl_run(struct ns *ns, const char *name, struct sysctl_io *io,
		      int (*fn)(void *), const char *what, struct nl_error *e)
{
	char path[256];

	if (ns_sysctl_path(name, path, sizeof(path)) < 0) {
		nl_set_error(e, EINVAL, what, "not a net.* sysctl name");
		return -1;
	}
	io->path = path;
	if (ns_within(ns, fn, io, e) == 0)
		return 0;
	if (io->err)	/* else ns_within has filled e */
		nl_set_error(e, io->err, what, io->err == ENOENT ? "no such sysctl here" : NULL);
	return -1;
}

/* What to do when the container does not let a sysctl be written. */
static const char *sysctl_denied_hint(int err)
{
	if (err == EROFS)
		return "/proc/sys is read-only here: run with --security-opt systempaths=unconfined "
		       "(podman: unmask=ALL), or --privileged";
	return "/proc/sys is not writable here: run as root with --cap-add SYS_ADMIN, or --privileged";
}

bool ns_sysctl_denied(int err)
{
	return err == EROFS || err == EACCES || err == EPERM;
}

/* A write that is not allowed still succeeds when the value is already
 * there: e.g. a per-namespace default that equals the wanted value. */
static bool sysctl_already(struct ns *ns, const char *name, const char *value)
{
	char path[256], buf[128];
	struct sysctl_io io = { .path = path, .buf = buf, .len = sizeof(buf) };
	struct nl_error e = { 0 };

	return ns_sysctl_path(name, path, sizeof(path)) == 0 &&
	       ns_within(ns, sysctl_read_in, &io, &e) == 0 && strcmp(buf, value) == 0;
}

int ns_sysctl_write(struct ns *ns, const char *name, const char *value, struct nl_error *e)
{
	struct sysctl_io io = { .value = value };
	char what[192];
	int err;

	snprintf(what, sizeof(what), "writing sysctl %s=%s in %s", name, value, ns->name);
	if (sysctl_run(ns, name, &io, sysctl_write_in, what, e) == 0)
		return 0;
	err = e->err;
	if (!io.err || !ns_sysctl_denied(err))
		return -1;
	if (sysctl_already(ns, name, value))
		return 0;
	nl_set_error(e, err, what, sysctl_denied_hint(err));
	return -1;
}

int ns_sysctl_read(struct ns *ns, const char *name, char *buf, size_t len, struct nl_error *e)
{
	struct sysctl_io io = { .buf = buf, .len = len };
	char what[192];

	snprintf(what, sizeof(what), "reading sysctl %s in %s", name, ns->name);
	if (len < 2) {
		nl_set_error(e, ERANGE, what, "buffer too small");
		return -1;
	}
	return sysctl_run(ns, name, &io, sysctl_read_in, what, e);
}
