/* SPDX-License-Identifier: GPL-2.0-only */
/* The system tests: netlink, namespaces, freezers, socket diagnostics,
 * firewall backends and meta-tests that run whole cases on the real kernel. */
#include "tests/tests.h"

int main(void)
{
	int (*const registers[])(void) = {
		test_netns_register, test_meta_register, test_freezer_register, test_diag_register,
		test_firewall_register, test_dispatch_register, test_case_files_register,
		test_mutate_run_register, test_containers_register, test_host_diag_register, test_capture_register,
	};

	/* First: it may move this process into a user namespace. */
	test_netns_probe();
	return tests_run(registers, sizeof(registers) / sizeof(registers[0]));
}
