/* SPDX-License-Identifier: GPL-2.0-only */
/* Checking requirements: the kernel version, config options, sysctls, tools;
 * and what the environment lets a variant do (sysctl writes, capture). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "lang/expect.h"
#include "lang/symbols.h"
#include "lang/version.h"
#include "actions/capture.h"
#include "actions/firewall.h"
#include "actions/topo_build.h"
#include "engine/machine.h"
#include "engine/require.h"
#include "engine/wire.h"
#include "netns/sysctl.h"

static int check_one(const struct case_req *r, char *reason, size_t len)
{
	char have[32], want[32], err[256];
	int cfg;

	switch (r->kind) {
	case REQ_KERNEL:
		if (match_guard(&r->guard, machine_kernel_version(), 0, 0))
			return 0;
		version_format(machine_kernel_version(), have, sizeof(have));
		version_format(r->guard.version, want, sizeof(want));
		snprintf(reason, len, "line %d: needs kernel %s %s, this is %s", r->line, names_guard_op(r->guard.op),
			 want, have);
		return -1;
	case REQ_CONFIG:
		cfg = machine_kernel_config(r->what, err, sizeof(err));
		if (cfg == 1)
			return 0;
		snprintf(reason, len, "line %d: needs %s, %s", r->line, r->what,
			 cfg == 0 ? "which this kernel does not have" : err);
		return -1;
	case REQ_SYSCTL:
		if (machine_has_sysctl(r->what))
			return 0;
		snprintf(reason, len, "line %d: needs sysctl %s, which this kernel does not have", r->line, r->what);
		return -1;
	case REQ_TOOL:
		if (machine_has_tool(r->what))
			return 0;
		snprintf(reason, len, "line %d: needs the program %s, which is not installed", r->line, r->what);
		return -1;
	}
	return 0;
}

int require_check(const struct case_file *c, char *reason, size_t len)
{
	for (int i = 0; i < c->nreqs; i++)
		if (check_one(&c->reqs[i], reason, len) < 0)
			return -1;
	return 0;
}

/* The namespace the environment is tried in: made once per process (a
 * forked case process inherits its parent's), kept for the process's life. */
static struct {
	bool made, failed;
	struct ns ns;
	bool capture_tried;
	int capture_err;                /* 0: a packet socket opens */
	char capture_why[128];
} probe = { .ns = { .fd = -1 } };

int require_prepare(void)
{
	struct nl_error e = { 0 };

	if (probe.made || probe.failed)
		return probe.made ? 0 : -1;
	if (ns_create(&probe.ns, "probe", &e) < 0) {
		probe.failed = true;	/* the run itself will say why */
		return -1;
	}
	probe.made = true;
	return 0;
}

/* Each sysctl the variant writes beyond the pinned ones, tried as the
 * build writes it: ns_sysctl_write counts one that already holds its value
 * as written, so only what truly cannot be had skips. */
static int check_sysctl(const struct case_file *c, const struct case_sysctl *s, char *reason, size_t len)
{
	struct nl_error e = { 0 };

	snprintf(probe.ns.name, sizeof(probe.ns.name), "%s", c->hosts[s->host]);
	if (ns_sysctl_write(&probe.ns, s->name, s->value, &e) == 0)
		return 0;
	if (!ns_sysctl_denied(e.err) && e.err != ENOENT)
		return 0;	/* not the environment's doing: the build will fail, and say so */
	if (ns_sysctl_denied(e.err) && build_sysctl_has_substitute(s->name, s->value))
		return 0;
	snprintf(reason, len, "the case sets sysctl %s, and %s", s->name, e.text);
	return -1;
}

/* Only the privilege is in question (EPERM, EACCES): that is what wire_start
 * skips for. */
static int check_capture(char *reason, size_t len)
{
	if (!probe.capture_tried) {
		probe.capture_tried = true;
		if (cap_probe(&probe.ns, probe.capture_why, sizeof(probe.capture_why)) < 0)
			probe.capture_err = errno;
	}
	if (probe.capture_err != EPERM && probe.capture_err != EACCES)
		return 0;
	snprintf(reason, len, "the case watches the wire, and capture: %s (needs CAP_NET_RAW)", probe.capture_why);
	return -1;
}

int require_environment(const struct case_file *c, const struct variant *v, char *reason, size_t len)
{
	struct case_sysctl own[BUILD_MAX_SYSCTLS];
	int n = build_own_sysctls(c, v->family == FAM_IPV6 ? AF_INET6 : AF_INET, own);

	if (n == 0 && !wire_needed(c))
		return 0;
	if (require_prepare() < 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (check_sysctl(c, &own[i], reason, len) < 0)
			return -1;
	if (wire_needed(c) && check_capture(reason, len) < 0)
		return -1;
	return 0;
}

int require_variant(const struct case_file *c, const struct variant *v, char *reason, size_t len)
{
	if (require_check(c, reason, len) < 0)
		return -1;
	if (v->backend >= 0 && !fw_available((enum fw_backend)v->backend, reason, len))
		return -1;
	return require_environment(c, v, reason, len);
}
