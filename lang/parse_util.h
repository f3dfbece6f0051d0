/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_: what the parser's files share: the parser's state, error
 * reporting, words as numbers, the topology default and kernel guards.
 * Internal to the language. Calls go one way:
 *     parser.c -> parse_directives.c, parse_expect.c -> parse_util.c */
#ifndef NSF_PARSE_UTIL_H
#define NSF_PARSE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/case.h"
#include "lang/lexer.h"

struct parser {
	const char *path;
	int line;
	const char *raw;                /* the current line as written */
	struct case_file *c;
	char *err;
	size_t errlen;
	int topology_line;              /* 0 until the topology is fixed */
	int cur[CASE_MAX_ACTORS];       /* current socket slot per actor, -1: none */
	unsigned fresh[CASE_MAX_ACTORS];/* bit per slot: made by `socket`, still unbound */
	int pending[CASE_MAX_ACTORS];   /* step index of a `start`ed call, -1: none */
	int off_line[CASE_MAX_HOSTS];   /* line of the host's poweroff, 0: powered on */
	int nrules;                     /* firewall rules added so far, by name and host */
	struct { int host, line; bool active; struct fw_rule rule; } rules[16];
	long case_ms;                   /* the durations of the steps before the last one */
	bool backends_line;             /* a `backends` directive was given */
	struct { int step, line; } branch_at[CASE_MAX_BRANCHES];  /* where each `branch NAME` is */
	const struct lex_word *w;       /* the line's words */
	int nw;
};

/* Writes "path:line:col: message" into the error buffer; returns -1. */
int parse_fail(struct parser *p, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Column of word i, or just past the last word when i is past the end. */
int parse_col(struct parser *p, int i);
/* Parses a whole word as a decimal long; -1 when it is not one. */
int parse_long(const struct lex_word *w, long *v);

/* Adds an actor called name on host, with no socket and no call pending.
 * The caller checks that there is room and that the name is new. */
void parse_add_actor(struct parser *p, const char *name, int host);
/* Puts the hosts and their default actors in place (default: pair). */
void parse_fix_topology(struct parser *p, enum case_topology t);

/* `kernel OP VERSION` from word i, for guards and `require kernel`;
 * returns the index after it, or -1. */
int parse_kernel_guard(struct parser *p, int i, struct kernel_guard *g);

#endif
