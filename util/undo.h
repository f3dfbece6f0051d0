/* SPDX-License-Identifier: GPL-2.0-only */
/* undo_: whatever creates something (a namespace, an agent, a rule) registers
 * its undo at that moment; teardown runs them newest first, also after a
 * failure. A case process has one registry. */
#ifndef NSF_UNDO_H
#define NSF_UNDO_H

#define UNDO_MAX 64

typedef void (*undo_fn)(void *arg);

/* Returns 0, or -1 when the registry is full (the caller must undo itself). */
int undo_push(undo_fn fn, void *arg);
/* Runs and forgets every registered undo, newest first. */
void undo_run_all(void);

#endif
