/* SPDX-License-Identifier: GPL-2.0-only */
/* Whether the system tests can make network namespaces here: one probe,
 * made before any test, whose answer every live test consults. */
#include <stdbool.h>
#include <stdio.h>
#include "engine/runner.h"
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
