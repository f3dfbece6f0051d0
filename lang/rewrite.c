/* SPDX-License-Identifier: GPL-2.0-only */
/* Rewriting expectations in a case file's text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/rewrite.h"

int rw_count_lines(const char *text)
{
	int n = 0;

	for (const char *p = text; *p; p++)
		if (*p == '\n' || p[1] == '\0')
			n++;
	return n;
}

/* The end of a line's code: its '#' comment or its end. */
static const char *code_end(const char *line, const char *eol)
{
	bool quoted = false;

	for (const char *p = line; p < eol; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted)
			return p;
	}
	return eol;
}

/* The '=' of `= ?` ending the code of [line, eol), or NULL. */
static const char *placeholder(const char *line, const char *eol)
{
	const char *end = code_end(line, eol);

	while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end - line < 3 || end[-1] != '?')
		return NULL;
	end--;
	while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	return end > line && end[-1] == '=' ? end - 1 : NULL;
}

int rw_blank_placeholders(const char *text, char *out, bool *asked, int nlines)
{
	int line = 0, count = 0;

	strcpy(out, text);
	for (const char *p = text; *p && line < nlines;) {
		const char *eol = strchr(p, '\n');
		const char *eq;

		eol = eol ? eol : p + strlen(p);
		line++;
		asked[line] = false;
		if ((eq = placeholder(p, eol))) {
			char *o = out + (eq - text);

			*o = ' ';
			*strchr(o, '?') = ' ';
			asked[line] = true;
			count++;
		}
		p = *eol ? eol + 1 : eol;
	}
	return count;
}

static const struct rw_edit *edit_for(const struct rw_edit *e, int n, int line)
{
	for (int i = 0; i < n; i++)
		if (e[i].line == line)
			return &e[i];
	return NULL;
}

/* Appends the edited line: the code before col, the expectation, the
 * comment the line had, then the continuation aligned under '='. */
static char *put_line(char *o, const char *line, const char *eol, const struct rw_edit *e)
{
	const char *comment = code_end(line, eol);
	int col = e->col - 1;
	int len = (int)(eol - line) < col ? (int)(eol - line) : col;

	memcpy(o, line, (size_t)len);
	o += len;
	while (len++ < col)
		*o++ = ' ';
	o += sprintf(o, "= %s", e->expr);
	if (comment < eol) {
		*o++ = ' ';
		memcpy(o, comment, (size_t)(eol - comment));
		o += eol - comment;
	}
	if (e->cont[0]) {
		*o++ = '\n';
		memset(o, ' ', (size_t)col);
		o += col;
		o += sprintf(o, "= %s", e->cont);
	}
	return o;
}

char *rw_apply(const char *text, const struct rw_edit *edits, int n)
{
	size_t cap = strlen(text) + (size_t)n * 400 + 1;
	char *out = malloc(cap), *o = out;
	int line = 0, skip = 0;

	if (!out)
		return NULL;
	for (const char *p = text; *p;) {
		const char *eol = strchr(p, '\n');
		const struct rw_edit *e;

		eol = eol ? eol : p + strlen(p);
		line++;
		if (skip > 0) {
			skip--;
		} else if ((e = edit_for(edits, n, line))) {
			o = put_line(o, p, eol, e);
			skip = e->ncont;
			if (*eol)
				*o++ = '\n';
		} else {
			memcpy(o, p, (size_t)(eol - p) + (*eol ? 1 : 0));
			o += eol - p + (*eol ? 1 : 0);
		}
		p = *eol ? eol + 1 : eol;
	}
	*o = '\0';
	return out;
}
