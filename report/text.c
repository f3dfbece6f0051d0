/* SPDX-License-Identifier: GPL-2.0-only */
/* The text reporter. */
#include <stdio.h>
#include <string.h>
#include "util/errnames.h"
#include "lang/symbols.h"
#include "report/report.h"
#include "lang/verbs.h"

static const char *verdict_word(const struct outcome *o)
{
	if (o->kind == FK_INTERRUPTED)
		return "INTR";
	if (o->kind == FK_NOT_RUN)
		return "----";
	return o->verdict == VERDICT_PASS ? "ok  " : o->verdict == VERDICT_SKIP ? "SKIP" : "FAIL";
}

/* A result as the report shows it: with "after N ms" only when the
 * expectation asserts a duration (`after LO..HI`) or with -v, since on a
 * passing step it reads like a failure to someone new to the reports. */
static void format_got(const struct case_step *s, const struct result *r, bool verbose, char *buf, size_t len)
{
	const struct expect *e = case_judged_by(s, r);
	struct result shown = *r;

	if (!verbose && !(e && e->timed) && !r->timed_out)
		shown.elapsed_us = 0;
	match_format_result(&shown, s->kind, buf, len);
}

static void report_step(FILE *out, const struct case_file *c, const struct case_step *s, const struct result *r,
			bool verbose)
{
	bool failed = r->mismatch;
	const char *branch = case_branch_taken(c, s, r);
	char got[160], want[384];

	if (s->async && r->ran)
		snprintf(got, sizeof(got), "started");
	else
		format_got(s, r, verbose, got, sizeof(got));
	case_format_judged(c, s, r, want, sizeof(want));
	fprintf(out, "      %-4s %4d  %-42s = %s", failed ? "FAIL" : "ok", s->line, s->text, got);
	if (failed)
		fprintf(out, "   (expected %s)", want);
	if (branch)
		fprintf(out, "   [branch %s]", branch);
	if (r->sigpipe)
		fprintf(out, "   [SIGPIPE x%d]", r->sigpipe);
	if (r->note[0])
		fprintf(out, "   [%s]", r->note);
	fputc('\n', out);
}

void report_failure_line(const struct case_file *c, const struct outcome *o, char *buf, size_t len)
{
	const struct case_step *s;
	const struct result *r;
	char got[160], want[384];

	if (o->failed_step < 0) {
		snprintf(buf, len, "%s: %s", c->path, o->reason);
		return;
	}
	s = &c->steps[o->failed_step];
	r = &o->results[o->failed_step];
	format_got(s, r, false, got, sizeof(got));
	case_format_judged(c, s, r, want, sizeof(want));
	snprintf(buf, len, "%s:%d:%d: step `%s`: expected %s, got %s%s%s", c->path, s->line, s->col,
		 s->text, want, got, r->note[0] ? " — " : "", r->note);
}

static void report_steps(FILE *out, const struct case_file *c, const struct outcome *o, bool verbose)
{
	fprintf(out, "    steps:\n");
	for (int i = 0; i < c->nsteps; i++)
		if (o->results[i].ran)
			report_step(out, c, &c->steps[i], &o->results[i], verbose);
}

/* The capture file and the hosts' socket tables, indented. */
static void report_wire(FILE *out, const char *wire)
{
	for (const char *l = wire; *l;) {
		int n = (int)strcspn(l, "\n");

		fprintf(out, "    %.*s\n", n, l);
		l += n + (l[n] == '\n');
	}
}

void report_text_case(FILE *out, const struct case_file *c, const struct variant *v, const struct outcome *o,
		      bool verbose)
{
	char name[48];

	case_variant_name(v, name, sizeof(name));
	fprintf(out, "%s %-56s %-20s %-4s %6lld ms", verdict_word(o), c->path, name, c->scenario,
		(long long)o->elapsed_us / 1000);
	if (o->verdict == VERDICT_SKIP)
		fprintf(out, "  %s", o->reason);
	fputc('\n', out);
	if (o->verdict == VERDICT_FAIL) {
		char line[1024];

		report_failure_line(c, o, line, sizeof(line));
		fprintf(out, "    %s\n", line);
	}
	if (o->failed_step >= 0 || (verbose && o->verdict == VERDICT_PASS))
		report_steps(out, c, o, verbose);
	if (o->verdict == VERDICT_FAIL && o->wire[0])
		report_wire(out, o->wire);
	fflush(out);
}

static void text_begin(FILE *out, const struct run_header *h)
{
	(void)out;
	(void)h;
}

static void text_variant(FILE *out, int index, int run, const struct case_file *c, const struct variant *v,
			 const struct outcome *o, bool verbose)
{
	(void)index;
	(void)run;
	report_text_case(out, c, v, o, verbose);
}

static void text_end(FILE *out, const struct run_header *h)
{
	const struct run_totals *t = &h->totals;

	fprintf(out, "%d passed, %d failed, %d skipped", t->passed, t->failed, t->skipped);
	if (t->signal)
		fprintf(out, " — interrupted by %s: %d killed while running, %d not run",
			sig_name(t->signal), t->interrupted, t->not_run);
	fputc('\n', out);
}

static void text_skip_all(FILE *out, const struct run_header *h, int ncases, const char *reason)
{
	(void)h;
	fprintf(out, "SKIP all %d cases: %s\n", ncases, reason);
}

/* Loading already said file:line:col on stderr, where a terminal user looks. */
static void text_malformed(FILE *out, const struct run_header *h, const struct report_error *e, int n)
{
	(void)out;
	(void)h;
	(void)e;
	(void)n;
}

const struct reporter report_text = { text_begin, text_variant, text_end, text_skip_all, text_malformed };
