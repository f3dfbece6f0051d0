/* SPDX-License-Identifier: GPL-2.0-only */
/* The tool search path. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/toolpath.h"

/* System directories first, as Debian installs iptables and iproute2 there;
 * /usr/local last. */
static const char *const tool_dirs[] = {
	"/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin",
};
#define TOOL_NDIRS (sizeof(tool_dirs) / sizeof(tool_dirs[0]))

int tool_find(const char *name, char *buf, size_t len)
{
	if (!name[0] || strchr(name, '/'))
		return -1;
	for (size_t i = 0; i < TOOL_NDIRS; i++) {
		int n = snprintf(buf, len, "%s/%s", tool_dirs[i], name);

		if (n > 0 && (size_t)n < len && access(buf, X_OK) == 0)
			return 0;
	}
	return -1;
}

/* Built from the table on first use, so the message cannot drift from it. */
const char *tool_dirs_text(void)
{
	static char text[128];
	size_t used = 0;

	if (text[0])
		return text;
	for (size_t i = 0; i < TOOL_NDIRS && used < sizeof(text); i++)
		used += (size_t)snprintf(text + used, sizeof(text) - used, "%s%s",
					 i == 0 ? "" : i + 1 < TOOL_NDIRS ? ", " : " or ", tool_dirs[i]);
	return text;
}
