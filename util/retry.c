/* SPDX-License-Identifier: GPL-2.0-only */
/* Bounded re-checking. */
#include <time.h>
#include "util/clock.h"
#include "util/retry.h"
#include "util/timeouts.h"

int retry_until(int (*check)(void *arg), void *arg, int timeout_ms)
{
	const struct timespec pause = { POLL_INTERVAL_US / 1000000, (POLL_INTERVAL_US % 1000000) * 1000L };
	long long deadline = clock_ms() + timeout_ms;
	int r;

	while ((r = check(arg)) == 0 && clock_ms() < deadline)
		/* EINTR only shortens one pause; the deadline still bounds the loop. */
		(void)nanosleep(&pause, NULL);
	return r;
}
