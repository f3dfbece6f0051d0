/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault clean`: removes what a killed run left behind. */
#include <stdio.h>
#include <unistd.h>
#include "actions/freezer.h"
#include "cli/cli.h"

int cmd_clean(const struct cli_cmd *cmd, int argc, char **argv)
{
	int ch, n;

	while ((ch = cli_getopt(cmd, argc, argv)) != -1)
		return ch == 'h' ? EXIT_PASS : EXIT_USAGE;
	if (optind < argc) {
		fprintf(stderr, "nsfault clean: takes no argument ('%s')\n", argv[optind]);
		return EXIT_USAGE;
	}
	n = frz_clean_stale();
	printf("removed %d stale freezer cgroup%s\n", n, n == 1 ? "" : "s");
	return EXIT_PASS;
}
