/* SPDX-License-Identifier: GPL-2.0-only */
/* errno and signal names. glibc knows every one (strerrorname_np and
 * sigabbrev_np, glibc >= 2.32); asking it keeps these from drifting from the
 * C library. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "util/errnames.h"

/* Above every errno Linux defines (EHWPOISON is 133). */
#define ERR_MAX 200

const char *err_name(int err)
{
	static __thread char buf[16];
	const char *n = err > 0 ? strerrorname_np(err) : NULL;

	if (n)
		return n;
	snprintf(buf, sizeof(buf), "E<%d>", err);
	return buf;
}

int err_value(const char *name)
{
	for (int e = 1; e < ERR_MAX; e++) {
		const char *n = strerrorname_np(e);

		if (n && strcmp(n, name) == 0)
			return e;
	}
	return -1;
}

const char *sig_name(int sig)
{
	static __thread char buf[16];
	const char *abbrev = sig > 0 ? sigabbrev_np(sig) : NULL;

	if (abbrev)
		snprintf(buf, sizeof(buf), "SIG%s", abbrev);
	else
		snprintf(buf, sizeof(buf), "SIG<%d>", sig);
	return buf;
}

int sig_value(const char *name)
{
	if (strncmp(name, "SIG", 3) != 0)
		return -1;
	for (int sig = 1; sig < NSIG; sig++) {
		const char *abbrev = sigabbrev_np(sig);

		if (abbrev && strcmp(abbrev, name + 3) == 0)
			return sig;
	}
	return -1;
}
