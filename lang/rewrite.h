/* SPDX-License-Identifier: GPL-2.0-only */
/* rw_: rewriting a case file's expectations in its text, for `nsfault
 * record`. Pure: text in, text out. Only the expectation part of a line
 * changes; the call, its alignment (the column of '=') and a trailing
 * comment stay as the author wrote them. */
#ifndef NSF_REWRITE_H
#define NSF_REWRITE_H

#include <stdbool.h>
#include <stddef.h>

/* `= ?` at the end of a step line (before an optional comment) asks record
 * to fill in what the kernel answers. Copies text to out (same length)
 * with each such `= ?` blanked, so the parser sees a step that must merely
 * succeed, and sets asked[line] for those lines (lines count from 1;
 * asked has nlines + 1 entries, nlines counting a last line without '\n').
 * Returns the number of lines asked about. */
int rw_blank_placeholders(const char *text, char *out, bool *asked, int nlines);

/* Lines in text (a last line without '\n' counts). */
int rw_count_lines(const char *text);

/* One line's new expectation: `= expr` written at column col (1-based, the
 * column of its '=' or, for a line that had none, where `= ?` stood), and
 * further lines `= expr2 if GUARD` below it, aligned under its '='. Any
 * continuation lines the step had are replaced. */
struct rw_edit {
	int line;               /* the step's line */
	int col;                /* column of '=' */
	int ncont;              /* continuation lines the step has now, to drop */
	char expr[96];          /* "-1 ECONNRESET" */
	char cont[96 + 16];     /* "1428 if family ipv6", or "": an expr and its guard */
};

/* Applies edits (in any order, one per line) to text. Returns a new
 * malloc'ed text, or NULL when out of memory. */
char *rw_apply(const char *text, const struct rw_edit *edits, int n);

#endif
