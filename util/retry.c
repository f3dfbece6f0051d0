/* SPDX-License-Identifier: GPL-2.0-only */
/* Bounded re-checking. */
#include <time.h>
#include "util/clock.h"
#include "util/retry.h"
#include "util/timeouts.h"

void retry_pause(unsigned *pause_us)
{
	const struct timespec ts = { *pause_us / 1000000, (long)(*pause_us % 1000000) * 1000L };

	(void)nanosleep(&ts, NULL);
	*pause_us = *pause_us * 2 < POLL_INTERVAL_MAX_US ? *pause_us * 2 : POLL_INTERVAL_MAX_US;
}

int retry_until(int (*check)(void *arg), void *arg, int timeout_ms)
{
	/* In microseconds: a deadline in whole milliseconds ends the wait up to
	 * 1 ms before timeout_ms have passed (seen: a 400 ms wait counter gave
	 * up after 399.x ms under make check's load). */
	long long deadline = clock_us() + timeout_ms * 1000LL;
	unsigned pause_us = POLL_INTERVAL_US;
	int r;

	/* The deadline bounds the loop whatever a pause does. */
	while ((r = check(arg)) == 0 && clock_us() < deadline)
		retry_pause(&pause_us);
	return r;
}
