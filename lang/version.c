/* Kernel versions: text to number and back. */
#include <stdio.h>
#include <stdlib.h>
#include "lang/version.h"

long version_parse(const char *text)
{
	long major, minor, patch = 0;
	char *end;

	major = strtol(text, &end, 10);
	if (end == text || *end != '.')
		return -1;
	text = end + 1;
	minor = strtol(text, &end, 10);
	if (end == text || minor > 255 || major > 255)
		return -1;
	if (*end == '.')
		patch = strtol(end + 1, NULL, 10);
	return major << 16 | minor << 8 | (patch > 255 ? 255 : patch);
}

void version_format(long v, char *buf, size_t len)
{
	snprintf(buf, len, "%ld.%ld.%ld", v >> 16, (v >> 8) & 255, v & 255);
}
