/* SPDX-License-Identifier: GPL-2.0-only */
/* Reading the list of equivalent mutants. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/mutate.h"
#include "lang/mutate_equiv.h"

static const char *skip_dot_slash(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

static bool known_op(const char *name)
{
	for (int i = 0; i < MUT_NOPS; i++)
		if (strcmp(mut_op_name((enum mut_op)i), name) == 0)
			return true;
	return false;
}

static int fail(char *err, size_t errlen, const char *file, int line, int col, const char *what)
{
	snprintf(err, errlen, "%s:%d:%d: %s", file, line, col, what);
	return -1;
}

/* Parses one non-blank line s (len bytes, no newline) into e. */
static int parse_entry(const char *file, int ln, const char *s, int len, struct mequiv *e, char *err, size_t errlen)
{
	char buf[1024];
	int plen, col, n = 0;
	const char *hash, *colon;

	if (len >= (int)sizeof(buf))
		return fail(err, errlen, file, ln, 1, "line too long");
	memcpy(buf, s, (size_t)len);
	buf[len] = '\0';
	if (!(hash = strchr(buf, '#')))
		return fail(err, errlen, file, ln, len + 1, "expected '# reason' after the operator: say why the mutant is equivalent");
	col = (int)(strspn(buf, " \t")) + 1;
	if (!(colon = memchr(buf, ':', (size_t)(hash - buf))) || colon == buf + col - 1)
		return fail(err, errlen, file, ln, col, "expected PATH:LINE OPERATOR  # reason");
	plen = (int)(colon - (buf + col - 1));
	if (plen >= (int)sizeof(e->path))
		return fail(err, errlen, file, ln, col, "path too long");
	snprintf(e->path, sizeof(e->path), "%s", skip_dot_slash(strndupa(buf + col - 1, (size_t)plen)));
	if (sscanf(colon + 1, "%d %31s %n", &e->line, e->op, &n) != 2 || e->line < 1 || colon + 1 + n != hash)
		return fail(err, errlen, file, ln, (int)(colon - buf) + 2, "expected LINE OPERATOR after ':', then '# reason'");
	if (!known_op(e->op))
		return fail(err, errlen, file, ln, (int)(colon - buf) + 2, "unknown operator (see `nsfault mutate --help`)");
	hash += strspn(hash + 1, " \t") + 1;
	if (!*hash)
		return fail(err, errlen, file, ln, (int)(hash - buf) + 1, "expected a reason after '#'");
	snprintf(e->reason, sizeof(e->reason), "%s", hash);
	e->src_line = ln;
	return 0;
}

static bool skippable(const char *s, int len)
{
	int i = (int)strspn(s, " \t\r");

	return i >= len || s[i] == '#';
}

int mequiv_parse(const char *file, const char *text, struct mequiv_list *out, char *err, size_t errlen)
{
	int cap = 1, ln = 0;

	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	*out = (struct mequiv_list){ calloc((size_t)cap, sizeof(struct mequiv)), 0 };
	if (!out->e)
		return fail(err, errlen, file, 1, 1, "out of memory");
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);

		ln++;
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (!skippable(p, len) && parse_entry(file, ln, p, len, &out->e[out->n++], err, errlen) < 0) {
			mequiv_free(out);
			return -1;
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	return 0;
}

struct mequiv *mequiv_find(struct mequiv_list *l, const char *path, int line, const char *op)
{
	path = skip_dot_slash(path);
	for (int i = 0; i < l->n; i++)
		if (l->e[i].line == line && strcmp(l->e[i].op, op) == 0 && strcmp(l->e[i].path, path) == 0)
			return &l->e[i];
	return NULL;
}

void mequiv_free(struct mequiv_list *l)
{
	free(l->e);
	*l = (struct mequiv_list){ 0 };
}
