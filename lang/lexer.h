/* SPDX-License-Identifier: GPL-2.0-only */
/* lex_: splits one line of a case file into words.
 *
 * A word is a run of characters other than blanks, '=' and '#'; '=' is a word of
 * its own, and so are "<=", ">=" and "=="; "..." is one word (quotes removed,
 * no escapes); '#' starts a comment that runs to the end of the line. */
#ifndef NSF_LEXER_H
#define NSF_LEXER_H

#define LEX_MAX_WORDS 24

struct lex_word {
	const char *s;          /* points into the line; not NUL-terminated */
	int len;
	int col;                /* 1-based column */
	int quoted;
};

/* Fills words from line (up to the first '\n' or NUL). Returns the number of
 * words, or -1 with *err_col and *err set (unterminated quote, too many words). */
int lex_line(const char *line, struct lex_word *words, int max, int *err_col, const char **err);

/* True when w is exactly the NUL-terminated string s. */
int lex_is(const struct lex_word *w, const char *s);

/* Copies w into buf as a C string; returns -1 when it does not fit. */
int lex_copy(const struct lex_word *w, char *buf, int len);

#endif
