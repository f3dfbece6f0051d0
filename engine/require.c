/* SPDX-License-Identifier: GPL-2.0-only */
/* Checking requirements: the kernel version, config options, sysctls, tools. */
#include <stdio.h>
#include "lang/expect.h"
#include "lang/symbols.h"
#include "lang/version.h"
#include "actions/firewall.h"
#include "engine/machine.h"
#include "engine/require.h"

static int check_one(const struct case_req *r, char *reason, size_t len)
{
	char have[32], want[32], err[256];
	int cfg;

	switch (r->kind) {
	case REQ_KERNEL:
		if (match_guard(&r->guard, machine_kernel_version(), 0))
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

int require_variant(const struct case_file *c, const struct variant *v, char *reason, size_t len)
{
	if (require_check(c, reason, len) < 0)
		return -1;
	if (v->backend >= 0 && !fw_available((enum fw_backend)v->backend, reason, len))
		return -1;
	return 0;
}
