/* SPDX-License-Identifier: GPL-2.0-only */
/* Whether the system tests can make network namespaces here: one probe,
 * made before any test, whose answer every live test consults. */
#include <stdbool.h>
#include <stdio.h>
#include "actions/pinned.h"
#include "engine/runner.h"
#include "netns/ns.h"
#include "netns/sysctl.h"
#include "tests/tests.h"

static int probe_rc = -1;
static char probe_err[512] = "the namespace probe has not run";

void test_netns_probe(void)
{
	probe_rc = run_probe(probe_err, sizeof(probe_err));
}

bool test_netns_usable(void)
{
	if (probe_rc == 0)
		return true;
	tests_skip("%s", probe_err);
	return false;
}

/* Each pinned sysctl written in a fresh namespace, as the build does; the
 * first refusal is kept as the reason. */
static int probe_pins(char *why, size_t len)
{
	struct ns ns = { .fd = -1 };
	struct nl_error e = { 0 };
	int rc = 0;

	if (ns_create(&ns, "pins", &e) < 0) {
		snprintf(why, len, "%s", e.text);
		return -1;
	}
	for (const struct pinned_sysctl *p = pinned_sysctls; p->name && rc == 0; p++)
		if (ns_sysctl_write(&ns, p->name, p->value, &e) < 0) {
			snprintf(why, len, "a pinned sysctl cannot be set here, so a failing case skips instead: %s",
				 e.text);
			rc = -1;
		}
	ns_destroy(&ns);
	return rc;
}

bool test_pins_settable(void)
{
	static int rc = 1;	/* 1: not probed yet */
	static char why[512];

	if (!test_netns_usable())
		return false;
	if (rc == 1)
		rc = probe_pins(why, sizeof(why));
	if (rc == 0)
		return true;
	tests_skip("%s", why);
	return false;
}
