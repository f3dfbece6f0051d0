/* SPDX-License-Identifier: GPL-2.0-only */
/* The undo registry. */
#include <stddef.h>
#include "util/undo.h"

static struct { undo_fn fn; void *arg; } undo_stack[UNDO_MAX];
static int undo_depth;

int undo_push(undo_fn fn, void *arg)
{
	if (undo_depth == UNDO_MAX)
		return -1;
	undo_stack[undo_depth].fn = fn;
	undo_stack[undo_depth].arg = arg;
	undo_depth++;
	return 0;
}

void undo_run_all(void)
{
	while (undo_depth > 0) {
		undo_depth--;
		undo_stack[undo_depth].fn(undo_stack[undo_depth].arg);
	}
}
