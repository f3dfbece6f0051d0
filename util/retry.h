/* SPDX-License-Identifier: GPL-2.0-only */
/* retry_: re-checking a state that gives no event to wait on (a link's
 * operstate, a route, a TCP state), every POLL_INTERVAL_US, within a bound. */
#ifndef NSF_RETRY_H
#define NSF_RETRY_H

/* Calls check(arg) until it returns non-zero or timeout_ms have passed since
 * the first call, pausing POLL_INTERVAL_US between calls; check runs at least
 * once. check returns 1 when the state is there, 0 for not yet, -1 when it
 * never will be (its caller keeps why). Returns check's last non-zero result,
 * or 0 when the bound passed first. */
int retry_until(int (*check)(void *arg), void *arg, int timeout_ms);

#endif
