/* SPDX-License-Identifier: GPL-2.0-only */
/* ns_clock_: the one monotonic clock every bounded wait and duration uses. */
#ifndef NSF_CLOCK_H
#define NSF_CLOCK_H

/* Microseconds and milliseconds of CLOCK_MONOTONIC (which cannot fail with a
 * valid pointer). */
long long ns_clock_us(void);
long long ns_clock_ms(void);

#endif
