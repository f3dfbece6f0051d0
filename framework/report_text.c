/* The text reporter. */
#include <stdio.h>
#include "framework/names.h"
#include "framework/report.h"
#include "framework/runner.h"
#include "framework/verbs.h"

static const struct expect *applied(const struct case_step *s, const struct result *r)
{
	return r->expect_idx >= 0 ? &s->expects[r->expect_idx] : NULL;
}

static const char *verdict_word(enum verdict v)
{
	return v == VERDICT_PASS ? "ok  " : v == VERDICT_SKIP ? "SKIP" : "FAIL";
}

static void report_step(FILE *out, const struct case_step *s, const struct result *r)
{
	bool failed = r->mismatch;

	char got[160], want[128];

	if (s->async && r->ran)
		snprintf(got, sizeof(got), "started");
	else
		match_format_result(r, s->kind, got, sizeof(got));
	match_format_expect(applied(s, r), s->kind, want, sizeof(want));
	fprintf(out, "      %-4s %4d  %-42s = %s", failed ? "FAIL" : "ok", s->line, s->text, got);
	if (failed)
		fprintf(out, "   (expected %s)", want);
	if (r->sigpipe)
		fprintf(out, "   [SIGPIPE x%d]", r->sigpipe);
	if (r->note[0])
		fprintf(out, "   [%s]", r->note);
	fputc('\n', out);
}

static void report_failure(FILE *out, const struct case_file *c, const struct outcome *o)
{
	const struct case_step *s = &c->steps[o->failed_step];
	const struct result *r = &o->results[o->failed_step];
	char got[160], want[128];

	match_format_result(r, s->kind, got, sizeof(got));
	match_format_expect(applied(s, r), s->kind, want, sizeof(want));
	fprintf(out, "    %s:%d:%d: step `%s`: expected %s, got %s%s%s\n", c->path, s->line, s->col,
		s->text, want, got, r->note[0] ? " — " : "", r->note);
}

static void report_steps(FILE *out, const struct case_file *c, const struct outcome *o)
{
	fprintf(out, "    steps:\n");
	for (int i = 0; i < c->nsteps; i++)
		if (o->results[i].ran)
			report_step(out, &c->steps[i], &o->results[i]);
}

void report_text_case(FILE *out, const struct case_file *c, const struct variant *v, const struct outcome *o,
		      bool verbose)
{
	char name[48];

	case_variant_name(v, name, sizeof(name));
	fprintf(out, "%s %-56s %-20s %-4s %6lld ms", verdict_word(o->verdict), c->path, name, c->scenario,
		(long long)o->elapsed_us / 1000);
	if (o->verdict == VERDICT_SKIP)
		fprintf(out, "  %s", o->reason);
	fputc('\n', out);
	if (o->verdict == VERDICT_FAIL && o->failed_step < 0)
		fprintf(out, "    %s: %s\n", c->path, o->reason);
	if (o->failed_step >= 0)
		report_failure(out, c, o);
	if (o->failed_step >= 0 || (verbose && o->verdict == VERDICT_PASS))
		report_steps(out, c, o);
	fflush(out);
}

void report_text_summary(FILE *out, const struct run_totals *t)
{
	fprintf(out, "%d passed, %d failed, %d skipped\n", t->passed, t->failed, t->skipped);
}
