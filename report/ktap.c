/* SPDX-License-Identifier: GPL-2.0-only */
/* The KTAP reporter (Documentation/dev-tools/ktap.rst), so that kernel test
 * harnesses read nsfault's results like any kselftest's, and so does every
 * TAP consumer.
 *
 * The header is "TAP version 13", not "KTAP version 1": kunit_parser.py and
 * the KTAP spec accept both, but TAP 13 consumers (prove falls back to TAP 12,
 * node tap-parser in strict mode rejects the stream) do not know KTAP's, and
 * kselftest's own runner prints TAP 13. Everything else is the common subset:
 * "ok N name" / "not ok N name", a directive after " # " (SKIP, which every
 * consumer counts; TIMEOUT and ERROR, which KTAP defines and TAP 13
 * consumers read as part of a failed test's description), and diagnostics
 * as "# " lines before the result they explain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report.h"

/* The first lines: the version, then what ran where (before the plan:
 * consumers that want the plan right after the version skip "# " lines,
 * none wants diagnostics between the plan and the first result). */
static void ktap_header(FILE *out, const struct run_header *h)
{
	fprintf(out, "TAP version 13\n# nsfault %s on Linux %s (%s)\n", h->version[0] ? h->version : "?",
		h->release[0] ? h->release : h->kernel, h->machine[0] ? h->machine : "?");
}

static void ktap_begin(FILE *out, const struct run_header *h)
{
	ktap_header(out, h);
	fprintf(out, "1..%d\n", h->total);
}

/* A test name or a directive's reason on one line: '#' would start a
 * directive (kunit_parser drops the result, tap.py cuts the name there), so
 * it and '%' become %23 and %25; control bytes become %XX too. Percent
 * encoding rather than TAP's "\#" because kunit_parser does not honour the
 * backslash. */
static void ktap_escaped(FILE *out, const char *s, bool in_name)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || (in_name && (c == '#' || c == '%')))
			fprintf(out, "%%%02X", c);
		else
			fputc(c, out);
	}
}

/* Diagnostic lines: the text reporter's block, each line behind "# ". */
static void ktap_diagnostics(FILE *out, const struct case_file *c, const struct variant *v,
			     const struct outcome *o, bool verbose)
{
	char *text = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	report_text_case(m, c, v, o, verbose);
	fclose(m);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		fputs("# ", out);
		ktap_escaped(out, line, false);
		fputc('\n', out);
	}
	free(text);
}

/* The directive a result line ends with, or NULL. */
static const char *ktap_directive(const struct outcome *o)
{
	if (o->verdict == VERDICT_SKIP)
		return "SKIP";
	if (o->verdict != VERDICT_FAIL)
		return NULL;
	switch (o->kind) {
	case FK_TIMEOUT: return "TIMEOUT";
	case FK_CRASH: return "ERROR";
	case FK_INTERRUPTED: return "ERROR interrupted:";
	default: return NULL;
	}
}

static void ktap_variant(FILE *out, int index, int run, const struct case_file *c, const struct variant *v,
			 const struct outcome *o, bool verbose)
{
	const char *directive = ktap_directive(o);
	char name[48];

	case_variant_name(v, name, sizeof(name));
	if (o->verdict != VERDICT_PASS || verbose)
		ktap_diagnostics(out, c, v, o, verbose);
	fprintf(out, "%s %d ", o->verdict == VERDICT_FAIL ? "not ok" : "ok", index);
	ktap_escaped(out, c->scenario, true);
	fputc(' ', out);
	ktap_escaped(out, c->path, true);
	fprintf(out, " %s", name);
	if (run > 0)
		fprintf(out, " run %d", run);
	if (directive) {
		fprintf(out, " # %s ", directive);
		ktap_escaped(out, o->reason, false);
	}
	fputc('\n', out);
	fflush(out);
}

static void ktap_totals(FILE *out, int pass, int fail, int skip, int error)
{
	fprintf(out, "# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:%d\n", pass, fail, skip, error);
	fflush(out);
}

static void ktap_end(FILE *out, const struct run_header *h)
{
	const struct run_totals *t = &h->totals;

	ktap_totals(out, t->passed, t->failed, t->skipped, 0);
}

static void ktap_skip_all(FILE *out, const struct run_header *h, int ncases, const char *reason)
{
	ktap_header(out, h);
	fprintf(out, "1..0 # SKIP all %d cases: ", ncases);
	ktap_escaped(out, reason, false);
	fputc('\n', out);
	fflush(out);
}

/* One failed test per unusable file, so that a consumer counts them. */
static void ktap_malformed(FILE *out, const struct run_header *h, const struct report_error *e, int n)
{
	ktap_header(out, h);
	fprintf(out, "1..%d\n", n);
	for (int i = 0; i < n; i++) {
		fprintf(out, "not ok %d ", i + 1);
		ktap_escaped(out, e[i].path, true);
		fputs(" # ERROR malformed: ", out);
		ktap_escaped(out, e[i].message, false);
		fputc('\n', out);
	}
	ktap_totals(out, 0, 0, 0, n);
}

const struct reporter report_ktap = { ktap_begin, ktap_variant, ktap_end, ktap_skip_all, ktap_malformed };
