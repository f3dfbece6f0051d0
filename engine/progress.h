/* SPDX-License-Identifier: GPL-2.0-only */
/* prog_: the run's progress on stderr — done/total, failures so far, running,
 * elapsed — redrawn in place, only when stderr is a terminal (elsewhere, a
 * log or CI, it says nothing: the report on stdout is the record). */
#ifndef NSF_PROGRESS_H
#define NSF_PROGRESS_H

#include <stdbool.h>

struct progress {
	bool on;                /* stderr is a terminal */
	bool shown;             /* a line is on screen and must be cleared first */
	long long start_ms;
	int total;
};

void prog_init(struct progress *p, int total);
/* Clears the line before something else is printed to the terminal. */
void prog_clear(struct progress *p);
void prog_show(struct progress *p, int done, int failed, int running);

#endif
