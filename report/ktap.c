/* SPDX-License-Identifier: GPL-2.0-only */
/* The KTAP reporter (Documentation/dev-tools/ktap.rst), so that kernel test
 * harnesses read nsfault's results like any kselftest's, and so does every
 * TAP consumer. Checked against kunit_parser.py, prove (TAP::Parser), tap.py
 * and node tap-parser in strict mode by tests/consumers/check.sh.
 *
 * The header is "TAP version 13", not "KTAP version 1": kunit_parser.py and
 * the KTAP spec accept both, but TAP 13 consumers do not know KTAP's (prove
 * falls back to TAP 12, node tap-parser in strict mode rejects the stream),
 * and kselftest's own runner prints TAP 13. The plan follows the version
 * line at once: kunit_parser reads a plan only there (elsewhere it takes it
 * for a diagnostic and would not see a missing result), and tap.py wants the
 * plan on line 2 or last. What ran where follows as a "# " line.
 *
 * One test per case file (per run with -r), holding one subtest per
 * variant, as kunit and kselftest nest suites and cases:
 *
 *       # Subtest: E1 cases/established/e1-x.case
 *       1..2
 *       ok 1 ipv4
 *       ok 2 ipv6
 *   ok 1 E1 cases/established/e1-x.case
 *
 * The block opens with "# Subtest:" alone, without KTAP's nested version
 * line, which node tap-parser's strict mode rejects; kunit_parser accepts
 * either. kunit_parser and tap-parser count the variants; prove and tap.py
 * ignore indented lines and count the case files: a file is "not ok" when a
 * variant failed, "ok ... # SKIP" when every variant skipped.
 *
 * Directives after " # ": SKIP, which every consumer counts; TIMEOUT and
 * ERROR (crashed, interrupted), which KTAP defines and TAP consumers read as
 * part of a failed test's description. Diagnostics are "# " lines before the
 * result they explain. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report.h"

#define KTAP_INDENT "    "

/* The case file being reported: its variants' lines wait here until the
 * file's last variant is in, since the block's plan and result come first
 * and last. Reports come in plan order (run, file, variant), so a file's
 * variants are contiguous. */
static struct ktap_block {
	const struct case_file *c;      /* NULL: no block open */
	int run;
	FILE *m;
	char *text;
	size_t len;
	int n, failed, skipped;
	char skip_reason[sizeof(((struct outcome *)0)->reason)]; /* the first skipped variant's */
	int index;                      /* top-level results so far */
} blk;

/* The first lines: the version, the plan, then what ran where. */
static void ktap_header(FILE *out, const struct run_header *h, const char *plan)
{
	fprintf(out, "TAP version 13\n%s\n# nsfault %s on Linux %s (%s)\n", plan, h->version[0] ? h->version : "?",
		h->release[0] ? h->release : h->kernel, h->machine[0] ? h->machine : "?");
}

static void ktap_begin(FILE *out, const struct run_header *h)
{
	char plan[32];

	snprintf(plan, sizeof(plan), "1..%d", h->groups);
	ktap_header(out, h, plan);
	memset(&blk, 0, sizeof(blk));
}

/* A test name or a directive's reason on one line: '#' would start a
 * directive (kunit_parser drops the result, tap.py cuts the name there), so
 * it and '%' become %23 and %25; control bytes become %XX too (a tab stays
 * in diagnostics, where it is harmless). Percent encoding rather than TAP's
 * "\#" because kunit_parser does not honour the backslash. */
static void ktap_escaped(FILE *out, const char *s, bool in_name)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c < 0x20 && (in_name || c != '\t')) || c == 0x7f || (in_name && (c == '#' || c == '%')))
			fprintf(out, "%%%02X", c);
		else
			fputc(c, out);
	}
}

/* Diagnostic lines: the text reporter's block, each line behind "# ". */
static void ktap_diagnostics(FILE *out, const char *indent, const struct case_file *c, const struct variant *v,
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
		fprintf(out, "%s# ", indent);
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
	case FK_INTERRUPTED: return "ERROR";
	default: return NULL;
	}
}

/* "ok N NAME # DIRECTIVE REASON" or "not ok ...". */
static void ktap_result(FILE *out, const char *indent, bool ok, int n, const char *name, const char *directive,
			const char *reason)
{
	fprintf(out, "%s%s %d ", indent, ok ? "ok" : "not ok", n);
	ktap_escaped(out, name, true);
	if (directive) {
		fprintf(out, " # %s ", directive);
		ktap_escaped(out, reason, false);
	}
	fputc('\n', out);
}

/* "E1 cases/established/e1-x.case", and " run 2" with -r. */
static void ktap_block_name(char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s %s", blk.c->scenario, blk.c->path);

	if (blk.run > 0 && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, " run %d", blk.run);
}

/* Prints the open block: its header, its variants, its own result. */
static void ktap_flush(FILE *out)
{
	char name[1024];
	bool all_skipped = blk.skipped == blk.n;

	if (!blk.c)
		return;
	fclose(blk.m);
	ktap_block_name(name, sizeof(name));
	fputs(KTAP_INDENT "# Subtest: ", out);
	ktap_escaped(out, name, true);
	fprintf(out, "\n" KTAP_INDENT "1..%d\n", blk.n);
	fwrite(blk.text, 1, blk.len, out);
	ktap_result(out, "", blk.failed == 0, ++blk.index, name, all_skipped ? "SKIP" : NULL, blk.skip_reason);
	fflush(out);
	free(blk.text);
	blk.c = NULL;
}

/* Opens a block for c's variants in this run; 0, or -1 when out of memory. */
static int ktap_open(const struct case_file *c, int run)
{
	blk.text = NULL;
	blk.len = 0;
	if (!(blk.m = open_memstream(&blk.text, &blk.len)))
		return -1;
	blk.c = c;
	blk.run = run;
	blk.n = blk.failed = blk.skipped = 0;
	blk.skip_reason[0] = '\0';
	return 0;
}

static void ktap_variant(FILE *out, int index, int run, const struct case_file *c, const struct variant *v,
			 const struct outcome *o, bool verbose)
{
	char name[48];

	(void)index;
	if (blk.c && (blk.c != c || blk.run != run))
		ktap_flush(out);
	if (!blk.c && ktap_open(c, run) < 0) {
		fprintf(stderr, "nsfault: out of memory writing the KTAP report\n");
		return;
	}
	case_variant_name(v, name, sizeof(name));
	if (o->verdict != VERDICT_PASS || verbose)
		ktap_diagnostics(blk.m, KTAP_INDENT, c, v, o, verbose);
	ktap_result(blk.m, KTAP_INDENT, o->verdict != VERDICT_FAIL, ++blk.n, name, ktap_directive(o), o->reason);
	blk.failed += o->verdict == VERDICT_FAIL;
	if (o->verdict == VERDICT_SKIP && blk.skipped++ == 0)
		snprintf(blk.skip_reason, sizeof(blk.skip_reason), "%s", o->reason);
}

static void ktap_totals(FILE *out, int pass, int fail, int skip, int error)
{
	fprintf(out, "# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:%d\n", pass, fail, skip, error);
	fflush(out);
}

static void ktap_end(FILE *out, const struct run_header *h)
{
	const struct run_totals *t = &h->totals;

	ktap_flush(out);
	ktap_totals(out, t->passed, t->failed, t->skipped, 0);
}

/* kselftest's skip-all: a plan of none with the reason. */
static void ktap_skip_all(FILE *out, const struct run_header *h, int ncases, const char *reason)
{
	char *plan = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&plan, &len);

	if (!m)
		return;
	fprintf(m, "1..0 # SKIP all %d cases: ", ncases);
	ktap_escaped(m, reason, false);
	fclose(m);
	ktap_header(out, h, plan);
	free(plan);
	fflush(out);
}

/* One failed test per unusable file, so that a consumer counts them. */
static void ktap_malformed(FILE *out, const struct run_header *h, const struct report_error *e, int n)
{
	char plan[32], reason[1024];

	snprintf(plan, sizeof(plan), "1..%d", n);
	ktap_header(out, h, plan);
	for (int i = 0; i < n; i++) {
		snprintf(reason, sizeof(reason), "malformed: %s", e[i].message);
		ktap_result(out, "", false, i + 1, e[i].path, "ERROR", reason);
	}
	ktap_totals(out, 0, 0, 0, n);
}

const struct reporter report_ktap = { ktap_begin, ktap_variant, ktap_end, ktap_skip_all, ktap_malformed };
