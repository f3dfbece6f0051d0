/* SPDX-License-Identifier: GPL-2.0-only */
/* The running kernel's version, config options, sysctls and tools. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <zlib.h>
#include "util/toolpath.h"
#include "engine/machine.h"
#include "lang/version.h"
#include "netns/sysctl.h"

long machine_kernel_version(void)
{
	static long v = -2;
	struct utsname u;

	if (v == -2)
		v = uname(&u) == 0 ? version_parse(u.release) : -1;
	return v;
}

/* Scans a config file for "opt=y" / "opt=m" / "# opt is not set". */
static int scan_config(gzFile f, const char *opt)
{
	char line[512];
	size_t n = strlen(opt);

	while (gzgets(f, line, sizeof(line)))
		if (strncmp(line, opt, n) == 0 && line[n] == '=')
			return line[n + 1] == 'y' || line[n + 1] == 'm';
	return 0;
}

int machine_kernel_config(const char *opt, char *err, size_t errlen)
{
	char boot[300];
	struct utsname u;
	gzFile f = gzopen("/proc/config.gz", "rb");   /* zlib also reads plain text */
	int r;

	if (!f && uname(&u) == 0) {
		snprintf(boot, sizeof(boot), "/boot/config-%s", u.release);
		f = gzopen(boot, "rb");
	}
	if (!f) {
		snprintf(err, errlen, "cannot tell whether %s is set: no /proc/config.gz (CONFIG_IKCONFIG_PROC) "
			 "and no /boot/config-$(uname -r)", opt);
		return -1;
	}
	r = scan_config(f, opt);
	gzclose(f);
	return r;
}

bool machine_has_sysctl(const char *name)
{
	char path[256];

	return ns_sysctl_path(name, path, sizeof(path)) == 0 && access(path, F_OK) == 0;
}

bool machine_has_tool(const char *tool)
{
	char path[256];

	return tool_find(tool, path, sizeof(path)) == 0;
}
