/* SPDX-License-Identifier: GPL-2.0-only */
/* `nsfault record`: runs a case and writes what the kernel answered into its
 * expectations. A step whose expectation already holds in every variant is
 * left as the author wrote it (ranges, one-of, comments); a step ending in
 * `= ?`, or one whose expectation failed, gets the observed value; where
 * the families answered differently, the IPv6 value goes on a guarded line
 * below. With -r N a step that answered differently across runs is not
 * rewritten: it is reported for the author to decide. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "engine/machine.h"
#include "engine/runner.h"
#include "lang/parser.h"
#include "lang/rewrite.h"
#include "util/errnames.h"
#include "util/proc.h"
#include "util/timeouts.h"

enum { REC_MAX_VARIANTS = 8 };

const struct cli_opt record_options[] = {
	{ 'w', "write", NULL, "write the new expectations into the file (default: only show the diff)" },
	{ 'r', "repeat", "N", "run each variant N times; a step that varies is reported, not rewritten" },
	{ 0 },
};

/* What one step answered: the value as an expectation writes it, per
 * family, and whether it stayed the same across runs and backends. */
struct rec_step {
	char seen[2][96];               /* [0] ipv4, [1] ipv6; "" when not run */
	bool varies;
	bool holds;                     /* the written expectation held every time */
};

struct rec {
	const char *path;
	char *text;                     /* as read */
	char *blanked;                  /* `= ?` removed, for the parser */
	bool *asked;                    /* by line */
	int nlines;
	struct case_file c;
	struct rec_step steps[CASE_MAX_STEPS];
};

static int read_file(const char *path, char **text)
{
	FILE *f = fopen(path, "r");
	size_t cap = 0;

	*text = NULL;
	if (!f || getdelim(text, &cap, '\0', f) < 0) {
		fprintf(stderr, "nsfault record: %s: %s\n", path, f ? "empty" : err_name(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

static void observe(struct rec *r, const struct variant *v, const struct outcome *o, long kver)
{
	int fam = v->family == FAM_IPV6;
	unsigned taken = 0;

	for (int i = 0; i < r->c.nsteps; i++) {
		const struct case_step *s = &r->c.steps[i];
		const struct result *res = &o->results[i];
		struct rec_step *st = &r->steps[i];
		char now[96];
		bool ok;

		if (!res->ran || res->timed_out)
			continue;
		match_format_observed(res, s->kind, now, sizeof(now));
		(void)case_judge(s, kver, v->family, &taken, res, &ok);
		if (!ok)
			st->holds = false;
		if (!st->seen[fam][0])
			snprintf(st->seen[fam], sizeof(st->seen[fam]), "%s", now);
		else if (strcmp(st->seen[fam], now) != 0)
			st->varies = true;
	}
}

/* Runs every variant of r->c repeat times with keep_going, so every step
 * answers. Returns 0, or -1 when a variant could not run at all. */
static int run_case(struct rec *r, int repeat)
{
	const struct coord_opts opts = { .keep_going = true, .freezer = FRZ_AUTO };
	struct outcome *o = malloc(sizeof(*o));
	long kver = machine_kernel_version();
	int rc = 0;

	if (!o)
		return -1;
	for (int i = 0; i < r->c.nsteps; i++)
		r->steps[i].holds = true;
	for (unsigned fam = FAM_IPV4; fam <= FAM_IPV6 && rc == 0; fam <<= 1)
		for (int b = r->c.backends ? 0 : -1; b < (r->c.backends ? FW_NBACKENDS : 0); b++) {
			const struct variant v = { fam, b };

			if (!(r->c.families & fam) || (b >= 0 && !(r->c.backends & (1u << b))))
				continue;
			for (int k = 0; k < repeat; k++) {
				run_variant(&r->c, &v, &opts, o);
				if (o->verdict == VERDICT_SKIP || (o->verdict == VERDICT_FAIL && o->failed_step < 0)) {
					fprintf(stderr, "nsfault record: %s: %s\n", r->path, o->reason);
					rc = -1;
					break;
				}
				observe(r, &v, o, kver);
			}
		}
	free(o);
	return rc;
}

/* Continuation lines (`= ... if ...`) that follow the step's line. */
static int count_continuations(const struct rec *r, int line)
{
	int n = 0;

	for (int i = 0; i < r->c.nsteps; i++)
		if (r->c.steps[i].line == line)
			for (int e = 0; e < r->c.steps[i].nexpects; e++)
				if (r->c.steps[i].expects[e].line - line > n)
					n = r->c.steps[i].expects[e].line - line;
	return n;
}

/* The column of the step's '=' (or of its blanked `= ?`), else one past the
 * call, aligned as the author aligned nothing. */
static int eq_column(const struct rec *r, const struct case_step *s)
{
	const char *line = r->text;
	const char *q, *eol;

	for (int e = 0; e < s->nexpects; e++)
		if (s->expects[e].line == s->line)
			return s->expects[e].col;
	for (int l = 1; l < s->line; l++)
		line = strchr(line, '\n') + 1;
	eol = strchrnul(line, '\n');
	q = memchr(line, '?', (size_t)(eol - line));
	while (q && q > line && q[-1] != '=')
		q--;
	return q && q > line ? (int)(q - line) : (int)strlen(s->text) + 2;
}

/* Decides one step's edit; returns true when it has one. */
static bool step_edit(struct rec *r, int i, struct rw_edit *e)
{
	const struct case_step *s = &r->c.steps[i];
	const struct rec_step *st = &r->steps[i];
	const char *v4 = st->seen[0], *v6 = st->seen[1];

	if (st->varies) {
		printf("%s:%d: `%s` answered differently across runs: left as it is\n", r->path, s->line, s->text);
		return false;
	}
	if (!r->asked[s->line] && st->holds)
		return false;
	if (!v4[0] && !v6[0])
		return false;
	*e = (struct rw_edit){ .line = s->line, .col = eq_column(r, s), .ncont = count_continuations(r, s->line) };
	snprintf(e->expr, sizeof(e->expr), "%s", v4[0] ? v4 : v6);
	if (v4[0] && v6[0] && strcmp(v4, v6) != 0)
		snprintf(e->cont, sizeof(e->cont), "%s if family ipv6", v6);
	return true;
}

struct diff_args { const char *a, *b, *label; };

static int exec_diff(void *arg)
{
	const struct diff_args *d = arg;

	execlp("diff", "diff", "-u", "--label", d->label, "--label", d->label, d->a, d->b, (char *)NULL);
	fprintf(stderr, "nsfault record: cannot run diff: %s\n", err_name(errno));
	return 2;
}

/* Shows the change as a unified diff (diff from diffutils). */
static void show_diff(const char *path, const char *newtext)
{
	char tmp[] = "/tmp/nsfault-record-XXXXXX";
	int fd = mkstemp(tmp);
	struct diff_args d = { path, tmp, path };
	struct proc_end end;

	if (fd < 0 || write(fd, newtext, strlen(newtext)) != (ssize_t)strlen(newtext)) {
		fprintf(stderr, "nsfault record: temporary file: %s\n", err_name(errno));
	} else {
		fflush(stdout);
		proc_run(exec_diff, &d, NULL, NULL, TIMEOUT_STEP_MS, &end);
	}
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
}

static int write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		fprintf(stderr, "nsfault record: cannot write %s: %s\n", path, err_name(errno));
		return -1;
	}
	return 0;
}

static int record_one(struct rec *r, int repeat, bool write)
{
	struct rw_edit edits[CASE_MAX_STEPS];
	char err[512], *out;
	int n = 0, rc;

	r->nlines = rw_count_lines(r->text);
	r->blanked = malloc(strlen(r->text) + 1);
	r->asked = calloc((size_t)r->nlines + 2, sizeof(bool));
	if (!r->blanked || !r->asked)
		return -1;
	rw_blank_placeholders(r->text, r->blanked, r->asked, r->nlines);
	if (case_parse(r->path, r->blanked, &r->c, err, sizeof(err)) < 0) {
		fprintf(stderr, "%s\n", err);
		return EXIT_USAGE;
	}
	if (run_case(r, repeat) < 0)
		return EXIT_SKIPPED;
	for (int i = 0; i < r->c.nsteps; i++)
		n += step_edit(r, i, &edits[n]);
	if (n == 0) {
		printf("%s: every expectation holds\n", r->path);
		return EXIT_PASS;
	}
	if (!(out = rw_apply(r->text, edits, n)))
		return -1;
	show_diff(r->path, out);
	rc = write ? write_file(r->path, out) : 0;
	free(out);
	return rc < 0 ? EXIT_FAILED : EXIT_PASS;
}

int cmd_record(const struct cli_cmd *cmd, int argc, char **argv)
{
	bool write = false;
	int ch, repeat = 1, worst = EXIT_PASS;
	char err[512];

	while ((ch = cli_getopt(cmd, argc, argv)) != -1) {
		if (ch == 'h')
			return EXIT_PASS;
		if (ch == 'w')
			write = true;
		else if (ch != 'r' || (repeat = atoi(optarg)) < 1)
			return EXIT_USAGE;
	}
	if (optind >= argc) {
		fprintf(stderr, "nsfault record: which case file? (try 'nsfault record --help')\n");
		return EXIT_USAGE;
	}
	if (run_probe(err, sizeof(err)) < 0) {
		fprintf(stderr, "nsfault record: %s\n", err);
		return EXIT_SKIPPED;
	}
	for (int i = optind; i < argc; i++) {
		struct rec *r = calloc(1, sizeof(*r));
		int rc;

		if (!r || read_file(argv[i], &r->text) < 0) {
			free(r);
			return EXIT_USAGE;
		}
		r->path = argv[i];
		rc = record_one(r, repeat, write);
		worst = rc > worst ? rc : worst;
		free(r->text);
		free(r->blanked);
		free(r->asked);
		free(r);
	}
	return worst < 0 ? EXIT_FAILED : worst;
}
