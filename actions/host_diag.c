/* SPDX-License-Identifier: GPL-2.0-only */
/* iproute2 inside a host's namespace, for failure reports. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/proc.h"
#include "util/timeouts.h"
#include "util/toolpath.h"
#include "actions/host_diag.h"

void hdiag_run(const struct ns *ns, const char *const *argv, char *buf, size_t len)
{
	size_t used = strnlen(buf, len);
	char path[256], how[320];
	struct proc_out out = { buf + used, len - used, false };
	struct proc_end end;
	struct nl_error e = { 0 };

	if (used + 1 >= len)
		return;
	/* A powered-off host has no namespace (fd -1) until it powers on: say
	 * so in the report instead of a setns() failed with EBADF. */
	if (ns->fd < 0) {
		snprintf(buf + used, len - used, "(%s: %s is off, no namespace)\n", argv[0], ns->name);
		return;
	}
	if (tool_find(argv[0], path, sizeof(path)) < 0) {
		snprintf(buf + used, len - used, "(%s not found in %s)\n", argv[0], tool_dirs_text());
		return;
	}
	if (ns_exec(ns, path, (char *const *)argv, environ, &out, NULL, TIMEOUT_DIAG_TOOL_MS, &end, &e) < 0 ||
	    end.how != PROC_EXITED || end.code != 0) {
		used = strnlen(buf, len);
		snprintf(buf + used, len - used, "(%s %s)\n", argv[0],
			 e.err ? e.text : proc_end_text(&end, how, sizeof(how)));
	}
}
