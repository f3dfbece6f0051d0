/* SPDX-License-Identifier: GPL-2.0-only */
/* mtext_: a case file's text as lines, and rewriting whole lines of it. The
 * mutation operators (lang/mutate.h) say which lines to replace or delete;
 * this module gives back the new text, so that a mutant is a file the user
 * can read and the parser can check. Pure: no I/O. */
#ifndef NSF_MUTATE_TEXT_H
#define NSF_MUTATE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The text split into lines; line k (1-based) is at s[k - 1] with len[k - 1]
 * bytes, its newline included when it has one. Points into the text. */
struct mtext {
	const char **s;
	int *len;
	int n;
};

/* Returns 0, or -1 when out of memory. */
int mtext_split(const char *text, struct mtext *t);
void mtext_free(struct mtext *t);

/* Bytes of line k before its comment ('#' outside "..."), without the
 * newline and trailing blanks: the part the parser reads. */
int mtext_code_len(const struct mtext *t, int k);

/* The lines of step-at-line k: k and the continuation lines (`= ...`) that
 * follow it directly. Returns the last line of the block. */
int mtext_block_end(const struct mtext *t, int k);

/* One edit: line `line` is replaced by repl (which carries its own
 * newlines; "" deletes the line). */
struct mtext_edit {
	int line;
	const char *repl;
};

/* The text with the edits applied (at most one per line), malloc'd, or NULL
 * when out of memory. */
char *mtext_apply(const struct mtext *t, const struct mtext_edit *e, int ne);

/* Finds the word-th word (0-based; words are separated by blanks) in the code
 * part of line k. Returns its offset in the line and sets *wlen, or -1. */
int mtext_word(const struct mtext *t, int k, int word, int *wlen);

/* Line k with the len bytes at off replaced by word: malloc'd, or NULL. */
char *mtext_replace(const struct mtext *t, int k, int off, int len, const char *word);

/* Line k's code part, blanks collapsed, into buf: how reports show a line. */
void mtext_show(const struct mtext *t, int k, char *buf, size_t len);

#endif
