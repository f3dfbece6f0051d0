/* SPDX-License-Identifier: GPL-2.0-only */
/* iproute2 inside a host's namespace, for failure reports. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/errnames.h"
#include "util/proc.h"
#include "util/timeouts.h"
#include "util/toolpath.h"
#include "actions/host_diag.h"

struct tool_call {
	int ns_fd;
	const char *path;
	const char *const *argv;
};

/* In the child: enter the namespace, then become the tool. */
static int tool_main(void *arg)
{
	const struct tool_call *t = arg;

	if (setns(t->ns_fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setns: %s\n", err_name(errno));
		return 126;
	}
	execv(t->path, (char *const *)t->argv);
	fprintf(stderr, "exec %s: %s\n", t->path, err_name(errno));
	return 127;
}

void hdiag_run(const struct ns *ns, const char *const *argv, char *buf, size_t len)
{
	size_t used = strnlen(buf, len);
	char path[256], how[64];
	struct tool_call t = { ns->fd, path, argv };
	struct proc_out out = { buf + used, len - used, false };
	struct proc_end end;

	if (used + 1 >= len)
		return;
	/* A powered-off host has no namespace (fd -1) until it powers on: say
	 * so in the report instead of letting the child's setns() fail with
	 * EBADF on the run's stderr. */
	if (ns->fd < 0) {
		snprintf(buf + used, len - used, "(%s: %s is off, no namespace)\n", argv[0], ns->name);
		return;
	}
	if (tool_find(argv[0], path, sizeof(path)) < 0) {
		snprintf(buf + used, len - used, "(%s not found in %s)\n", argv[0], tool_dirs_text());
		return;
	}
	if (proc_run(tool_main, &t, &out, NULL, TIMEOUT_DIAG_TOOL_MS, &end) < 0 ||
	    end.how != PROC_EXITED || end.code != 0) {
		used = strnlen(buf, len);
		snprintf(buf + used, len - used, "(%s %s)\n", argv[0], proc_end_text(&end, how, sizeof(how)));
	}
}
