/* SPDX-License-Identifier: GPL-2.0-only */
/* The pure tests: the case language, the matcher and the reporters. They link
 * only lang/, report/ and util/ (no libmnl, libnftables, zlib), make no
 * system call of their own and need no privilege. */
#include "tests/tests.h"

int main(void)
{
	int (*const registers[])(void) = {
		test_parser_register, test_match_register, test_fw_rule_register, test_report_register, test_results_register,
		test_util_register, test_rewrite_register, test_version_register,
		test_fuzz_findings_register, test_wire_register, test_inject_register, test_mutate_register,
	};

	return tests_run(registers, sizeof(registers) / sizeof(registers[0]));
}
