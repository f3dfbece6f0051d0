/* SPDX-License-Identifier: GPL-2.0-only */
/* The monotonic clock. */
#include <time.h>
#include "util/clock.h"

long long clock_us(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

long long clock_ms(void)
{
	return clock_us() / 1000;
}
