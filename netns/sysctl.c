/* ns_sysctl_: per-namespace sysctls, read and written from inside the namespace. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netns/sysctl.h"

#define SYSCTL_ROOT "/proc/sys/"

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
	int fd = open(io->path, O_WRONLY | O_CLOEXEC);
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

int ns_sysctl_write(struct ns *ns, const char *name, const char *value, struct nl_error *e)
{
	struct sysctl_io io = { .value = value };
	char what[192];

	snprintf(what, sizeof(what), "writing sysctl %s=%s in %s", name, value, ns->name);
	return sysctl_run(ns, name, &io, sysctl_write_in, what, e);
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
