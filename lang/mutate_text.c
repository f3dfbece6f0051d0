/* SPDX-License-Identifier: GPL-2.0-only */
/* A case file's text as lines, rewritten a line at a time. */
#include <stdlib.h>
#include <string.h>
#include "lang/mutate_text.h"

int mtext_split(const char *text, struct mtext *t)
{
	int cap = 1;

	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	t->n = 0;
	t->s = malloc((size_t)cap * sizeof(*t->s));
	t->len = malloc((size_t)cap * sizeof(*t->len));
	if (!t->s || !t->len) {
		mtext_free(t);
		return -1;
	}
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) + 1 : (int)strlen(p);

		t->s[t->n] = p;
		t->len[t->n++] = len;
		p += len;
	}
	return 0;
}

void mtext_free(struct mtext *t)
{
	free(t->s);
	free(t->len);
	t->s = NULL;
	t->len = NULL;
	t->n = 0;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

int mtext_code_len(const struct mtext *t, int k)
{
	const char *s = t->s[k - 1];
	bool quoted = false;
	int i, end;

	for (i = 0; i < t->len[k - 1] && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == '#' && !quoted)
			break;
	}
	for (end = i; end > 0 && blank(s[end - 1]); end--)
		;
	return end;
}

/* True when line k's code starts with '=': it continues the step above. */
static bool continues(const struct mtext *t, int k)
{
	const char *s = t->s[k - 1];
	int i = 0, n = mtext_code_len(t, k);

	while (i < n && blank(s[i]))
		i++;
	return i < n && s[i] == '=';
}

int mtext_block_end(const struct mtext *t, int k)
{
	while (k < t->n && continues(t, k + 1))
		k++;
	return k;
}

static const char *edit_for(const struct mtext_edit *e, int ne, int k)
{
	for (int i = 0; i < ne; i++)
		if (e[i].line == k)
			return e[i].repl;
	return NULL;
}

char *mtext_apply(const struct mtext *t, const struct mtext_edit *e, int ne)
{
	size_t size = 1, at = 0;
	char *out;

	for (int k = 1; k <= t->n; k++) {
		const char *r = edit_for(e, ne, k);

		size += r ? strlen(r) : (size_t)t->len[k - 1];
	}
	if (!(out = malloc(size)))
		return NULL;
	for (int k = 1; k <= t->n; k++) {
		const char *r = edit_for(e, ne, k);
		size_t len = r ? strlen(r) : (size_t)t->len[k - 1];

		memcpy(out + at, r ? r : t->s[k - 1], len);
		at += len;
	}
	out[at] = '\0';
	return out;
}

int mtext_word(const struct mtext *t, int k, int word, int *wlen)
{
	const char *s = t->s[k - 1];
	int n = mtext_code_len(t, k), i = 0;

	for (int w = 0;; w++) {
		int start;

		while (i < n && blank(s[i]))
			i++;
		if (i >= n)
			return -1;
		for (start = i; i < n && !blank(s[i]); i++)
			;
		if (w == word) {
			*wlen = i - start;
			return start;
		}
	}
}

char *mtext_replace(const struct mtext *t, int k, int off, int len, const char *word)
{
	size_t wl = strlen(word), total = (size_t)t->len[k - 1] - (size_t)len + wl;
	char *out = malloc(total + 1);

	if (!out)
		return NULL;
	memcpy(out, t->s[k - 1], (size_t)off);
	memcpy(out + off, word, wl);
	memcpy(out + off + wl, t->s[k - 1] + off + len, (size_t)(t->len[k - 1] - off - len));
	out[total] = '\0';
	return out;
}

void mtext_show(const struct mtext *t, int k, char *buf, size_t len)
{
	const char *s = t->s[k - 1];
	int n = mtext_code_len(t, k);
	size_t at = 0;
	bool gap = false;

	for (int i = 0; i < n && at + 2 < len; i++) {
		if (blank(s[i])) {
			gap = at > 0;
			continue;
		}
		if (gap)
			buf[at++] = ' ';
		gap = false;
		buf[at++] = s[i];
	}
	if (len)
		buf[at < len ? at : len - 1] = '\0';
}
