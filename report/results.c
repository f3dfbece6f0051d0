/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading a JSON results file back, with jansson. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "report/results.h"

/* Copies the string member key of o into buf ("" when absent or null).
 * Returns -1 when it is there but not a string. */
static int get_str(json_t *o, const char *key, char *buf, size_t len)
{
	json_t *v = json_object_get(o, key);

	buf[0] = '\0';
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return -1;
	snprintf(buf, len, "%s", json_string_value(v));
	return 0;
}

static double get_num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_number(v) ? json_number_value(v) : 0;
}

static int load_step(json_t *js, struct res_step *s)
{
	json_t *r = json_object_get(js, "result");

	if (!json_is_object(js) || get_str(js, "text", s->text, sizeof(s->text)) < 0 ||
	    get_str(js, "expected", s->expected, sizeof(s->expected)) < 0)
		return -1;
	s->line = (int)json_integer_value(json_object_get(js, "line"));
	s->ran = json_is_true(json_object_get(js, "ran"));
	if (!r || json_is_null(r))
		return s->ran ? -1 : 0;
	if (!json_is_object(r) || get_str(r, "errno", s->err, sizeof(s->err)) < 0 ||
	    get_str(r, "kind", s->kind, sizeof(s->kind)) < 0 || get_str(r, "text", s->result, sizeof(s->result)) < 0 ||
	    get_str(r, "note", s->note, sizeof(s->note)) < 0 || !json_is_integer(json_object_get(r, "ret")))
		return -1;
	s->ret = (long)json_integer_value(json_object_get(r, "ret"));
	s->ms = get_num(r, "duration_ms");
	s->timed_out = json_is_true(json_object_get(r, "timed_out"));
	return 0;
}

/* Returns 0, or -1 with what is wrong in err. */
static int load_variant(json_t *jv, struct res_variant *v, int index, char *err, size_t errlen)
{
	json_t *steps = json_object_get(jv, "steps");
	json_t *js;
	size_t i;

	if (!json_is_object(jv) || get_str(jv, "path", v->path, sizeof(v->path)) < 0 || !v->path[0] ||
	    get_str(jv, "variant", v->variant, sizeof(v->variant)) < 0 || !v->variant[0] ||
	    get_str(jv, "verdict", v->verdict, sizeof(v->verdict)) < 0 || !v->verdict[0] ||
	    get_str(jv, "scenario", v->scenario, sizeof(v->scenario)) < 0 ||
	    get_str(jv, "fail_kind", v->fail_kind, sizeof(v->fail_kind)) < 0 ||
	    get_str(jv, "reason", v->reason, sizeof(v->reason)) < 0 || !json_is_array(steps)) {
		snprintf(err, errlen, "variants[%d]: expected an object with strings path, variant, verdict "
			 "and an array steps", index);
		return -1;
	}
	v->run = json_is_integer(json_object_get(jv, "run")) ? (int)json_integer_value(json_object_get(jv, "run"))
							       : 1;
	v->ms = get_num(jv, "duration_ms");
	v->steps = calloc(json_array_size(steps) + 1, sizeof(*v->steps));
	if (!v->steps) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	json_array_foreach(steps, i, js) {
		if (load_step(js, &v->steps[i]) < 0) {
			snprintf(err, errlen, "variants[%d].steps[%zu]: expected line, text, ran and a result "
				 "with an integer ret", index, i);
			return -1;
		}
		v->nsteps++;
	}
	return 0;
}

static int load_header(json_t *root, struct res_file *f)
{
	json_t *format = json_object_get(root, "format");

	if (!json_is_string(format) || strcmp(json_string_value(format), "nsfault-results") != 0)
		return -1;
	get_str(root, "nsfault_version", f->version, sizeof(f->version));
	get_str(root, "kernel_release", f->release, sizeof(f->release));
	get_str(root, "kernel_version", f->kernel, sizeof(f->kernel));
	get_str(root, "machine", f->machine, sizeof(f->machine));
	get_str(root, "hostname", f->hostname, sizeof(f->hostname));
	get_str(root, "date", f->date, sizeof(f->date));
	get_str(root, "options", f->options, sizeof(f->options));
	f->repeat = (int)json_integer_value(json_object_get(root, "repeat"));
	return 0;
}

static int load_root(json_t *root, const char *name, struct res_file *f, char *err, size_t errlen)
{
	json_t *vars = json_object_get(root, "variants"), *jv;
	char what[400];
	size_t i;

	memset(f, 0, sizeof(*f));
	if (!json_is_object(root) || load_header(root, f) < 0 || !json_is_array(vars)) {
		snprintf(err, errlen, "%s: not nsfault results: expected an object with \"format\": "
			 "\"nsfault-results\" and an array \"variants\"", name);
		return -1;
	}
	f->variants = calloc(json_array_size(vars) + 1, sizeof(*f->variants));
	if (!f->variants) {
		snprintf(err, errlen, "%s: out of memory", name);
		return -1;
	}
	json_array_foreach(vars, i, jv) {
		f->nvariants++;
		if (load_variant(jv, &f->variants[i], (int)i, what, sizeof(what)) < 0) {
			snprintf(err, errlen, "%s: %s", name, what);
			results_free(f);
			return -1;
		}
	}
	return 0;
}

static int finish(json_t *root, json_error_t *je, const char *name, struct res_file *f, char *err,
		  size_t errlen)
{
	int rc;

	if (!root) {
		memset(f, 0, sizeof(*f));
		snprintf(err, errlen, "%s:%d:%d: %s", name, je->line, je->column, je->text);
		return -1;
	}
	rc = load_root(root, name, f, err, errlen);
	json_decref(root);
	return rc;
}

int results_load(const char *path, struct res_file *f, char *err, size_t errlen)
{
	json_error_t je;

	return finish(json_load_file(path, 0, &je), &je, path, f, err, errlen);
}

int results_parse(const char *text, struct res_file *f, char *err, size_t errlen)
{
	json_error_t je;

	return finish(json_loads(text, 0, &je), &je, "<text>", f, err, errlen);
}

void results_free(struct res_file *f)
{
	for (int i = 0; f->variants && i < f->nvariants; i++)
		free(f->variants[i].steps);
	free(f->variants);
	f->variants = NULL;
	f->nvariants = 0;
}

const struct res_variant *results_find(const struct res_file *f, const char *path, const char *variant, int run)
{
	for (int i = 0; i < f->nvariants; i++) {
		const struct res_variant *v = &f->variants[i];

		if (v->run == run && strcmp(v->path, path) == 0 && strcmp(v->variant, variant) == 0)
			return v;
	}
	return NULL;
}
