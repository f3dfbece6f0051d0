/* SPDX-License-Identifier: GPL-2.0-only */
/* pinned_: the sysctls every namespace of a run gets before anything else, to
 * remove known sources of nondeterminism. One table, documented in README.md. */
#ifndef NSF_PINNED_H
#define NSF_PINNED_H

struct pinned_sysctl {
	const char *name;
	const char *value;
	int family;             /* 0: always; AF_INET6: only where IPv6 is in use */
	const char *why;
};

/* NULL-terminated. */
extern const struct pinned_sysctl pinned_sysctls[];

#endif
