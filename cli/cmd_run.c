/* `nsfault run`: every variant of the cases given, reported as it ends. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "actions/freezer.h"
#include "cli/cli.h"
#include "engine/runner.h"
#include "report/report.h"

enum { OPT_JUNIT = 256 };

const struct cli_opt run_options[] = {
	{ 'v', "verbose", NULL, "list every step's result of passing cases too" },
	{ 'k', "keep-going", NULL, "run every step of a case even after a mismatch" },
	{ 'r', "repeat", "N", "run each variant N times in a row (the flake check)" },
	{ 'j', "jobs", "N", "run N variants at once, 1..256 (default: as many as the plan allows, up to 48)" },
	{ 'f', "family", "ipv4|ipv6", "run one address family only" },
	{ 'F', "freezer", "cgroup2|cgroup1|sigstop", "freeze actors only this way" },
	{ 'o', "output", "text|ktap", "the report's format (default text)" },
	{ OPT_JUNIT, "junit", "FILE", "also write a JUnit XML report to FILE" },
	{ 0 },
};

/* Returns the index of word in the NULL-terminated list, or -1. */
static int word_index(const char *word, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strcmp(word, list[i]) == 0)
			return i;
	return -1;
}

static int bad_value(const char *opt, const char *value, const char *expected)
{
	fprintf(stderr, "nsfault run: %s '%s': expected %s\n", opt, value, expected);
	return -1;
}

/* Parses a number in lo..hi; -1 when the text is not one. */
static int number_in(const char *text, long lo, long hi, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (end == text || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

static int apply_option(int ch, struct run_opts *o)
{
	static const char *const formats[] = { "text", "ktap", NULL };
	static const char *const freezers[] = { "cgroup2", "cgroup1", "sigstop", NULL };
	static const char *const families[] = { "ipv4", "ipv6", NULL };
	static const enum frz_method methods[] = { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP };
	static const struct reporter *const reporters[] = { &report_text, &report_ktap };
	int i;

	switch (ch) {
	case 'v': o->verbose = true; return 0;
	case 'k': o->coord.keep_going = true; return 0;
	case OPT_JUNIT: o->junit = optarg; return 0;
	case 'r':
		return number_in(optarg, 1, 1000000, &o->repeat) < 0 ? bad_value("-r", optarg, "a count >= 1") : 0;
	case 'j':
		return number_in(optarg, 1, 256, &o->jobs) < 0 ? bad_value("-j", optarg, "1..256") : 0;
	case 'o':
		if ((i = word_index(optarg, formats)) < 0)
			return bad_value("-o", optarg, "text or ktap");
		o->reporter = reporters[i];
		return 0;
	case 'F':
		if ((i = word_index(optarg, freezers)) < 0)
			return bad_value("-F", optarg, "cgroup2, cgroup1 or sigstop");
		o->coord.freezer = methods[i];
		return 0;
	case 'f':
		if ((i = word_index(optarg, families)) < 0)
			return bad_value("-f", optarg, "ipv4 or ipv6");
		o->families = i == 0 ? FAM_IPV4 : FAM_IPV6;
		return 0;
	}
	return -1;
}

/* Returns 0, 'h' after --help, or -1 after a usage error (said on stderr). */
static int parse_run_opts(const struct cli_cmd *cmd, int argc, char **argv, struct run_opts *o)
{
	int ch;

	*o = (struct run_opts){ .repeat = 1, .jobs = 0, .reporter = &report_text,
				.families = FAM_IPV4 | FAM_IPV6, .coord.freezer = FRZ_AUTO };
	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch == 'h')
			return 'h';
		if (ch == '?' || apply_option(ch, o) < 0)
			return -1;
	}
	return 0;
}

int cmd_run(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run_totals t = { 0 };
	struct case_file **cases;
	struct run_opts o;
	char err[512];
	int n, rc = parse_run_opts(cmd, argc, argv, &o);

	if (rc)
		return rc == 'h' ? EXIT_PASS : EXIT_USAGE;
	run_catch_signals();
	if (cli_load_cases(argc - optind, argv + optind, &cases, &n) < 0) {
		cli_free_cases(cases, n);
		return EXIT_USAGE;
	}
	frz_clean_stale();
	if (run_probe(err, sizeof(err)) < 0) {
		o.reporter->skip_all(stdout, n, err);
		cli_free_cases(cases, n);
		return EXIT_SKIPPED;
	}
	int written = run_all(cases, n, &o, stdout, &t);

	cli_free_cases(cases, n);
	if (t.signal)
		return 128 + t.signal;	/* as a shell reports a process the signal ended */
	if (t.failed || written < 0)
		return EXIT_FAILED;
	return t.passed == 0 && t.skipped ? EXIT_SKIPPED : EXIT_PASS;
}
