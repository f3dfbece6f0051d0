/* The KTAP reporter (Documentation/dev-tools/ktap.rst), so that kernel test
 * harnesses read nsfault's results like any kselftest's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report.h"

static void ktap_begin(FILE *out, const struct run_header *h)
{
	fprintf(out, "KTAP version 1\n1..%d\n# nsfault on kernel %s\n", h->total, h->kernel);
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
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		fprintf(out, "# %s\n", line);
	free(text);
}

static void ktap_variant(FILE *out, int index, const struct case_file *c, const struct variant *v,
			 const struct outcome *o, bool verbose)
{
	char name[48];

	case_variant_name(v, name, sizeof(name));
	if (o->verdict != VERDICT_PASS || verbose)
		ktap_diagnostics(out, c, v, o, verbose);
	fprintf(out, "%s %d %s %s %s", o->verdict == VERDICT_FAIL ? "not ok" : "ok", index, c->scenario, c->path,
		name);
	if (o->verdict == VERDICT_SKIP)
		fprintf(out, " # SKIP %s", o->reason);
	fputc('\n', out);
	fflush(out);
}

static void ktap_end(FILE *out, const struct run_header *h)
{
	const struct run_totals *t = &h->totals;

	fprintf(out, "# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:%d error:0\n", t->passed, t->failed,
		t->skipped);
}

static void ktap_skip_all(FILE *out, int ncases, const char *reason)
{
	(void)ncases;
	fprintf(out, "KTAP version 1\n1..0 # SKIP %s\n", reason);
}

const struct reporter report_ktap = { ktap_begin, ktap_variant, ktap_end, ktap_skip_all };
