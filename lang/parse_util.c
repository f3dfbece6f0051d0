/* SPDX-License-Identifier: GPL-2.0-only */
/* What the parser's files share. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/parse_util.h"
#include "lang/symbols.h"
#include "lang/topology.h"
#include "lang/version.h"

int parse_fail(struct parser *p, int col, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(p->err, p->errlen, "%s:%d:%d: ", p->path, p->line, col);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - n, fmt, ap);
	va_end(ap);
	return -1;
}

static int end_col(struct parser *p)
{
	const struct lex_word *last = &p->w[p->nw - 1];

	return last->col + last->len + (last->quoted ? 2 : 0);
}

int parse_col(struct parser *p, int i)
{
	return i < p->nw ? p->w[i].col : end_col(p);
}

int parse_long(const struct lex_word *w, long *v)
{
	char buf[32];
	char *end;

	if (w->quoted || lex_copy(w, buf, sizeof(buf)) < 0 || !buf[0])
		return -1;
	errno = 0;
	*v = strtol(buf, &end, 10);
	return (*end || errno) ? -1 : 0;
}

void parse_add_actor(struct parser *p, const char *name, int host)
{
	struct case_actor *a = &p->c->actors[p->c->nactors];

	p->cur[p->c->nactors] = -1;
	p->pending[p->c->nactors] = -1;
	p->c->nactors++;
	memset(a, 0, sizeof(*a));
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->host = host;
}

void parse_fix_topology(struct parser *p, enum case_topology t)
{
	const struct topo_def *def = topo_get(t);

	p->c->topology = t;
	p->c->nhosts = def->nhosts;
	for (int i = 0; i < def->nhosts; i++) {
		snprintf(p->c->hosts[i], CASE_NAME_LEN, "%s", def->hosts[i]);
		parse_add_actor(p, def->hosts[i], i);
	}
	p->topology_line = p->line;
}

static enum guard_op guard_op(const struct lex_word *w)
{
	char op[4];

	return lex_copy(w, op, sizeof(op)) < 0 ? GUARD_NONE : names_guard_op_value(op);
}

int parse_kernel_guard(struct parser *p, int i, struct kernel_guard *g)
{
	char text[32];

	if (i >= p->nw || !lex_is(&p->w[i], "kernel"))
		return parse_fail(p, parse_col(p, i), "expected 'kernel OP VERSION' or 'family ipv4|ipv6', as in: kernel >= 6.1");
	if (i + 1 >= p->nw || (g->op = guard_op(&p->w[i + 1])) == GUARD_NONE)
		return parse_fail(p, parse_col(p, i + 1), "expected one of < <= >= > == after 'kernel'");
	if (i + 2 >= p->nw || lex_copy(&p->w[i + 2], text, sizeof(text)) < 0 ||
	    (g->version = version_parse_exact(text)) < 0)
		return parse_fail(p, parse_col(p, i + 2), "expected a kernel version such as 6.1 or 5.10.0 "
				  "(MAJOR.MINOR[.PATCH], each 0..255)");
	return i + 3;
}
