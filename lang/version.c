/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel versions: text to number and back. */
#include <stdio.h>
#include <string.h>
#include "lang/version.h"

/* A run of digits as a number, capped at 999 so it cannot overflow; the
 * text after it, or NULL when there is no digit (a sign is not one). */
static const char *digits(const char *text, long *v)
{
	size_t n = strspn(text, "0123456789");

	if (n == 0)
		return NULL;
	*v = 0;
	for (size_t i = 0; i < n; i++)
		*v = *v > 999 ? *v : *v * 10 + (text[i] - '0');
	return text + n;
}

long version_parse(const char *text)
{
	long major, minor, patch = 0;

	if (!(text = digits(text, &major)) || *text != '.' || !(text = digits(text + 1, &minor)) ||
	    major > 255 || minor > 255)
		return -1;
	if (*text == '.' && digits(text + 1, &patch) && patch > 255)
		patch = 255;
	return major << 16 | minor << 8 | patch;
}

long version_parse_exact(const char *text)
{
	long part[3] = { 0, 0, 0 };
	int n = 0;

	do {
		if (n == 3 || !(text = digits(text + (n ? 1 : 0), &part[n])) || part[n] > 255)
			return -1;
		n++;
	} while (*text == '.');
	return *text || n < 2 ? -1 : part[0] << 16 | part[1] << 8 | part[2];
}

void version_format(long v, char *buf, size_t len)
{
	snprintf(buf, len, "%ld.%ld.%ld", v >> 16, (v >> 8) & 255, v & 255);
}
