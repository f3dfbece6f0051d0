/* SPDX-License-Identifier: GPL-2.0-only */
/* parse_expect: the expectation after a step's '=', and the guards that
 * restrict it to some kernels or one family. Internal to the language. */
#ifndef NSF_PARSE_EXPECT_H
#define NSF_PARSE_EXPECT_H

#include "lang/case.h"
#include "lang/expect.h"
#include "lang/parse_util.h"

/* `= ALT [| ALT]... [after LO..HI ms|s] [with ...] [if GUARD [and GUARD]]`
 * from word i (the '='), for step s: values read as s->kind, and the forms
 * s's verb cannot return are refused (getsockopt SO_ERROR = -1 E...).
 * Returns the index after it, or -1 with the parser's error set. */
int parse_expect(struct parser *p, int i, const struct case_step *s, struct expect *e);

#endif
