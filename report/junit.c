/* SPDX-License-Identifier: GPL-2.0-only */
/* JUnit XML as Ant writes it and Jenkins, GitLab and junitparser read it:
 * one <testsuite> with <properties> (kernel, machine, nsfault's version),
 * timestamp, hostname and the run's wall time; one <testcase> per variant.
 * A wrong result is a <failure>; a case process that crashed, timed out or
 * was interrupted is an <error> (the test could not say), a malformed file
 * an <error> testcase of its own. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "report/escape.h"
#include "report/report.h"

struct junit {
	char *xml;              /* the testcase elements so far */
	size_t len;
	FILE *m;
	int tests, failures, errors, skipped;
};

struct junit *junit_open(void)
{
	struct junit *j = calloc(1, sizeof(*j));

	if (j && !(j->m = open_memstream(&j->xml, &j->len))) {
		free(j);
		return NULL;
	}
	return j;
}

/* A path's last component, without the ".case" suffix; dots become '_' so
 * that CI UIs, which split classnames at dots, keep it whole. */
static void classname_part(FILE *f, const char *begin, const char *end)
{
	char part[256];
	size_t n = (size_t)(end - begin) < sizeof(part) - 1 ? (size_t)(end - begin) : sizeof(part) - 1;

	memcpy(part, begin, n);
	part[n] = '\0';
	for (char *p = part; *p; p++)
		if (*p == '.' || *p == ' ')
			*p = '_';
	esc_xml(f, part[0] ? part : "_");
}

/* "nsfault.<phase>.<stem>": cases/established/e1-x.case gives
 * nsfault.established.e1-x, so a UI groups by phase (the folder). */
static void junit_classname(FILE *f, const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	const char *dot = strstr(base, ".case"), *end = dot && dot[5] == '\0' ? dot : base + strlen(base);
	const char *phase = path;

	if (slash) {
		for (const char *p = path; p < slash; p++)
			if (*p == '/')
				phase = p + 1;
	}
	fputs("nsfault.", f);
	if (slash)
		classname_part(f, phase, slash);
	else
		fputs("top", f);
	fputc('.', f);
	classname_part(f, base, end);
}

static void testcase_open(struct junit *j, const char *path, const char *name, int run, double seconds)
{
	j->tests++;
	fputs("    <testcase classname=\"", j->m);
	junit_classname(j->m, path);
	fputs("\" name=\"", j->m);
	esc_xml(j->m, name);
	if (run > 0)
		fprintf(j->m, " run %d", run);
	fprintf(j->m, "\" time=\"%.3f\">\n", seconds);
}

/* <failure> or <error> with a message, a type and the text block as body. */
static void junit_problem(struct junit *j, const char *element, const char *type, const char *message,
			  const char *body)
{
	fprintf(j->m, "      <%s type=\"%s\" message=\"", element, type);
	esc_xml(j->m, message);
	fputs("\">", j->m);
	esc_xml(j->m, body ? body : "");
	fprintf(j->m, "</%s>\n", element);
}

static void junit_failed(struct junit *j, const struct case_file *c, const struct variant *v,
			 const struct outcome *o)
{
	bool error = o->kind != FK_VERDICT;
	char *text = NULL, line[1024];
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (m) {
		report_text_case(m, c, v, o, false);
		fclose(m);
	}
	report_failure_line(c, o, line, sizeof(line));
	if (error)
		j->errors++;
	else
		j->failures++;
	junit_problem(j, error ? "error" : "failure", report_fail_kind_name(o->kind), line, text);
	free(text);
}

static void junit_skipped(struct junit *j, const char *reason)
{
	j->skipped++;
	fputs("      <skipped message=\"", j->m);
	esc_xml(j->m, reason);
	fputs("\"/>\n", j->m);
}

void junit_add(struct junit *j, int run, const struct case_file *c, const struct variant *v,
	       const struct outcome *o)
{
	char name[48];

	if (!j)
		return;
	case_variant_name(v, name, sizeof(name));
	testcase_open(j, c->path, name, run, o->elapsed_us / 1e6);
	if (o->verdict == VERDICT_FAIL)
		junit_failed(j, c, v, o);
	else if (o->verdict == VERDICT_SKIP)
		junit_skipped(j, o->reason);
	fputs("    </testcase>\n", j->m);
}

void junit_skip_case(struct junit *j, const struct case_file *c, const char *reason)
{
	if (!j)
		return;
	testcase_open(j, c->path, "all variants", 0, 0);
	junit_skipped(j, reason);
	fputs("    </testcase>\n", j->m);
}

void junit_error(struct junit *j, const struct report_error *e)
{
	if (!j)
		return;
	testcase_open(j, e->path, "load", 0, 0);
	j->errors++;
	junit_problem(j, "error", "malformed", e->message, e->message);
	fputs("    </testcase>\n", j->m);
}

static void property(FILE *f, const char *name, const char *value)
{
	fprintf(f, "      <property name=\"%s\" value=\"", name);
	esc_xml(f, value);
	fputs("\"/>\n", f);
}

static void junit_properties(FILE *f, const struct run_header *h)
{
	char repeat[16];

	snprintf(repeat, sizeof(repeat), "%d", h->repeat > 0 ? h->repeat : 1);
	fputs("    <properties>\n", f);
	property(f, "kernel.release", h->release);
	property(f, "kernel.version", h->kernel);
	property(f, "machine", h->machine);
	property(f, "hostname", h->hostname);
	property(f, "nsfault.version", h->version);
	property(f, "options", h->options);
	property(f, "repeat", repeat);
	fputs("    </properties>\n", f);
}

/* Ant's form: local-free ISO 8601 without a zone; ours is UTC. */
static void junit_timestamp(char *buf, size_t len, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || strftime(buf, len, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(buf, len, "1970-01-01T00:00:00");
}

static void junit_suite(FILE *f, const struct junit *j, const struct run_header *h)
{
	char stamp[32];

	junit_timestamp(stamp, sizeof(stamp), h->started);
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
		"  <testsuite name=\"nsfault\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" "
		"time=\"%.3f\" timestamp=\"%s\" hostname=\"", j->tests, j->failures, j->errors, j->skipped,
		h->wall_us / 1e6, stamp);
	esc_xml(f, h->hostname[0] ? h->hostname : "localhost");
	fputs("\">\n", f);
	junit_properties(f, h);
	fwrite(j->xml, 1, j->len, f);
	fputs("    <system-out/>\n    <system-err/>\n  </testsuite>\n</testsuites>\n", f);
}

int junit_write(struct junit *j, const char *path, const struct run_header *h)
{
	FILE *f;
	int rc = 0;

	if (!j)
		return errno = ENOMEM, -1;
	fclose(j->m);
	f = fopen(path, "w");
	if (!f) {
		rc = -1;
	} else {
		junit_suite(f, j, h);
		if (fclose(f) != 0)
			rc = -1;
	}
	free(j->xml);
	free(j);
	return rc;
}
