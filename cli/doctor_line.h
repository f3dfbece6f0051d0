/* SPDX-License-Identifier: GPL-2.0-only */
/* doctor_line: the lines `nsfault doctor` prints, and what its checks found
 * that decides which container flags would let everything run. */
#ifndef NSF_DOCTOR_LINE_H
#define NSF_DOCTOR_LINE_H

#include <stdbool.h>
#include <stdio.h>

struct doctor_facts {
	unsigned uid;           /* as started */
	bool net_admin;         /* CAP_NET_ADMIN root has here (as started: before any user namespace) */
	bool sys_admin;         /* CAP_SYS_ADMIN likewise */
	bool no_netns;          /* no network namespace, not even in a user namespace */
	bool in_userns;         /* namespaces only inside a user namespace of our own */
	bool sysctl_denied;     /* no sysctl write in a namespace, by any way */
	bool sysctl_ro;         /* /proc/sys mounted read-only (written through a private procfs) */
	bool apparmor;          /* confined by an AppArmor profile */
	bool no_net_raw;        /* no CAP_NET_RAW: no capture */
	bool cgroup_ro;         /* a cgroup freezer is mounted, but read-only */
	int freezer;            /* enum frz_method the cases will freeze with, -1: none */
};

/* Prints "ok", "MISS" (an alternative or an option some cases need: they
 * will skip) or "FAIL" (an essential: nothing can run), what was checked
 * and the detail. Returns 1 for a missing essential, else 0. */
int doctor_line(FILE *out, bool ok, bool essential, const char *what, const char *detail);

/* An "info" line: a fact, not a check. */
void doctor_info(FILE *out, const char *what, const char *detail);

#endif
