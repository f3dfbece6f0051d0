/* The nsfault command line: run, list. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "engine/case_files.h"
#include "cli/doctor.h"
#include "actions/freezer.h"
#include "report/report.h"
#include "engine/runner.h"
#include "lang/verbs.h"

/* Exit statuses. */
enum { EXIT_PASS = 0, EXIT_FAILED = 1, EXIT_USAGE = 2, EXIT_SKIPPED = 4 };

static void usage(FILE *out)
{
	fprintf(out,
		"usage: nsfault run [-v] [-k] [-r N] [-j N] [-f ipv4|ipv6] [-F FREEZER] [PATH]...\n"
		"                                                          run cases (default: cases/)\n"
		"         -v every step of every case, -k keep going after a mismatch,\n"
		"         -r N run each variant N times, -j N run N variants at once,\n"
		"         -f one address family only,\n"
		"         -F cgroup2|cgroup1|sigstop: freeze actors only this way,\n"
		"         -o text|ktap: the report's format (default text), --junit FILE: also JUnit XML\n"
		"       nsfault doctor                                     what this machine offers the suite\n"
		"       nsfault clean                                      remove what a killed run left (freezer cgroups)\n"
		"       nsfault list [PATH]...                             one line per case\n"
		"       nsfault list --verbs                               the verbs a step can use\n"
		"exit status: 0 nothing failed, 1 a case failed, 2 bad usage or a malformed case,\n"
		"             4 skipped (a missing privilege or kernel feature)\n");
}

/* Where cases are when no path is given: ./cases in a checkout, else the
 * corpus `make install` put under PREFIX/share/nsfault. */
static const char *default_cases(void)
{
	struct stat st;

	return stat("cases", &st) == 0 && S_ISDIR(st.st_mode) ? "cases" : NSF_CASES_DIR;
}

/* Loads every case under paths (default: see default_cases); on any malformed file prints
 * every error and returns -1: nothing may run from a half-valid corpus. */
static int load_cases(int n, char **paths, struct case_file ***out, int *count)
{
	struct path_list l = { 0 };
	char err[512];
	int bad = 0;

	for (int i = 0; i < (n ? n : 1); i++)
		if (collect_cases(n ? paths[i] : default_cases(), &l, err, sizeof(err)) < 0) {
			fprintf(stderr, "nsfault: %s\n", err);
			bad++;
		}
	*out = calloc(l.n ? l.n : 1, sizeof(**out));
	for (int i = 0; *out && i < l.n; i++) {
		(*out)[i] = malloc(sizeof(struct case_file));
		if (!(*out)[i] || case_load(l.paths[i], (*out)[i], err, sizeof(err)) < 0) {
			fprintf(stderr, "%s\n", (*out)[i] ? err : "nsfault: out of memory");
			bad++;
		}
	}
	*count = l.n;
	collect_free(&l);
	if (!*out || (!bad && *count == 0)) {
		fprintf(stderr, "nsfault: no case files found\n");
		bad++;
	}
	return bad ? -1 : 0;
}

static void free_cases(struct case_file **cases, int n)
{
	for (int i = 0; cases && i < n; i++)
		free(cases[i]);
	free(cases);
}

static int cmd_list(int argc, char **argv)
{
	struct case_file **cases;
	int n;

	if (argc > 1 && strcmp(argv[1], "--verbs") == 0) {
		for (const struct verb *v = verb_table; v->name; v++)
			printf("%-34s %s\n", v->usage, v->doc);
		return EXIT_PASS;
	}
	if (load_cases(argc - 1, argv + 1, &cases, &n) < 0) {
		free_cases(cases, n);
		return EXIT_USAGE;
	}
	for (int i = 0; i < n; i++)
		printf("%-56s %-4s %s\n", cases[i]->path, cases[i]->scenario, cases[i]->summary);
	free_cases(cases, n);
	return EXIT_PASS;
}

static int parse_run_opts(int argc, char **argv, struct run_opts *o)
{
	int ch;

	static const struct option longopts[] = { { "junit", required_argument, NULL, 'J' }, { 0 } };

	*o = (struct run_opts){ .repeat = 1, .jobs = 1, .reporter = &report_text, .families = FAM_IPV4 | FAM_IPV6, .coord.freezer = FRZ_AUTO };
	optind = 1;
	while ((ch = getopt_long(argc, argv, "vkr:j:f:F:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'v': o->verbose = true; break;
		case 'k': o->coord.keep_going = true; break;
		case 'J': o->junit = optarg; break;
		case 'o':
			if (strcmp(optarg, "text") == 0) o->reporter = &report_text;
			else if (strcmp(optarg, "ktap") == 0) o->reporter = &report_ktap;
			else return -1;
			break;
		case 'F':
			if (strcmp(optarg, "cgroup2") == 0) o->coord.freezer = FRZ_CGROUP2;
			else if (strcmp(optarg, "cgroup1") == 0) o->coord.freezer = FRZ_CGROUP1;
			else if (strcmp(optarg, "sigstop") == 0) o->coord.freezer = FRZ_SIGSTOP;
			else return -1;
			break;
		case 'r': o->repeat = atoi(optarg); if (o->repeat < 1) return -1; break;
		case 'j': o->jobs = atoi(optarg); if (o->jobs < 1 || o->jobs > 64) return -1; break;
		case 'f':
			if (strcmp(optarg, "ipv4") == 0) o->families = FAM_IPV4;
			else if (strcmp(optarg, "ipv6") == 0) o->families = FAM_IPV6;
			else return -1;
			break;
		default: return -1;
		}
	}
	return 0;
}

static int cmd_run(int argc, char **argv)
{
	struct run_totals t = { 0 };
	struct case_file **cases;
	struct run_opts o;
	char err[512];
	int n;

	if (parse_run_opts(argc, argv, &o) < 0) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (load_cases(argc - optind, argv + optind, &cases, &n) < 0) {
		free_cases(cases, n);
		return EXIT_USAGE;
	}
	frz_clean_stale();
	if (run_probe(err, sizeof(err)) < 0) {
		o.reporter->skip_all(stdout, n, err);
		free_cases(cases, n);
		return EXIT_SKIPPED;
	}
	int written = run_all(cases, n, &o, stdout, &t);

	free_cases(cases, n);
	if (t.failed || written < 0)
		return EXIT_FAILED;
	return t.passed == 0 && t.skipped ? EXIT_SKIPPED : EXIT_PASS;
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_PASS;
	}
	if (strcmp(argv[1], "run") == 0)
		return cmd_run(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return cmd_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "doctor") == 0)
		return doctor_run(stdout) ? EXIT_FAILED : EXIT_PASS;
	if (strcmp(argv[1], "clean") == 0) {
		printf("removed %d stale freezer cgroup%s\n", frz_clean_stale(), "s");
		return EXIT_PASS;
	}
	fprintf(stderr, "nsfault: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
