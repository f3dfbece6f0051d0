/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_: network namespaces held by file descriptor.
 *
 * A namespace is created with unshare() and immediately left again; it stays
 * alive only as long as its fd is open (or a process lives in it), so a run that
 * dies for any reason, even SIGKILL, leaves no namespace behind: nothing is
 * mounted under /run/netns. The process calling these must be single-threaded
 * (setns() on a multi-threaded process only moves the calling thread). */
#ifndef NSF_NS_H
#define NSF_NS_H

#include <stdbool.h>
#include "netns/nl.h"
#include "util/proc.h"

struct ns {
	int fd;               /* open /proc/<pid>/ns/net of the namespace, -1 when none */
	struct nl_conn *nl;   /* rtnetlink connection bound inside the namespace */
	char name[32];        /* for messages only */
};

/* Creates a fresh network namespace, opens an rtnetlink connection inside it,
 * brings its loopback up and returns the caller to the namespace it was in.
 * On failure nothing is left and e says what is missing (e.g. EPERM: needs
 * CAP_SYS_ADMIN). */
int ns_create(struct ns *ns, const char *name, struct nl_error *e);

/* Closes the connection and the fd; the kernel frees the namespace once no
 * process lives in it. Safe on a zeroed/failed ns (fd -1, nl NULL). */
void ns_destroy(struct ns *ns);

/* Moves the calling thread into ns. Returns 0 or -1 with errno. */
int ns_enter(const struct ns *ns);

/* Runs fn(arg) with the caller temporarily inside ns, then returns to the
 * caller's namespace. Returns fn's result, or -1 with e filled if switching
 * namespaces failed. */
int ns_within(const struct ns *ns, int (*fn)(void *arg), void *arg, struct nl_error *e);

/* Runs the program path as proc_exec (util/proc.h) does, started from inside
 * ns so that it begins there. Returns proc_exec's result; when switching
 * namespaces failed, -1 with e filled and end PROC_FAILED naming setns. */
int ns_exec(const struct ns *ns, const char *path, char *const argv[], char *const envp[],
	    struct proc_out *out, struct proc_out *err, int timeout_ms, struct proc_end *end,
	    struct nl_error *e);

#endif
