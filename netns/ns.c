/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_: network namespaces held by file descriptor. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "netns/link_msg.h"
#include "netns/ns.h"

#define NS_SELF "/proc/self/ns/net"

static int ns_fail(struct nl_error *e, int err, const char *what, const char *name)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%s %s", what, name);
	/* EPERM: no CAP_SYS_ADMIN over this network namespace, or a seccomp
	 * filter refusing unshare/setns (Docker's default profile does so for a
	 * container without CAP_SYS_ADMIN). */
	nl_set_error(e, err, buf, err == EPERM ?
		     "needs CAP_SYS_ADMIN (--cap-add SYS_ADMIN) or a user namespace of nsfault's own; "
		     "Docker's default seccomp profile refuses unshare without CAP_SYS_ADMIN" : NULL);
	return -1;
}

/* Without lo up, even traffic to the namespace's own addresses fails. The
 * request is built here rather than through ns_link_set_up: netns/link sits
 * above this module. */
static int ns_lo_up(struct ns *ns, struct nl_error *e)
{
	char buf[NL_BUFSZ], what[64];

	snprintf(what, sizeof(what), "setting %s:lo up", ns->name);
	return nl_talk(ns->nl, ns_link_updown_msg(ns->nl, buf, "lo", true), NULL, NULL, what, e);
}

/* The part of ns_create that runs inside the new namespace: everything that
 * must be bound to it (the fd, the rtnetlink socket) is opened here. */
static int ns_populate(struct ns *ns, struct nl_error *e)
{
	ns->fd = open(NS_SELF, O_RDONLY | O_CLOEXEC);
	if (ns->fd < 0)
		return ns_fail(e, errno, "opening " NS_SELF " of namespace", ns->name);
	ns->nl = nl_open(e);
	if (!ns->nl)
		return -1;
	return ns_lo_up(ns, e);
}

static void ns_release(struct ns *ns)
{
	nl_close(ns->nl);
	ns->nl = NULL;
	if (ns->fd >= 0)
		close(ns->fd);
	ns->fd = -1;
}

int ns_create(struct ns *ns, const char *name, struct nl_error *e)
{
	int orig, ret;

	ns->fd = -1;
	ns->nl = NULL;
	snprintf(ns->name, sizeof(ns->name), "%s", name);
	orig = open(NS_SELF, O_RDONLY | O_CLOEXEC);
	if (orig < 0)
		return ns_fail(e, errno, "opening " NS_SELF " before creating namespace", name);
	if (unshare(CLONE_NEWNET) < 0) {
		ret = ns_fail(e, errno, "creating network namespace", name);
		close(orig);
		return ret;
	}
	ret = ns_populate(ns, e);
	if (ret < 0)
		ns_release(ns);
	/* Going back matters more than anything that failed inside. */
	if (setns(orig, CLONE_NEWNET) < 0) {
		ret = ns_fail(e, errno, "returning to the original namespace after creating", name);
		ns_release(ns);
	}
	close(orig);
	return ret;
}

void ns_destroy(struct ns *ns)
{
	/* A created ns always has a connection; without one the struct is failed
	 * (fd -1) or merely zeroed, and its fd 0 is stdin, not a namespace. */
	if (!ns->nl && ns->fd == 0)
		return;
	ns_release(ns);
}

int ns_enter(const struct ns *ns)
{
	return setns(ns->fd, CLONE_NEWNET);
}

int ns_within(const struct ns *ns, int (*fn)(void *arg), void *arg, struct nl_error *e)
{
	int orig, ret, saved, back;

	orig = open(NS_SELF, O_RDONLY | O_CLOEXEC);
	if (orig < 0)
		return ns_fail(e, errno, "opening " NS_SELF " before entering namespace", ns->name);
	if (ns_enter(ns) < 0) {
		ret = ns_fail(e, errno, "entering namespace", ns->name);
		close(orig);
		return ret;
	}
	ret = fn(arg);
	saved = errno;
	back = setns(orig, CLONE_NEWNET);
	if (back < 0)
		ret = ns_fail(e, errno, "returning to the original namespace from", ns->name);
	close(orig);
	if (back == 0)
		errno = saved;	/* fn's errno is part of its result */
	return ret;
}

struct ns_exec_call {
	const char *path;
	char *const *argv, *const *envp;
	struct proc_out *out, *err;
	int timeout_ms;
	struct proc_end *end;
};

static int ns_exec_in(void *arg)
{
	struct ns_exec_call *x = arg;

	return proc_exec(x->path, x->argv, x->envp, x->out, x->err, x->timeout_ms, x->end);
}

int ns_exec(const struct ns *ns, const char *path, char *const argv[], char *const envp[],
	    struct proc_out *out, struct proc_out *err, int timeout_ms, struct proc_end *end,
	    struct nl_error *e)
{
	struct ns_exec_call x = { path, argv, envp, out, err, timeout_ms, end };

	int r;

	*end = (struct proc_end){ .how = PROC_FAILED, .code = EINVAL, .call = "setns" };
	r = ns_within(ns, ns_exec_in, &x, e);
	if (e->err)
		*end = (struct proc_end){ .how = PROC_FAILED, .code = e->err, .call = "setns" };
	return r;
}
