/* SPDX-License-Identifier: GPL-2.0-only */
/* retry_: re-checking a state that gives no event to wait on (a link's
 * operstate, a route, a TCP state), within a bound: first after
 * POLL_INTERVAL_US, then at doubling intervals up to POLL_INTERVAL_MAX_US. */
#ifndef NSF_RETRY_H
#define NSF_RETRY_H

/* Calls check(arg) until it returns non-zero or timeout_ms have passed since
 * the first call, pausing as retry_pause does between calls; check runs at least
 * once. check returns 1 when the state is there, 0 for not yet, -1 when it
 * never will be (its caller keeps why). Returns check's last non-zero result,
 * or 0 when the bound passed first. */
int retry_until(int (*check)(void *arg), void *arg, int timeout_ms);

/* One pause of such a loop: sleeps *pause_us (start it at POLL_INTERVAL_US),
 * then doubles it up to POLL_INTERVAL_MAX_US. For loops that keep their own
 * state between looks (actions/socket_ops.c). EINTR only shortens a pause. */
void retry_pause(unsigned *pause_us);

#endif
