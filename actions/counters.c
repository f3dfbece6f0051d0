/* SPDX-License-Identifier: GPL-2.0-only */
/* /proc/thread-self/net shows the namespace of the thread that opens it, so
 * each snapshot briefly enters the host's namespace. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "util/errnames.h"
#include "actions/counters.h"

struct snap {
	char *text;
	size_t len, used;
	char *err;
	size_t errlen;
};

static int append_file(struct snap *s, const char *path, bool optional)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		if (optional && errno == ENOENT)
			return 0;
		snprintf(s->err, s->errlen, "open %s: %s", path, err_name(errno));
		return -1;
	}
	while (s->used + 1 < s->len && (n = read(fd, s->text + s->used, s->len - 1 - s->used)) > 0)
		s->used += (size_t)n;
	s->text[s->used] = '\0';
	close(fd);
	return 0;
}

static int snap_in_ns(void *arg)
{
	struct snap *s = arg;

	return append_file(s, "/proc/thread-self/net/snmp", false) || append_file(s, "/proc/thread-self/net/netstat", false) ||
	       append_file(s, "/proc/thread-self/net/snmp6", true) ? -1 : 0;
}

int ctr_snapshot(struct ns *ns, char *text, size_t len, char *err, size_t errlen)
{
	struct snap s = { text, len, 0, err, errlen };
	struct nl_error e = { 0 };

	text[0] = '\0';
	err[0] = '\0';
	if (ns_within(ns, snap_in_ns, &s, &e) < 0) {
		if (e.err)
			snprintf(err, errlen, "%s: %s", e.text, err_name(e.err));
		return -1;
	}
	return 0;
}
