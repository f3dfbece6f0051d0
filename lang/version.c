/* Kernel versions: text to number and back. */
#include <stdio.h>
#include <stdlib.h>
#include "lang/version.h"

/* A version part: digits only (strtol would take a sign and blanks), at
 * most 255. Returns -1 when there is none. */
static long part(const char *text, char **end)
{
	long v;

	if (*text < '0' || *text > '9')
		return -1;
	v = strtol(text, end, 10);
	return v > 255 ? -1 : v;
}

long version_parse(const char *text)
{
	long major, minor, patch = 0;
	char *end;

	major = part(text, &end);
	if (major < 0 || *end != '.')
		return -1;
	minor = part(end + 1, &end);
	if (minor < 0)
		return -1;
	/* A release's patch level may exceed 255 (4.9.337): it is capped. */
	if (*end == '.' && end[1] >= '0' && end[1] <= '9')
		patch = strtol(end + 1, NULL, 10);
	return major << 16 | minor << 8 | (patch > 255 ? 255 : patch);
}

void version_format(long v, char *buf, size_t len)
{
	snprintf(buf, len, "%ld.%ld.%ld", v >> 16, (v >> 8) & 255, v & 255);
}
