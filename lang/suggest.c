/* SPDX-License-Identifier: GPL-2.0-only */
/* Optimal string alignment distance: Levenshtein plus a swap of two
 * neighbouring letters costing one, the commonest typing slip (ECONNRESTE). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "lang/suggest.h"

static int min3(int a, int b, int c)
{
	int m = a < b ? a : b;

	return m < c ? m : c;
}

static int same(char a, char b)
{
	return tolower((unsigned char)a) == tolower((unsigned char)b);
}

int suggest_distance(const char *a, const char *b)
{
	int n = (int)strnlen(a, SUGGEST_WORD_LEN - 1), m = (int)strnlen(b, SUGGEST_WORD_LEN - 1);
	int d[SUGGEST_WORD_LEN][SUGGEST_WORD_LEN];

	for (int i = 0; i <= n; i++)
		d[i][0] = i;
	for (int j = 0; j <= m; j++)
		d[0][j] = j;
	for (int i = 1; i <= n; i++)
		for (int j = 1; j <= m; j++) {
			d[i][j] = min3(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + !same(a[i - 1], b[j - 1]));
			if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1]) &&
			    d[i - 2][j - 2] + 1 < d[i][j])
				d[i][j] = d[i - 2][j - 2] + 1;
		}
	return d[n][m];
}

void suggest_init(struct suggest *s, const char *word)
{
	snprintf(s->word, sizeof(s->word), "%s", word);
	s->best[0] = '\0';
	s->dist = SUGGEST_WORD_LEN;
}

void suggest_offer(struct suggest *s, const char *candidate)
{
	int d;

	if (!candidate || !*candidate)
		return;
	d = suggest_distance(s->word, candidate);
	if (d < s->dist) {
		s->dist = d;
		snprintf(s->best, sizeof(s->best), "%s", candidate);
	}
}

/* Near enough: at most two edits, and fewer than a third of the word, so
 * that "FOO" suggests nothing but "CLOSED" suggests CLOSE. A word differing
 * only in case (dist 0) is a slip too. */
const char *suggest_hint(const struct suggest *s, char *buf, size_t len)
{
	int n = (int)strlen(s->word);

	if (s->best[0] && strcmp(s->best, s->word) != 0 && s->dist <= 2 && s->dist * 3 < n)
		snprintf(buf, len, " (did you mean %s?)", s->best);
	else if (len)
		buf[0] = '\0';
	return buf;
}
