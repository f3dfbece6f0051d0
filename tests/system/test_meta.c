/* SPDX-License-Identifier: GPL-2.0-only */
/* Meta-tests: the whole engine, on the real kernel, must catch a wrong
 * expectation and report it at the right line, pass its control, reject a
 * malformed case with exit status 2 before creating anything, and leave no
 * namespace or process behind. Needs root, like the case suite. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "actions/freezer.h"
#include "engine/case_files.h"
#include "report/report.h"
#include "engine/runner.h"
#include "tests/tests.h"

static struct case_file *load(const char *path)
{
	static struct case_file c;
	char err[512];

	if (case_load(path, &c, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		CU_FAIL_FATAL("meta case does not parse");
	}
	return &c;
}

/* Meta-tests run real cases: without network namespaces they skip. */
#define require_root()                  \
	do {                            \
		if (!test_netns_usable()) \
			return;         \
	} while (0)

/* A test that needs a case to FAIL: where a pinned sysctl cannot be set, a
 * failure is a SKIP (test_containers.c tests that), and it skips too. */
#define require_pins()                    \
	do {                              \
		if (!test_pins_settable()) \
			return;           \
	} while (0)

/* Runs c in one family and returns the text report. */
static char *run_and_report_with(const struct case_file *c, unsigned fam, enum frz_method frz, struct outcome *o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	const struct coord_opts opts = { .freezer = frz };
	const struct variant v = { fam, -1 };

	run_variant(c, &v, &opts, o);
	report_text_case(f, c, &v, o, false);
	fclose(f);
	return text;
}

static char *run_and_report(const struct case_file *c, unsigned fam, struct outcome *o)
{
	return run_and_report_with(c, fam, FRZ_AUTO, o);
}

/* The engine freezes through each mechanism, and says which it used. */
static void test_every_freezer_path(void)
{
	static struct outcome o;
	const enum frz_method methods[] = { FRZ_CGROUP2, FRZ_CGROUP1, FRZ_SIGSTOP };

	require_root();
	for (int i = 0; i < 3; i++) {
		struct case_file *c;
		char *text;

		if (test_freezer_skip(methods[i]))
			continue;
		c = load("tests/meta/freeze.case");
		text = run_and_report_with(c, FAM_IPV4, methods[i], &o);

		if (o.verdict != VERDICT_PASS)
			fprintf(stderr, "\n%s", text);
		CU_ASSERT_EQUAL(o.verdict, VERDICT_PASS);
		CU_ASSERT_PTR_NOT_NULL(strstr(o.results[4].note, frz_method_name(methods[i])));
		free(text);
	}
}

/* The failure left a capture that tcpdump reads, showing the handshake,
 * and the report carries the hosts' socket tables. */
static void check_pcap(const struct outcome *o)
{
	char path[512], cmd[600], line[512];
	int syn = 0, synack = 0, rst = 0;
	FILE *p;

	CU_ASSERT_PTR_NOT_NULL(strstr(o->wire, "server$ ss -tanei"));
	CU_ASSERT_EQUAL_FATAL(sscanf(o->wire, "pcap: %511s", path), 1);
	snprintf(cmd, sizeof(cmd), "tcpdump -nr %s 2>&1", path);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while (fgets(line, sizeof(line), p)) {
		syn += strstr(line, "Flags [S],") != NULL;
		synack += strstr(line, "Flags [S.],") != NULL;
		rst += strstr(line, "Flags [R.],") != NULL;
	}
	CU_ASSERT_EQUAL(pclose(p), 0);
	/* Each segment is seen twice: leaving one end, reaching the other. */
	CU_ASSERT_EQUAL(syn, 2);
	CU_ASSERT_EQUAL(synack, 2);
	CU_ASSERT_EQUAL(rst, 2);
}

static void test_wrong_expectation_fails_at_its_line(void)
{
	static struct outcome o;
	const unsigned fams[] = { FAM_IPV4, FAM_IPV6 };

	require_pins();
	for (int i = 0; i < 2; i++) {
		struct case_file *c = load("tests/meta/wrong-errno.case");
		char *text = run_and_report(c, fams[i], &o);

		CU_ASSERT_EQUAL(o.verdict, VERDICT_FAIL);
		if (o.failed_step < 0) {
			/* Not FATAL: that would jump past free(text). */
			TEST_FAILF("no failed step; the report:\n%s", text);
			free(text);
			return;
		}
		CU_ASSERT_EQUAL(c->steps[o.failed_step].line, 13);
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "FAIL tests/meta/wrong-errno.case"));
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "tests/meta/wrong-errno.case:13:1: step `client recv 100`: "
						    "expected -1 EPIPE, got -1 ECONNRESET"));
		/* The steps before it are listed with their results; none after. */
		CU_ASSERT_PTR_NOT_NULL(strstr(text, "client wait state CLOSE"));
		CU_ASSERT_PTR_NULL(strstr(text, "   14  "));
		check_pcap(&o);
		free(text);
	}
}

static void test_control_passes(void)
{
	static struct outcome o;

	require_root();
	char *text = run_and_report(load("tests/meta/right-errno.case"), FAM_IPV4, &o);

	CU_ASSERT_EQUAL(o.verdict, VERDICT_PASS);
	CU_ASSERT_EQUAL(o.failed_step, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "ok   tests/meta/right-errno.case"));
	free(text);
}

/* `wait counter NAME >= HOST2 NAME2`: the form that matches returns 0;
 * the one whose counts never meet waits its whole 400 ms and fails with
 * ETIMEDOUT, its note saying both values. */
static void test_counter_compare_waits_and_fails(void)
{
	static struct outcome o;
	const struct variant v = { FAM_IPV4, FW_NFT };
	const struct coord_opts opts = { .freezer = FRZ_AUTO };
	struct case_file *c;
	const struct result *r;

	require_pins();
	c = load("tests/meta/counter-compare.case");
	run_variant(c, &v, &opts, &o);
	if (o.verdict == VERDICT_SKIP) {
		fprintf(stderr, "\n  skipped: %s\n", o.reason);
		return;
	}
	CU_ASSERT_EQUAL(o.verdict, VERDICT_FAIL);
	CU_ASSERT_EQUAL_FATAL(o.failed_step, c->nsteps - 1);
	CU_ASSERT_EQUAL(c->steps[o.failed_step].line, 20);
	CU_ASSERT_EQUAL(o.results[o.failed_step - 1].ret, 0);
	r = &o.results[o.failed_step];
	CU_ASSERT_EQUAL(r->ret, -1);
	CU_ASSERT_EQUAL(r->err, ETIMEDOUT);
	CU_ASSERT_TRUE(r->elapsed_us >= 400000);
	if (!strstr(r->note, "IcmpOutDestUnreachs was 0, server's IcmpOutDestUnreachs ") ||
	    !strstr(r->note, "after 400 ms"))
		TEST_FAILF("note: \"%s\"", r->note);
}

/* Runs the built binary; returns its exit status and output. */
static int run_binary(const char *args, char *out, size_t len)
{
	char cmd[512];
	FILE *p;
	size_t n;
	int st;

	snprintf(cmd, sizeof(cmd), "timeout 60 %s %s 2>&1", getenv("NSFAULT") ?: "build/asan/nsfault", args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	n = fread(out, 1, len - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Processes still running the binary under test: after it exits, none of its
 * case or agent processes (which hold its namespaces) may remain. Other runs
 * on the machine, of another binary, do not count. */
static int count_leftovers(void)
{
	char bin[PATH_MAX], exe[PATH_MAX], link[300];
	struct dirent *d;
	DIR *proc = opendir("/proc");
	int n = 0;

	if (!proc || !realpath(getenv("NSFAULT") ?: "build/asan/nsfault", bin)) {
		if (proc)
			closedir(proc);
		return -1;
	}
	while ((d = readdir(proc))) {
		ssize_t len;

		if (d->d_name[0] < '1' || d->d_name[0] > '9')
			continue;
		snprintf(link, sizeof(link), "/proc/%s/exe", d->d_name);
		len = readlink(link, exe, sizeof(exe) - 1);
		if (len > 0 && (exe[len] = '\0', strcmp(exe, bin) == 0))
			n++;
	}
	closedir(proc);
	return n;
}

static void test_binary_exit_statuses(void)
{
	char out[8192];
	struct stat st;

	require_pins();
	if (stat(getenv("NSFAULT") ?: "build/asan/nsfault", &st) < 0)
		CU_FAIL_FATAL("build/asan/nsfault is missing: build it first (make check does)");
	CU_ASSERT_EQUAL(count_leftovers(), 0);
	CU_ASSERT_EQUAL(run_binary("run tests/meta/malformed.case", out, sizeof(out)), 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "tests/meta/malformed.case:6:23: expected a port"));
	CU_ASSERT_EQUAL(run_binary("run tests/meta/wrong-errno.case", out, sizeof(out)), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "0 passed, 2 failed, 0 skipped"));
	CU_ASSERT_EQUAL(run_binary("run tests/meta/right-errno.case", out, sizeof(out)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "2 passed, 0 failed, 0 skipped"));
	CU_ASSERT_EQUAL(run_binary("doctor", out, sizeof(out)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "ok   network namespaces"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, " cgroup v2 freezer "));
	CU_ASSERT_EQUAL(count_leftovers(), 0);
}

/* One malformed file: its first line says "# expect: LINE:COL: what". */
static void check_malformed(const char *path)
{
	char first[256], want[300], out[8192], args[400];
	FILE *f = fopen(path, "r");
	char *what;

	if (!f || !fgets(first, sizeof(first), f) || strncmp(first, "# expect: ", 10) != 0) {
		TEST_FAILF("%s: no '# expect: LINE:COL: what' first line", path);
		if (f)
			fclose(f);
		return;
	}
	fclose(f);
	first[strcspn(first, "\n")] = '\0';
	what = strstr(first + 10, ": ");
	if (!what) {
		TEST_FAILF("%s: malformed '# expect:' line", path);
		return;
	}
	*what = '\0';
	snprintf(want, sizeof(want), "%s:%s: ", path, first + 10);
	snprintf(args, sizeof(args), "run -v %s", path);
	if (run_binary(args, out, sizeof(out)) != 2)
		TEST_FAILF("%s: exit status is not 2: %s", path, out);
	if (!strstr(out, want) || !strstr(out, what + 2))
		TEST_FAILF("%s: wanted \"%s...%s\", got: %s", path, want, what + 2, out);
	/* Nothing ran: no variant was reported. */
	if (strstr(out, "passed,"))
		TEST_FAILF("%s: a variant ran: %s", path, out);
}

/* Every class of malformed input (tests/meta/malformed/) stops before
 * anything runs: exit 2, file:line:col, no variant reported, and no process
 * of the binary (the only holders of its namespaces) left. */
static void test_malformed_creates_nothing(void)
{
	struct dirent **ents;
	char path[300], dir[] = "/tmp/nsfault-fifo-XXXXXX", fifo[64], out[8192], args[128];
	int n;

	require_root();
	n = scandir("tests/meta/malformed", &ents, NULL, alphasort);
	CU_ASSERT_FATAL(n > 10);
	for (int i = 0; i < n; i++) {
		if (strstr(ents[i]->d_name, ".case")) {
			snprintf(path, sizeof(path), "tests/meta/malformed/%s", ents[i]->d_name);
			check_malformed(path);
		}
		free(ents[i]);
	}
	free(ents);
	/* A FIFO named *.case, alone and in a scanned directory, once hung
	 * list and run forever: timeout(1) turns a hang into a failure. */
	CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
	snprintf(fifo, sizeof(fifo), "%s/x.case", dir);
	CU_ASSERT_FATAL(mkfifo(fifo, 0600) == 0);
	snprintf(args, sizeof(args), "run %s 2>&1; echo rc=$?", fifo);
	run_binary(args, out, sizeof(out));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "a FIFO, not a case file"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "rc=2"));
	snprintf(args, sizeof(args), "list %s 2>&1; echo rc=$?", dir);
	run_binary(args, out, sizeof(out));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "x.case: a FIFO, not a case file"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "rc=2"));
	unlink(fifo);
	rmdir(dir);
	/* A namespace lives only while a process of the run holds it. */
	CU_ASSERT_EQUAL(count_leftovers(), 0);
}

int test_meta_register(void)
{
	static const struct test_def tests[] = {
		{ "a wrong expectation FAILs at its line, expected vs actual", test_wrong_expectation_fails_at_its_line },
		{ "its control passes", test_control_passes },
		{ "wait counter >= HOST2 NAME2: matches, or times out naming both values", test_counter_compare_waits_and_fails },
		{ "freezing through cgroup v2, cgroup v1 and SIGSTOP", test_every_freezer_path },
		{ "exit statuses 0/1/2 and nothing left behind", test_binary_exit_statuses },
		{ "every malformed class: exit 2, file:line:col, nothing created", test_malformed_creates_nothing },
		{ NULL, NULL },
	};

	return tests_add_suite("meta", tests);
}
