/* SPDX-License-Identifier: GPL-2.0-only */
/* JSON results (docs/RESULTS.md): everything a run observed, one file per
 * run, for machines: the kernel matrix and `nsfault diff` read it back
 * (report/results.c). Built with jansson, which escapes; strings from the
 * user are made valid UTF-8 first, since jansson refuses anything else. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include "lang/fw_rule.h"
#include "lang/symbols.h"
#include "report/escape.h"
#include "report/report.h"
#include "util/errnames.h"

struct json_results {
	json_t *variants, *errors, *skipped;
	bool oom;
};

/* A JSON string of s, valid UTF-8 whatever s holds. */
static json_t *jstr(const char *s)
{
	char *clean = esc_utf8_dup(s ? s : "");
	json_t *j = clean ? json_string(clean) : NULL;

	free(clean);
	return j;
}

static json_t *jms(int64_t us)
{
	return json_real(us / 1000.0);
}

/* Adds to an array, remembering when memory ran out (the file then says so
 * by being absent rather than silently short). */
static void push(struct json_results *j, json_t *array, json_t *item)
{
	if (!item || json_array_append_new(array, item) < 0)
		j->oom = true;
}

struct json_results *json_results_open(void)
{
	struct json_results *j = calloc(1, sizeof(*j));

	if (!j)
		return NULL;
	j->variants = json_array();
	j->errors = json_array();
	j->skipped = json_array();
	if (!j->variants || !j->errors || !j->skipped)
		j->oom = true;
	return j;
}

/* The observed result of a step that ran. */
static json_t *json_result(const struct case_step *s, const struct result *r)
{
	struct result bare = *r;
	char text[160];

	/* The duration has its own member: the text is the value alone, so
	 * that it compares across runs. */
	if (!r->timed_out)
		bare.elapsed_us = 0;
	match_format_result(&bare, s->kind, text, sizeof(text));
	return json_pack("{s:I, s:o, s:s, s:o, s:f, s:o, s:b, s:i}",
			 "ret", (json_int_t)r->ret,
			 "errno", r->ret == -1 && r->err ? jstr(err_name(r->err)) : json_null(),
			 "kind", report_kind_name(s->kind),
			 "text", jstr(s->async && r->ran && !r->timed_out ? "started" : text),
			 "duration_ms", r->elapsed_us / 1000.0,
			 "note", jstr(r->note),
			 "timed_out", r->timed_out,
			 "sigpipe", r->sigpipe);
}

static json_t *json_step(const struct case_file *c, const struct case_step *s, const struct result *r)
{
	const char *branch = r->ran ? case_branch_taken(c, s, r) : NULL;
	char want[384];

	case_format_judged(c, s, r, want, sizeof(want));
	return json_pack("{s:i, s:i, s:o, s:b, s:b, s:o, s:o, s:o}",
			 "line", s->line, "col", s->col, "text", jstr(s->text), "ran", r->ran,
			 "mismatch", r->mismatch,
			 "result", r->ran ? json_result(s, r) : json_null(),
			 "expected", r->ran ? jstr(want) : json_null(),
			 "branch", branch ? jstr(branch) : json_null());
}

void json_results_add(struct json_results *j, int run, const struct case_file *c, const struct variant *v,
		      const struct outcome *o)
{
	json_t *steps, *item;
	char name[48];

	if (!j)
		return;
	case_variant_name(v, name, sizeof(name));
	steps = json_array();
	for (int i = 0; steps && i < c->nsteps; i++)
		push(j, steps, json_step(c, &c->steps[i], &o->results[i]));
	item = json_pack("{s:o, s:o, s:o, s:s, s:s, s:o, s:i, s:s, s:o, s:o, s:o, s:o, s:o}",
			 "path", jstr(c->path), "scenario", jstr(c->scenario), "summary", jstr(c->summary),
			 "variant", name, "family", case_family_name(v->family),
			 "backend", v->backend >= 0 ? json_string(fw_backend_name((enum fw_backend)v->backend))
						    : json_null(),
			 "run", run > 0 ? run : 1,
			 "verdict", report_verdict_name(o->verdict),
			 "fail_kind", o->verdict == VERDICT_FAIL ? json_string(report_fail_kind_name(o->kind))
								  : json_null(),
			 "reason", jstr(o->reason),
			 "failed_line", o->failed_step >= 0 && o->failed_step < c->nsteps
				? json_integer(c->steps[o->failed_step].line) : json_null(),
			 "duration_ms", jms(o->elapsed_us),
			 "steps", steps ? steps : json_null());
	push(j, j->variants, item);
}

void json_results_skip_case(struct json_results *j, const struct case_file *c, const char *reason)
{
	if (j)
		push(j, j->skipped, json_pack("{s:o, s:o, s:o}", "path", jstr(c->path), "scenario",
					      jstr(c->scenario), "reason", jstr(reason)));
}

void json_results_error(struct json_results *j, const struct report_error *e)
{
	if (j)
		push(j, j->errors, json_pack("{s:o, s:o}", "path", jstr(e->path), "message", jstr(e->message)));
}

static json_t *json_header(const struct run_header *h)
{
	time_t t = (time_t)h->started;
	struct tm tm;
	char date[32] = "1970-01-01T00:00:00Z";

	if (gmtime_r(&t, &tm))
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_pack("{s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:i, s:f, s:{s:i, s:i, s:i}}",
			 "format", "nsfault-results", "format_version", 1,
			 "nsfault_version", jstr(h->version), "kernel_release", jstr(h->release),
			 "kernel_version", jstr(h->kernel), "machine", jstr(h->machine),
			 "hostname", jstr(h->hostname), "date", date, "options", jstr(h->options),
			 "repeat", h->repeat > 0 ? h->repeat : 1, "wall_ms", h->wall_us / 1000.0,
			 "totals", "passed", h->totals.passed, "failed", h->totals.failed,
			 "skipped", h->totals.skipped);
}

static void json_results_free(struct json_results *j)
{
	json_decref(j->variants);
	json_decref(j->errors);
	json_decref(j->skipped);
	free(j);
}

int json_results_write(struct json_results *j, const char *path, const struct run_header *h)
{
	json_t *root;
	int rc = -1;

	if (!j)
		return errno = ENOMEM, -1;
	root = j->oom ? NULL : json_header(h);
	if (root && json_object_set(root, "variants", j->variants) == 0 &&
	    json_object_set(root, "skipped_cases", j->skipped) == 0 &&
	    json_object_set(root, "errors", j->errors) == 0) {
		errno = 0;
		rc = json_dump_file(root, path, JSON_INDENT(1) | JSON_PRESERVE_ORDER) == 0 ? 0 : -1;
		if (rc < 0 && errno == 0)
			errno = EIO;
	} else {
		errno = ENOMEM;
	}
	json_decref(root);
	json_results_free(j);
	return rc;
}
