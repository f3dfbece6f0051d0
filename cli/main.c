/* SPDX-License-Identifier: GPL-2.0-only */
/* The nsfault command line: finds the subcommand and hands it the rest. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

extern const struct cli_opt run_options[], doctor_options[], record_options[], diff_options[],
	mutate_options[];

static const struct cli_opt list_options[] = {
	{ 'V', "verbs", NULL, "list the verbs a step can use instead of cases" },
	{ 0 },
};

const struct cli_cmd cli_commands[] = {
	{ "run", "[PATH]...", "run cases (files or directories; default: the corpus)", run_options, cmd_run },
	{ "record", "FILE...", "run a case and write what the kernel answered into its expectations", record_options,
	  cmd_record },
	{ "list", "[PATH]...", "one line per case: path, scenario ID, summary", list_options, cmd_list },
	{ "mutate", "[PATH]...", "mutation-test cases: which assertions cannot fail", mutate_options, cmd_mutate },
	{ "doctor", "[PATH]...", "what this machine offers the suite; --kconfig: the kernel options it needs", doctor_options, cmd_doctor },
	{ "clean", "", "remove what a killed run left behind (freezer cgroups)", NULL, cmd_clean },
	{ "diff", "A.json B.json", "what changed between two runs' --json results", diff_options, cmd_diff },
	{ 0 },
};

int main(int argc, char **argv)
{
	if (argc < 2) {
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		cli_usage(stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("nsfault %s\n", NSF_VERSION);
		return EXIT_PASS;
	}
	/* For the build: the man page and the completion come from the tables. */
	if (strcmp(argv[1], "--man") == 0) {
		cli_man(stdout);
		return EXIT_PASS;
	}
	if (strcmp(argv[1], "--bash-completion") == 0) {
		cli_bash_completion(stdout);
		return EXIT_PASS;
	}
	for (const struct cli_cmd *c = cli_commands; c->name; c++)
		if (strcmp(argv[1], c->name) == 0) {
			optind = 0;     /* glibc: start afresh at argv[1] */
			return c->main(c, argc - 1, argv + 1);
		}
	fprintf(stderr, "nsfault: unknown command '%s'\n", argv[1]);
	cli_usage(stderr);
	return EXIT_USAGE;
}
