/* SPDX-License-Identifier: GPL-2.0-only */
/* err_, sig_: the names of errno values and signals, as case files write
 * them and reports print them: "ECONNRESET", "SIGKILL". Every part that names
 * an errno or a signal asks here, so all of them say the same. */
#ifndef NSF_ERRNAMES_H
#define NSF_ERRNAMES_H

/* "ECONNRESET" for ECONNRESET; "E<n>" for a value without a name (0 and
 * negative values included): never only a number. The string is static, or
 * for an unnamed value in a per-thread buffer that the thread's next unnamed
 * value overwrites. */
const char *err_name(int err);
/* The errno value named name ("ECONNRESET"), or -1. */
int err_value(const char *name);

/* "SIGKILL" for SIGKILL; "SIG<n>" for a value without a name (the real-time
 * signals among them). The string is in a per-thread buffer, valid until the
 * thread's next sig_name. */
const char *sig_name(int sig);
/* The signal named name ("SIGKILL"; the SIG prefix is required), or -1. */
int sig_value(const char *name);

#endif
