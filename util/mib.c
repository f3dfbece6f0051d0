/* SPDX-License-Identifier: GPL-2.0-only */
/* Counter lookup in the kernel's MIB files. */
#include <stdlib.h>
#include <string.h>
#include "util/mib.h"

/* The n-th space-separated word of line (up to its end), or NULL. */
static const char *nth_word(const char *line, int n, int *wlen)
{
	const char *p = line;

	for (;;) {
		while (*p == ' ')
			p++;
		if (*p == '\n' || *p == '\0')
			return NULL;
		*wlen = (int)strcspn(p, " \n");
		if (n-- == 0)
			return p;
		p += *wlen;
	}
}

static const char *next_line(const char *p)
{
	p = strchr(p, '\n');
	return p ? p + 1 : NULL;
}

/* A "Prefix: names" line followed by "Prefix: values": checks column by
 * column whether prefix + name is the counter wanted. */
static bool in_pair(const char *names, const char *values, const char *want, long long *value)
{
	int plen = (int)strcspn(names, ":\n"), wlen;
	size_t want_len = strlen(want);

	if (names[plen] != ':' || strncmp(names, want, (size_t)plen) != 0 || strncmp(values, names, (size_t)plen + 1))
		return false;
	for (int col = 1;; col++) {
		const char *w = nth_word(names + plen + 1, col - 1, &wlen), *v;

		if (!w)
			return false;
		if ((size_t)(plen + wlen) == want_len && strncmp(w, want + plen, (size_t)wlen) == 0) {
			if (!(v = nth_word(values + plen + 1, col - 1, &wlen)))
				return false;
			*value = strtoll(v, NULL, 10);
			return true;
		}
	}
}

/* A "Name value" line (snmp6). */
static bool in_single(const char *line, const char *want, long long *value)
{
	size_t n = strlen(want);

	if (strncmp(line, want, n) != 0 || (line[n] != ' ' && line[n] != '\t'))
		return false;
	*value = strtoll(line + n, NULL, 10);
	return true;
}

bool mib_lookup(const char *text, const char *name, long long *value)
{
	for (const char *l = text; l && *l; l = next_line(l)) {
		const char *nl = next_line(l);

		if (in_single(l, name, value))
			return true;
		if (nl && in_pair(l, nl, name, value))
			return true;
	}
	return false;
}
