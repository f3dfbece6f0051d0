/* Internal to the parser's three files: parser.c (lines and steps),
 * parse_expect.c (expectations), parse_directives.c (directives). */
#ifndef NSF_PARSER_INT_H
#define NSF_PARSER_INT_H

#include <stdbool.h>
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
	bool backends_line;             /* a `backends` directive was given */
	const struct lex_word *w;       /* the line's words */
	int nw;
};

/* Writes "path:line:col: message" into the error buffer; returns -1. */
int parse_fail(struct parser *p, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Column of word i, or just past the last word when i is past the end. */
int parse_col(struct parser *p, int i);
/* Parses a whole word as a decimal long; -1 when it is not one. */
int parse_long(const struct lex_word *w, long *v);
/* Puts the hosts and their default actors in place (default: pair). */
void parse_fix_topology(struct parser *p, enum case_topology t);

/* `= ALT [| ALT]... [after LO..HI ms|s] [if kernel OP VERSION]` from word i
 * (the '='). Returns the index after it, or -1. */
int parse_expect(struct parser *p, int i, enum value_kind k, struct expect *e);

/* `kernel OP VERSION` from word i; returns the index after it, or -1. */
int parse_kernel_guard(struct parser *p, int i, struct kernel_guard *g);

/* A directive line (scenario, topology, family, actor, require, sysctl):
 * returns 1 when it was one (0 or -1 set in *rc), 0 when it is not one. */
int parse_directive(struct parser *p, int *rc);

#endif
