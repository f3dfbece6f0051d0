/* SPDX-License-Identifier: GPL-2.0-only */
#include <stdio.h>
#include <unistd.h>
#include "util/clock.h"
#include "engine/progress.h"

void prog_init(struct progress *p, int total)
{
	*p = (struct progress){ .on = isatty(STDERR_FILENO) == 1, .start_ms = clock_ms(),
				.total = total };
}

void prog_clear(struct progress *p)
{
	if (!p->shown)
		return;
	/* Carriage return and erase to the end of the line (ECMA-48 EL). */
	fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = false;
}

void prog_show(struct progress *p, int done, int failed, int running)
{
	long long s = (clock_ms() - p->start_ms) / 1000;

	if (!p->on)
		return;
	fprintf(stderr, "\r\033[K[%d/%d] %d failed, %d running, %lld:%02lld", done, p->total, failed,
		running, s / 60, s % 60);
	fflush(stderr);
	p->shown = true;
}
