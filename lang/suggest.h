/* SPDX-License-Identifier: GPL-2.0-only */
/* suggest_: "did you mean" for a word the parser did not know: the nearest
 * of the words it would have taken, by edit distance (insertions, deletions,
 * substitutions and swaps of two neighbours, ignoring case), offered only
 * when it is near enough to be a slip rather than another word. */
#ifndef NSF_SUGGEST_H
#define NSF_SUGGEST_H

#include <stddef.h>

#define SUGGEST_WORD_LEN 48

struct suggest {
	char word[SUGGEST_WORD_LEN];    /* the word as written */
	char best[SUGGEST_WORD_LEN];    /* nearest candidate so far, "" for none */
	int dist;
};

/* Starts a search for words near word (truncated to SUGGEST_WORD_LEN - 1). */
void suggest_init(struct suggest *s, const char *word);
/* Considers candidate (NULL is ignored). */
void suggest_offer(struct suggest *s, const char *candidate);
/* Writes " (did you mean X?)" into buf when a candidate is near enough, else
 * "", and returns buf. */
const char *suggest_hint(const struct suggest *s, char *buf, size_t len);

/* The edit distance between a and b, ignoring case (for tests). */
int suggest_distance(const char *a, const char *b);

#endif
