/* SPDX-License-Identifier: GPL-2.0-only */
/* Splits case-file lines into words with their columns. */
#include <string.h>
#include "lang/lexer.h"

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r';
}

static int ends_word(char ch)
{
	return !ch || ch == '\n' || is_blank(ch) || ch == '=' || ch == '#';
}

/* The comparison operators of kernel guards keep their '=': "<=", ">=", "==". */
static int operator_len(const char *s)
{
	if ((s[0] == '<' || s[0] == '>' || s[0] == '=') && s[1] == '=')
		return 2;
	return s[0] == '=' || s[0] == '<' || s[0] == '>' ? 1 : 0;
}

/* Scans a quoted word starting at line[i] == '"'; returns the index after it. */
static int scan_quoted(const char *line, int i, struct lex_word *w, const char **err)
{
	int j = i + 1;

	while (line[j] && line[j] != '\n' && line[j] != '"')
		j++;
	if (line[j] != '"') {
		*err = "unterminated string: expected a closing '\"' on the same line";
		return -1;
	}
	w->s = line + i + 1;
	w->len = j - i - 1;
	w->quoted = 1;
	return j + 1;
}

int lex_line(const char *line, struct lex_word *words, int max, int *err_col, const char **err)
{
	int n = 0, i = 0;

	for (;;) {
		while (is_blank(line[i]))
			i++;
		if (!line[i] || line[i] == '\n' || line[i] == '#')
			return n;
		if (n == max) {
			*err_col = i + 1;
			*err = "too many words on one line";
			return -1;
		}
		struct lex_word *w = &words[n++];

		w->col = i + 1;
		w->quoted = 0;
		if (operator_len(line + i) == 2 || line[i] == '=') {
			w->s = line + i;
			w->len = operator_len(line + i);
			i += w->len;
		} else if (line[i] == '"') {
			i = scan_quoted(line, i, w, err);
			if (i < 0) {
				*err_col = w->col;
				return -1;
			}
		} else {
			int j = i;

			while (!ends_word(line[j]))
				j++;
			w->s = line + i;
			w->len = j - i;
			i = j;
		}
	}
}

int lex_is(const struct lex_word *w, const char *s)
{
	return !w->quoted && (int)strlen(s) == w->len && strncmp(w->s, s, w->len) == 0;
}

int lex_copy(const struct lex_word *w, char *buf, int len)
{
	if (w->len >= len)
		return -1;
	memcpy(buf, w->s, w->len);
	buf[w->len] = '\0';
	return 0;
}
