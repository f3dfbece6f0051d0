/* JUnit XML, the format most CI systems display: one testcase per variant,
 * classname the case file, name the variant; a failure carries the text
 * reporter's block. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/report.h"

struct junit {
	char *xml;              /* the testcase elements so far */
	size_t len;
	FILE *m;
	double seconds;
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

static void xml_escaped(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			/* XML 1.0 allows no other control characters. */
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, f);
		}
	}
}

static void junit_failure(struct junit *j, const struct case_file *c, const struct variant *v,
			  const struct outcome *o)
{
	char *text = NULL, line[1024];
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (m) {
		report_text_case(m, c, v, o, false);
		fclose(m);
	}
	report_failure_line(c, o, line, sizeof(line));
	fputs("    <failure message=\"", j->m);
	xml_escaped(j->m, line);
	fputs("\">", j->m);
	xml_escaped(j->m, text ? text : "");
	fputs("</failure>\n", j->m);
	free(text);
}

void junit_add(struct junit *j, const struct case_file *c, const struct variant *v, const struct outcome *o)
{
	char name[48];

	if (!j)
		return;
	case_variant_name(v, name, sizeof(name));
	j->seconds += o->elapsed_us / 1e6;
	fputs("  <testcase classname=\"", j->m);
	xml_escaped(j->m, c->path);
	fputs("\" name=\"", j->m);
	xml_escaped(j->m, name);
	fprintf(j->m, "\" time=\"%.3f\">\n", o->elapsed_us / 1e6);
	if (o->verdict == VERDICT_FAIL)
		junit_failure(j, c, v, o);
	else if (o->verdict == VERDICT_SKIP) {
		fputs("    <skipped message=\"", j->m);
		xml_escaped(j->m, o->reason);
		fputs("\"/>\n", j->m);
	}
	fputs("  </testcase>\n", j->m);
}

int junit_write(struct junit *j, const char *path, const struct run_header *h)
{
	const struct run_totals *t = &h->totals;
	FILE *f;
	int rc = 0;

	if (!j)
		return errno = ENOMEM, -1;
	fclose(j->m);
	f = fopen(path, "w");
	if (!f) {
		rc = -1;
	} else {
		fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			"<testsuite name=\"nsfault\" tests=\"%d\" failures=\"%d\" skipped=\"%d\" errors=\"0\" time=\"%.3f\">\n",
			t->passed + t->failed + t->skipped, t->failed, t->skipped, j->seconds);
		fwrite(j->xml, 1, j->len, f);
		fputs("</testsuite>\n", f);
		if (fclose(f) != 0)
			rc = -1;
	}
	free(j->xml);
	free(j);
	return rc;
}
