/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_inject: the arguments of `HOST inject`. Internal to the language.
 *     HOST inject FLAGS SEQ [ack SEQ] [sport PORT] [dport PORT] [to HOST:PORT]
 *     SEQ: K | acked[+K|-K] | absolute N          (lang/inject.h) */
#ifndef NSF_PARSE_INJECT_H
#define NSF_PARSE_INJECT_H

#include "lang/case.h"
#include "lang/parse_util.h"

/* From word *i on, into s->inject; *i ends after the last word read.
 * Refuses what cannot be sent: a relative number without a connection
 * (`to`), `to` the host itself, `dport` beside `to`, an option twice.
 * Returns 0, or -1 with the parser's error set. */
int parse_inject(struct parser *p, int *i, struct case_step *s);

#endif
