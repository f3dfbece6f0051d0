/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault list`: one line per case, or the verbs a step can use. */
#include <stdbool.h>
#include <stdio.h>
#include <unistd.h>
#include "cli/cli.h"
#include "lang/case.h"
#include "lang/verbs.h"

static void list_verbs(void)
{
	for (const struct verb *v = verb_table; v->name; v++)
		printf("%-34s %s\n", v->usage, v->doc);
}

int cmd_list(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct case_file **cases;
	bool verbs = false;
	int ch, n;

	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch == 'h')
			return EXIT_PASS;
		if (ch == '?')
			return EXIT_USAGE;
		verbs = true;
	}
	if (verbs) {
		list_verbs();
		return EXIT_PASS;
	}
	if (cli_load_cases(argc - optind, argv + optind, &cases, &n) < 0) {
		cli_free_cases(cases, n);
		return EXIT_USAGE;
	}
	for (int i = 0; i < n; i++)
		printf("%-56s %-4s %s\n", cases[i]->path, cases[i]->scenario, cases[i]->summary);
	cli_free_cases(cases, n);
	return EXIT_PASS;
}
