/* SPDX-License-Identifier: GPL-2.0-only */
/* machine_: facts about the running kernel and machine that case
 * requirements and kernel-dependent expectations ask about. */
#ifndef NSF_KERNEL_H
#define NSF_KERNEL_H

#include <stdbool.h>
#include <stddef.h>

/* The running kernel's version (uname), parsed once by version_parse
 * (lang/version.h); -1 when it cannot be read. */
long machine_kernel_version(void);

/* Looks opt ("CONFIG_INET_DIAG_DESTROY") up in /proc/config.gz, else
 * /boot/config-$(uname -r). Returns 1 (=y or =m), 0 (not set), or -1 when no
 * config is readable (why in err). */
int machine_kernel_config(const char *opt, char *err, size_t errlen);

/* True when a sysctl (dotted name) exists in the initial namespace's /proc/sys. */
bool machine_has_sysctl(const char *name);

/* True when tool_find finds tool (util/toolpath.h). */
bool machine_has_tool(const char *tool);

#endif
