/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_directive: the lines that describe a case rather than a step:
 * scenario, topology, family, actor, require, sysctl, backends,
 * neighbours. Internal to the language. */
#ifndef NSF_PARSE_DIRECTIVES_H
#define NSF_PARSE_DIRECTIVES_H

#include "lang/parse_util.h"

/* When the line in p is a directive, applies it and returns 1 with *rc 0,
 * or -1 and the parser's error set; returns 0 when it is not one. */
int parse_directive(struct parser *p, int *rc);

#endif
