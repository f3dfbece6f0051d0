/* SPDX-License-Identifier: GPL-2.0-only */
/* dur_: how long each variant took last time, so that the runner can start
 * the longest first (a long variant started last would set the run's wall
 * time alone). A small text file, one "ms family backend path" line per
 * variant: build/durations when run from a checkout (./build and ./cases
 * exist), else $XDG_CACHE_HOME/nsfault/durations or ~/.cache/nsfault/durations.
 * Never required: a missing, unreadable or malformed file only means
 * estimates, and a file that cannot be written is ignored. */
#ifndef NSF_DURATIONS_H
#define NSF_DURATIONS_H

#include "lang/case.h"

struct dur_cache;

/* Reads the cache file; never NULL unless out of memory. */
struct dur_cache *dur_load(void);

/* The last duration of c's variant v in ms, or when unknown an estimate from
 * the case: the sum of its steps' waits and `after` bounds. */
long dur_expected(const struct dur_cache *d, const struct case_file *c, const struct variant *v);

/* Remembers a measured duration (in memory). */
void dur_record(struct dur_cache *d, const struct case_file *c, const struct variant *v, long ms);

/* Writes the file (silently gives up on failure) and frees d. */
void dur_save(struct dur_cache *d);

#endif
