/* SPDX-License-Identifier: GPL-2.0-only */
/* userns_: running where creating a network namespace needs a user namespace
 * (no CAP_SYS_ADMIN: Podman's default, a non-root user). */
#ifndef NSF_USERNS_H
#define NSF_USERNS_H

#include <stdbool.h>
#include <stddef.h>

/* Moves the calling process into a new user namespace, where it is root
 * (its uid and gid mapped to 0), together with a new network namespace of
 * that user namespace: the "home" every namespace nsfault makes is created
 * from and returned to (setns back to the container's own namespace would
 * need CAP_SYS_ADMIN where that namespace belongs). Must be called before
 * any thread exists. Returns 0, or -1 with errno (EPERM: user namespaces
 * are not allowed here). */
int userns_enter(void);
/* NSFAULT_NO_USERNS=1 in the environment turns it off (it fails with EPERM). */

/* Whether this process is in a user namespace userns_enter made. */
bool userns_entered(void);

/* Why creating a network namespace failed with err, for a message: names
 * the missing capability or the seccomp filter, read from /proc/self/status,
 * and the flags that would allow it. */
void userns_explain(int err, char *buf, size_t len);

#endif
