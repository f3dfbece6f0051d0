/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_sysctl_: per-namespace sysctls. /proc/sys/net/ shows the namespace of the
 * process that opens the file, so each access briefly enters the namespace. */
#ifndef NSF_SYSCTL_H
#define NSF_SYSCTL_H

#include <stdbool.h>
#include <stddef.h>
#include "netns/ns.h"

/* Maps "net.ipv4.icmp_ratelimit" to "/proc/sys/net/ipv4/icmp_ratelimit".
 * Returns 0 or -1 (EINVAL: not a dotted net.* name, or too long). Only net.*
 * names are accepted: other sysctls are not per namespace, so writing one
 * "inside" a namespace would change the host. Pure. */
int ns_sysctl_path(const char *name, char *path, size_t len);

/* Writes value to sysctl name inside ns. ENOENT in e means this kernel has no
 * such sysctl. Where /proc/sys is mounted read-only (containers), the write
 * goes through a detached procfs of this process's own (fsopen/fsmount, else
 * open_tree(OPEN_TREE_CLONE) of /proc); where no write is possible, a sysctl
 * that already has the value counts as written; otherwise e->err is EROFS,
 * EACCES or EPERM (see ns_sysctl_denied) and e->text says which container
 * flags would allow it. */
int ns_sysctl_write(struct ns *ns, const char *name, const char *value, struct nl_error *e);

/* Closes the detached procfs ns_sysctl_write made, if any, so that the next
 * write that needs one makes it anew: for a process whose mounts or seccomp
 * filter changed since (tests of each way). */
void ns_sysctl_forget_proc(void);

/* Whether err from ns_sysctl_write means the environment forbids sysctl
 * writes (a container's read-only /proc/sys, no privilege), not a fault. */
bool ns_sysctl_denied(int err);

/* Reads sysctl name inside ns into buf (trailing newline removed). */
int ns_sysctl_read(struct ns *ns, const char *name, char *buf, size_t len, struct nl_error *e);

#endif
