/* SPDX-License-Identifier: GPL-2.0-only */
/* Escaping for XML and JSON, and UTF-8 repair. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "report/escape.h"

static const char replacement[] = "\xef\xbf\xbd";        /* U+FFFD */

size_t esc_utf8_decode(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n;
	unsigned c;

	if (u[0] < 0x80)
		return *cp = u[0], 1;
	if ((u[0] & 0xe0) == 0xc0)
		n = 2, c = u[0] & 0x1f;
	else if ((u[0] & 0xf0) == 0xe0)
		n = 3, c = u[0] & 0x0f;
	else if ((u[0] & 0xf8) == 0xf0)
		n = 4, c = u[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (u[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not UTF-8. */
	if (c < min[n] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return n;
}

static bool xml_allowed(unsigned c)
{
	return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xfffe && c != 0xffff);
}

void esc_xml(FILE *f, const char *s)
{
	while (*s) {
		unsigned c;
		size_t n = esc_utf8_decode(s, &c);

		if (n == 0 || !xml_allowed(c)) {
			fputs(replacement, f);
			s += n ? n : 1;
			continue;
		}
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		/* Attribute values normalise raw newlines to spaces: keep them. */
		case '\n': fputs("&#10;", f); break;
		case '\r': fputs("&#13;", f); break;
		case '\t': fputs("&#9;", f); break;
		default: fwrite(s, 1, n, f);
		}
		s += n;
	}
}

char *esc_utf8_dup(const char *s)
{
	char *out = malloc(strlen(s) * 3 + 1), *p = out;

	if (!out)
		return NULL;
	while (*s) {
		unsigned c;
		size_t n = esc_utf8_decode(s, &c);

		if (n == 0) {
			memcpy(p, replacement, 3);
			p += 3;
			s++;
			continue;
		}
		memcpy(p, s, n);
		p += n;
		s += n;
	}
	*p = '\0';
	return out;
}
