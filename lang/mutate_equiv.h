/* SPDX-License-Identifier: GPL-2.0-only */
/* mequiv_: the list of equivalent mutants — mutants that pass because the
 * kernel truly behaves the same, not because a case is weak (two reads of
 * independent sockets swapped). One a line:
 *
 *     cases/established/e6-peer-frozen.case:40 swap-observations  # why
 *
 * The reason is required: a reviewer must be able to check it. Blank lines
 * and lines starting with '#' are ignored. Pure: text in, entries out. */
#ifndef NSF_MUTATE_EQUIV_H
#define NSF_MUTATE_EQUIV_H

#include <stdbool.h>
#include <stddef.h>

struct mequiv {
	char path[256];         /* as written, without a leading "./" */
	int line;               /* the mutant's line in that case */
	char op[32];            /* the operator's name (lang/mutate.h) */
	char reason[256];
	int src_line;           /* its own line in the list */
	int matched;            /* mutants it matched in this run */
};

struct mequiv_list {
	struct mequiv *e;
	int n;
};

/* Parses text, the content of the list file named file. Returns 0, or -1 with
 * err "file:line:col: what was expected" (out is then empty). An unknown
 * operator name is an error too. */
int mequiv_parse(const char *file, const char *text, struct mequiv_list *out, char *err, size_t errlen);

/* The entry for the mutant of operator op at path:line, or NULL. A leading
 * "./" of path is ignored. */
struct mequiv *mequiv_find(struct mequiv_list *l, const char *path, int line, const char *op);

void mequiv_free(struct mequiv_list *l);

#endif
