/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault diff A.json B.json`: what changed between two runs' results. */
#include <stdlib.h>
#include <unistd.h>
#include "cli/cli.h"
#include "report/diff.h"
#include "report/results.h"

enum { OPT_TIMING = 256, OPT_TOLERANCE };

const struct cli_opt diff_options[] = {
	{ OPT_TIMING, "timing", NULL, "also report steps whose duration changed beyond the tolerance" },
	{ OPT_TOLERANCE, "tolerance", "MS", "with --timing: how many ms a duration may move (default 50)" },
	{ 0 },
};

/* Returns 0, 'h' after --help, or -1 after a usage error (said on stderr). */
static int parse_diff_opts(const struct cli_cmd *cmd, int argc, char **argv, struct diff_opts *o)
{
	int ch;
	char *end;

	*o = (struct diff_opts){ .tolerance_ms = 50 };
	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch == 'h')
			return 'h';
		if (ch == OPT_TIMING) {
			o->timing = true;
		} else if (ch == OPT_TOLERANCE) {
			o->tolerance_ms = strtod(optarg, &end);
			if (end == optarg || *end || o->tolerance_ms < 0) {
				fprintf(stderr, "nsfault diff: --tolerance '%s': expected milliseconds >= 0\n", optarg);
				return -1;
			}
		} else {
			return -1;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "nsfault diff: expected two results files (nsfault run --json FILE)\n");
		return -1;
	}
	return 0;
}

/* Exit: 0 the same, 1 they differ, 2 bad usage or a file that is not results. */
int cmd_diff(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct res_file a, b;
	struct diff_opts o;
	char err[512];
	int n, rc = parse_diff_opts(cmd, argc, argv, &o);

	if (rc)
		return rc == 'h' ? EXIT_PASS : EXIT_USAGE;
	if (results_load(argv[optind], &a, err, sizeof(err)) < 0) {
		fprintf(stderr, "nsfault diff: %s\n", err);
		return EXIT_USAGE;
	}
	if (results_load(argv[optind + 1], &b, err, sizeof(err)) < 0) {
		fprintf(stderr, "nsfault diff: %s\n", err);
		results_free(&a);
		return EXIT_USAGE;
	}
	n = diff_results(stdout, &a, argv[optind], &b, argv[optind + 1], &o);
	if (n)
		printf("%d difference%s\n", n, n == 1 ? "" : "s");
	results_free(&a);
	results_free(&b);
	return n ? EXIT_FAILED : EXIT_PASS;
}
