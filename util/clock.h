/* SPDX-License-Identifier: GPL-2.0-only */
/* clock_: the one monotonic clock every bounded wait and duration uses. */
#ifndef NSF_CLOCK_H
#define NSF_CLOCK_H

/* Microseconds and milliseconds of CLOCK_MONOTONIC (which cannot fail with a
 * valid pointer). */
long long clock_us(void);
long long clock_ms(void);

#endif
