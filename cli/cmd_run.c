/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault run`: every variant of the cases given, reported as it ends. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/utsname.h>
#include "actions/freezer.h"
#include "cli/cli.h"
#include "engine/require.h"
#include "engine/runner.h"
#include "report/report.h"
#include "util/errnames.h"

enum { OPT_JUNIT = 256, OPT_JSON, OPT_PCAP_DIR, OPT_NO_CAPTURE };

const struct cli_opt run_options[] = {
	{ 'v', "verbose", NULL, "list every step's result of passing cases too" },
	{ 'k', "keep-going", NULL, "run every step of a case even after a mismatch" },
	{ 'r', "repeat", "N", "run each variant N times in a row (the flake check)" },
	{ 'j', "jobs", "N", "run N variants at once, 1..256 (default: as many as the plan allows, up to 256)" },
	{ 'f', "family", "ipv4|ipv6", "run one address family only" },
	{ 'F', "freezer", "cgroup2|cgroup1|sigstop", "freeze actors only this way" },
	{ 'o', "output", "text|ktap", "the report's format (default text)" },
	{ OPT_JUNIT, "junit", "FILE", "also write a JUnit XML report to FILE" },
	{ OPT_JSON, "json", "FILE", "also write every observed result as JSON to FILE" },
	{ OPT_PCAP_DIR, "pcap-dir", "DIR", "write every variant's capture (pcapng) to DIR; failed ones always go to $TMPDIR/nsfault-pcap" },
	{ OPT_NO_CAPTURE, "no-capture", NULL, "capture nothing (to measure what capture costs); cases that watch the wire skip" },
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

/* Where the reports go besides the stream. */
struct run_files { const char *junit, *json; };

static int apply_option(int ch, struct run_opts *o, struct run_files *files)
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
	case OPT_JUNIT: files->junit = optarg; return 0;
	case OPT_JSON: files->json = optarg; return 0;
	case OPT_PCAP_DIR: o->coord.pcap_dir = optarg; return 0;
	case OPT_NO_CAPTURE: o->coord.no_capture = true; return 0;
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
static int parse_run_opts(const struct cli_cmd *cmd, int argc, char **argv, struct run_opts *o,
			  struct run_files *files)
{
	int ch;

	*o = (struct run_opts){ .repeat = 1, .jobs = 0, .reporter = &report_text,
				.families = FAM_IPV4 | FAM_IPV6, .coord.freezer = FRZ_AUTO };
	*files = (struct run_files){ 0 };
	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch == 'h')
			return 'h';
		if (ch == '?' || apply_option(ch, o, files) < 0)
			return -1;
	}
	return 0;
}

/* What the reports say about the machine and the run: the reporters may not
 * ask (report/report.h). options are argv's words before the paths. */
static void fill_header(struct run_header *h, int nopts, char **argv)
{
	struct utsname u;
	size_t len = 0;

	*h = (struct run_header){ .started = (long long)time(NULL), .repeat = 1 };
	snprintf(h->version, sizeof(h->version), "%s", NSF_VERSION);
	if (uname(&u) == 0) {
		snprintf(h->release, sizeof(h->release), "%s", u.release);
		snprintf(h->machine, sizeof(h->machine), "%s", u.machine);
	}
	if (gethostname(h->hostname, sizeof(h->hostname) - 1) < 0)
		h->hostname[0] = '\0';
	for (int i = 1; i < nopts && len < sizeof(h->options); i++)
		len += snprintf(h->options + len, sizeof(h->options) - len, "%s%s", i > 1 ? " " : "", argv[i]);
}

/* The JUnit and JSON files, written whatever happened (a run, a skip of
 * everything, malformed files). Returns 0, or -1 after saying which failed. */
static int write_files(const struct run_files *files, struct run_opts *o, const struct run_header *h)
{
	int rc = 0;

	if (files->junit && junit_write(o->junit, files->junit, h) < 0) {
		fprintf(stderr, "nsfault: cannot write the JUnit report %s: %s\n", files->junit, err_name(errno));
		rc = -1;
	}
	if (files->json && json_results_write(o->json, files->json, h) < 0) {
		fprintf(stderr, "nsfault: cannot write the JSON results %s: %s\n", files->json, err_name(errno));
		rc = -1;
	}
	o->junit = NULL;
	o->json = NULL;
	return rc;
}

/* Malformed files: nothing runs; every report says which file and why. */
static int report_malformed(struct run_opts *o, const struct run_files *files, struct run_header *h,
			    const struct cli_bad_list *bad)
{
	struct report_error *e = calloc(bad->n ? bad->n : 1, sizeof(*e));

	for (int i = 0; e && i < bad->n; i++) {
		e[i] = (struct report_error){ bad->v[i].path, bad->v[i].message };
		junit_error(o->junit, &e[i]);
		json_results_error(o->json, &e[i]);
	}
	if (e)
		o->reporter->malformed(stdout, h, e, bad->n);
	free(e);
	write_files(files, o, h);
	return EXIT_USAGE;
}

/* Nothing can run here (no privilege): every report says so and why. */
static int report_skip_all(struct run_opts *o, const struct run_files *files, struct run_header *h,
			   struct case_file **cases, int n, const char *why)
{
	for (int i = 0; i < n; i++) {
		junit_skip_case(o->junit, cases[i], why);
		json_results_skip_case(o->json, cases[i], why);
	}
	o->reporter->skip_all(stdout, h, n, why);
	return write_files(files, o, h) < 0 ? EXIT_FAILED : EXIT_SKIPPED;
}

int cmd_run(const struct cli_cmd *cmd, int argc, char **argv)
{
	struct run_totals t = { 0 };
	struct cli_bad_list bad = { 0 };
	struct case_file **cases;
	struct run_header h;
	struct run_files files;
	struct run_opts o;
	char err[512];
	int n, rc = parse_run_opts(cmd, argc, argv, &o, &files);

	if (rc)
		return rc == 'h' ? EXIT_PASS : EXIT_USAGE;
	run_catch_signals();
	fill_header(&h, optind, argv);
	o.header = &h;
	o.junit = files.junit ? junit_open() : NULL;
	o.json = files.json ? json_results_open() : NULL;
	if (cli_load_cases_noting(argc - optind, argv + optind, &cases, &n, &bad) < 0) {
		rc = report_malformed(&o, &files, &h, &bad);
		free(bad.v);
		cli_free_cases(cases, n);
		return rc;
	}
	frz_clean_stale();
	if (run_probe(err, sizeof(err)) < 0) {
		rc = report_skip_all(&o, &files, &h, cases, n, err);
		cli_free_cases(cases, n);
		return rc;
	}
	/* One namespace to try sysctl writes and capture in, for every case
	 * process (engine/require.h); none is fine: each then makes its own. */
	(void)require_prepare();
	int ran = run_all(cases, n, &o, stdout, &t);
	int written = write_files(&files, &o, &h);

	cli_free_cases(cases, n);
	if (t.signal)
		return 128 + t.signal;	/* as a shell reports a process the signal ended */
	if (t.failed || ran < 0 || written < 0)
		return EXIT_FAILED;
	return t.passed == 0 && t.skipped ? EXIT_SKIPPED : EXIT_PASS;
}
