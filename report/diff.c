/* SPDX-License-Identifier: GPL-2.0-only */
/* Comparing two runs' results. */
#include <string.h>
#include "report/diff.h"

/* "cases/x.case ipv4", and " run 2" when the run repeated. */
static void variant_label(FILE *out, const struct res_variant *v)
{
	fprintf(out, "%s %s", v->path, v->variant);
	if (v->run > 1)
		fprintf(out, " run %d", v->run);
}

static int only_in(FILE *out, const struct res_file *x, const char *xname, const struct res_file *y)
{
	int n = 0;

	for (int i = 0; i < x->nvariants; i++) {
		const struct res_variant *v = &x->variants[i];

		if (results_find(y, v->path, v->variant, v->run))
			continue;
		fprintf(out, "only in %s: ", xname);
		variant_label(out, v);
		fputc('\n', out);
		n++;
	}
	return n;
}

static const char *shown(const struct res_step *s)
{
	return !s->ran ? "not run" : s->result[0] ? s->result : "?";
}

static bool same_result(const struct res_step *x, const struct res_step *y)
{
	if (x->ran != y->ran)
		return false;
	if (!x->ran)
		return true;
	return x->ret == y->ret && x->timed_out == y->timed_out && strcmp(x->err, y->err) == 0 &&
	       strcmp(x->kind, y->kind) == 0;
}

/* The first step whose result differs; 1 when there is one. */
static int first_changed_step(FILE *out, const struct res_variant *x, const struct res_variant *y)
{
	int n = x->nsteps < y->nsteps ? x->nsteps : y->nsteps;

	for (int i = 0; i < n; i++) {
		const struct res_step *s = &x->steps[i], *t = &y->steps[i];

		if (s->line != t->line || strcmp(s->text, t->text) != 0) {
			fputs("case changed: ", out);
			variant_label(out, x);
			fprintf(out, ": line %d `%s` -> line %d `%s`\n", s->line, s->text, t->line, t->text);
			return 1;
		}
		if (same_result(s, t))
			continue;
		fputs("result: ", out);
		variant_label(out, x);
		fprintf(out, ": line %d `%s`: %s -> %s\n", s->line, s->text, shown(s), shown(t));
		return 1;
	}
	if (x->nsteps == y->nsteps)
		return 0;
	fputs("case changed: ", out);
	variant_label(out, x);
	fprintf(out, ": %d steps -> %d steps\n", x->nsteps, y->nsteps);
	return 1;
}

/* The first step that ran in both and whose duration moved past the tolerance. */
static int first_timing_change(FILE *out, const struct res_variant *x, const struct res_variant *y, double tol)
{
	int n = x->nsteps < y->nsteps ? x->nsteps : y->nsteps;

	for (int i = 0; i < n; i++) {
		const struct res_step *s = &x->steps[i], *t = &y->steps[i];

		if (!s->ran || !t->ran || (s->ms > t->ms ? s->ms - t->ms : t->ms - s->ms) <= tol)
			continue;
		fputs("timing: ", out);
		variant_label(out, x);
		fprintf(out, ": line %d `%s`: %.1f ms -> %.1f ms\n", s->line, s->text, s->ms, t->ms);
		return 1;
	}
	return 0;
}

static int diff_variant(FILE *out, const struct res_variant *x, const struct res_variant *y,
			const struct diff_opts *o)
{
	int n = 0;

	if (strcmp(x->verdict, y->verdict) != 0 || strcmp(x->fail_kind, y->fail_kind) != 0) {
		fputs("verdict: ", out);
		variant_label(out, x);
		fprintf(out, ": %s%s%s%s -> %s%s%s%s\n", x->verdict, x->fail_kind[0] ? " (" : "", x->fail_kind,
			x->fail_kind[0] ? ")" : "", y->verdict, y->fail_kind[0] ? " (" : "", y->fail_kind,
			y->fail_kind[0] ? ")" : "");
		n++;
	}
	n += first_changed_step(out, x, y);
	if (o->timing)
		n += first_timing_change(out, x, y, o->tolerance_ms);
	return n;
}

int diff_results(FILE *out, const struct res_file *a, const char *aname, const struct res_file *b,
		 const char *bname, const struct diff_opts *o)
{
	int n = only_in(out, a, aname, b) + only_in(out, b, bname, a);

	for (int i = 0; i < a->nvariants; i++) {
		const struct res_variant *x = &a->variants[i];
		const struct res_variant *y = results_find(b, x->path, x->variant, x->run);

		if (y)
			n += diff_variant(out, x, y, o);
	}
	return n;
}
