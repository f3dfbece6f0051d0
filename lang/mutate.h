/* SPDX-License-Identifier: GPL-2.0-only */
/* mut_: mutation operators over a case file. Each operator rewrites the text
 * of a parsed case in one small way a kernel change (or a weak case) could
 * hide behind: another errno, a fault step gone, a timer scaled, a reject
 * turned into a drop, an observation gone or two swapped. A strong case
 * fails on every such mutant; one that passes is a *survivor*, an assertion
 * that cannot fail. Pure: text and a parsed case in, texts out; whether a
 * mutant still parses and whether it is killed is for the caller
 * (cli/cmd_mutate.c) to find out. */
#ifndef NSF_MUTATE_H
#define NSF_MUTATE_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/case.h"

enum mut_op {
	MUT_ERRNO_SWAP,         /* an expected errno becomes a plausible other one */
	MUT_DELETE_FAULT,       /* freeze (with its thaw), kill, firewall add (with its del),
				 * SO_LINGER, poweroff (with its poweron), link down (with
				 * its up), destroy: deleted */
	MUT_TIMER_UP,           /* a timer setting (socket option or sysctl) times 1.5 */
	MUT_TIMER_DOWN,         /* ... times 0.67 */
	MUT_REJECT_TO_DROP,     /* a firewall rule's reject action becomes drop */
	MUT_DROP_TO_REJECT,     /* a drop becomes port-unreachable */
	MUT_DELETE_OBS,         /* an observation that may change what later calls see deleted */
	MUT_SWAP_OBS,           /* two adjacent observations of one actor swapped */
	MUT_NOPS
};

/* "errno-swap", "delete-fault", "timer-x1.5", "timer-x0.67", "reject-to-drop",
 * "drop-to-reject", "delete-observation", "swap-observations". */
const char *mut_op_name(enum mut_op op);

/* The operators a --operator NAME selects, as bits (1u << op): the one of
 * that name, or every one whose name starts with NAME and '-' ("timer",
 * "delete"). 0 when none. */
unsigned mut_op_select(const char *name);

struct mutant {
	enum mut_op op;
	int line;               /* the (first) line it changes, 1-based */
	char shown[3 * CASE_TEXT_LEN];  /* what changed, for the report */
	char *text;             /* the whole mutated file, malloc'd */
};

struct mutant_list {
	struct mutant *m;
	int n, cap;
};

/* Appends to out every mutant of the operators in ops (bits) of the case
 * whose text is text and which parses to c, in line order per operator.
 * Returns 0, or -1 when out of memory (out keeps what it has). */
int mut_generate(const char *text, const struct case_file *c, unsigned ops, struct mutant_list *out);

void mut_list_free(struct mutant_list *l);

#endif
