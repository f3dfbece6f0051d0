/* SPDX-License-Identifier: GPL-2.0-only */
/* Expectations: values, errnos, states, poll events, ranges, alternatives,
 * durations, error-queue fields and guards (`kernel OP VERSION` itself is
 * parse_util.c's, shared with `require kernel`). */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include "lang/case.h"
#include "lang/symbols.h"
#include "lang/parse_expect.h"
#include "lang/parse_util.h"
#include "lang/verbs.h"

/* A word of a vocabulary the expectation did not know, with a hint. */
static int fail_named(struct parser *p, int col, const char *word, enum names_kind kind, const char *what)
{
	struct suggest sg;
	char hint[80];

	suggest_init(&sg, word);
	names_suggest(kind, &sg);
	return parse_fail(p, col, "%s%s", what, suggest_hint(&sg, hint, sizeof(hint)));
}

/* getsockopt SO_ERROR reads the pending error as a value: the call itself
 * fails only on a socket that is not there (EBADF after a failed accept). */
static bool reads_errno_value(const struct case_step *s)
{
	return s->verb->id == VERB_GETSOCKOPT && s->kind == VK_ERRNO;
}

static int alt_errno(struct parser *p, int i, const struct case_step *s, struct expect_alt *a)
{
	const char *what = "expected an errno name after -1, as in: = -1 ECONNRESET";
	char name[32];
	int e;

	if (i + 1 >= p->nw || lex_copy(&p->w[i + 1], name, sizeof(name)) < 0)
		return parse_fail(p, parse_col(p, i + 1), "%s", what);
	if ((e = err_value(name)) < 0)
		return fail_named(p, p->w[i + 1].col, name, NAMES_ERRNO, what);
	if (reads_errno_value(s) && e != EBADF)
		return parse_fail(p, p->w[i].col, "getsockopt SO_ERROR returns the pending error as its value: "
				  "write = %s (or = 0), not = -1 %s", name, name);
	*a = (struct expect_alt){ -1, -1, e };
	return i + 2;
}

/* A value that is a name for this kind: an errno, a state, poll events. */
static int alt_named(struct parser *p, int i, enum value_kind k, const char *text, struct expect_alt *a)
{
	int v;

	if (k == VK_ERRNO && (v = err_value(text)) > 0) {
		*a = (struct expect_alt){ v, v, 0 };
		return i + 1;
	}
	if (k == VK_STATE) {
		if ((v = names_tcp_state_value(text)) < 0)
			return fail_named(p, p->w[i].col, text, NAMES_TCP_STATE,
					  "expected a TCP state name such as ESTABLISHED or CLOSE");
		*a = (struct expect_alt){ v, v, 0 };
		return i + 1;
	}
	if (k == VK_POLL && names_poll_events(text, &v) == 0 && strcmp(text, "0") != 0) {
		*a = (struct expect_alt){ v, v, 0 };
		return i + 1;
	}
	if (k == VK_BLOCKED) {
		if (strcmp(text, "blocked") != 0)
			return parse_fail(p, p->w[i].col, "expected 'blocked' (the call has not returned)");
		*a = (struct expect_alt){ 1, 1, 0 };
		return i + 1;
	}
	return 0;
}

static const char *number_hint(enum value_kind k)
{
	switch (k) {
	case VK_ERRNO: return "expected 0 or an errno name such as ECONNRESET";
	case VK_FD:    return "expected fd or -1 ERRNAME";
	case VK_POLL:  return "expected poll events such as IN|OUT|ERR|HUP|RDHUP, or 0 for a timeout";
	default:       return "expected a number, a range LO..HI, or -1 ERRNAME";
	}
}

/* A word that is not a number where a number (or -1 ERRNAME) was due:
 * an errno name alone on a call that returns a count, or a near miss of a
 * name of this kind, gets a precise hint. */
static int fail_not_number(struct parser *p, int i, enum value_kind k, const char *text)
{
	int ev;

	if ((k == VK_INT || k == VK_FD) && err_value(text) > 0)
		return parse_fail(p, p->w[i].col, "%s: this call returns a count and sets errno on failure "
				  "(did you mean -1 %s?)", number_hint(k), text);
	if (k == VK_ERRNO && (text[0] == 'E' || text[0] == 'e'))
		return fail_named(p, p->w[i].col, text, NAMES_ERRNO, number_hint(k));
	if (k == VK_POLL && (text[0] < '0' || text[0] > '9') && names_poll_events(text, &ev) < 0)
		for (const char *t = text; *t; t += strcspn(t, "|") + (t[strcspn(t, "|")] ? 1 : 0)) {
			char word[48];

			snprintf(word, sizeof(word), "%.*s", (int)strcspn(t, "|"), t);
			if (names_poll_events(word, &ev) < 0)
				return fail_named(p, p->w[i].col + (int)(t - text), word, NAMES_POLL_EVENT,
						  number_hint(k));
		}
	return parse_fail(p, p->w[i].col, "%s", number_hint(k));
}

/* "5" or "1..100" into lo/hi; -1 when it is neither. */
static int parse_range(const struct lex_word *w, long *lo, long *hi)
{
	const char *dots = memmem(w->s, w->len, "..", 2);
	struct lex_word a = *w, b = *w;

	if (!dots)
		return parse_long(w, lo) < 0 ? -1 : (*hi = *lo, 0);
	a.len = (int)(dots - w->s);
	b.s = dots + 2;
	b.len = w->len - a.len - 2;
	if (parse_long(&a, lo) < 0 || parse_long(&b, hi) < 0 || *hi < *lo)
		return -1;
	return 0;
}

static int parse_alt(struct parser *p, int i, const struct case_step *s, struct expect_alt *a)
{
	enum value_kind k = s->kind;
	char text[48];
	int r;

	if (i >= p->nw)
		return parse_fail(p, parse_col(p, i), "expected a result after '='");
	if (lex_copy(&p->w[i], text, sizeof(text)) < 0)
		return parse_fail(p, p->w[i].col, "expected a result, not a word this long");
	if (k == VK_FD && strcmp(text, "fd") == 0) {
		*a = (struct expect_alt){ 0, LONG_MAX, 0 };
		return i + 1;
	}
	if (strcmp(text, "-1") == 0)
		return alt_errno(p, i, s, a);
	if ((r = alt_named(p, i, k, text, a)) != 0)
		return r;
	if (parse_range(&p->w[i], &a->lo, &a->hi) < 0)
		return fail_not_number(p, i, k, text);
	if (a->lo <= -1 && a->hi >= -1)
		return parse_fail(p, p->w[i].col, "-1 needs its errno name, as in: = -1 ECONNRESET");
	/* Errnos and poll events are written by name; 0 is their "none". */
	if ((k == VK_ERRNO || k == VK_POLL) && (a->lo != 0 || a->hi != 0))
		return parse_fail(p, p->w[i].col, "%s, not a number", number_hint(k));
	a->err = 0;
	return i + 1;
}

/* `after LO..HI ms` (or s): the call must take that long. */
static int parse_after(struct parser *p, int i, struct expect *e)
{
	long lo, hi, scale;

	if (i >= p->nw || !lex_is(&p->w[i], "after"))
		return i;
	if (i + 2 >= p->nw || parse_range(&p->w[i + 1], &lo, &hi) < 0 || lo < 0 ||
	    !(lex_is(&p->w[i + 2], "ms") || lex_is(&p->w[i + 2], "s")))
		return parse_fail(p, parse_col(p, i + 1), "expected a duration range after 'after', as in: after 900..1500 ms");
	scale = lex_is(&p->w[i + 2], "s") ? 1000000 : 1000;
	/* Checked before scaling, so a huge number cannot overflow. */
	if (hi > CASE_MAX_WAIT_MS / (scale / 1000))
		return parse_fail(p, p->w[i + 1].col, "a duration of at most %d ms: a case variant is stopped after %d ms "
				  "(util/timeouts.h)", CASE_MAX_WAIT_MS, TIMEOUT_CASE_MS);
	e->after_col = p->w[i].col;
	e->timed = true;
	e->after_lo_us = lo * scale;
	e->after_hi_us = hi * scale;
	return i + 3;
}

/* `with origin local|icmp|icmp6 type N code N info N` (any of them, in this
 * order): the fields of an error-queue read. */
static int parse_with(struct parser *p, int i, enum value_kind k, struct expect *e)
{
	static const char *const fields[] = { "type", "code", "info" };
	long *slots[] = { NULL, NULL, &e->ee.info };
	long type = -1, code = -1;
	char origin[8];

	if (i >= p->nw || !lex_is(&p->w[i], "with"))
		return i;
	if (k != VK_ERRNO)
		return parse_fail(p, p->w[i].col, "'with' describes an error-queue read: only after errqueue");
	e->with_ee = true;
	e->ee = (struct ee_fields){ -1, -1, -1, -1 };
	slots[0] = &type;
	slots[1] = &code;
	i++;
	if (i + 1 < p->nw && lex_is(&p->w[i], "origin")) {
		if (lex_copy(&p->w[i + 1], origin, sizeof(origin)) < 0 ||
		    (e->ee.origin = names_ee_origin_value(origin)) < 0)
			return parse_fail(p, p->w[i + 1].col, "expected local, icmp or icmp6 after 'origin'");
		i += 2;
	}
	for (int f = 0; f < 3; f++)
		if (i < p->nw && lex_is(&p->w[i], fields[f])) {
			if (i + 1 >= p->nw || parse_long(&p->w[i + 1], slots[f]) < 0 || *slots[f] < 0 ||
			    *slots[f] > (f < 2 ? 255 : (long)UINT32_MAX))
				return parse_fail(p, parse_col(p, i + 1), "expected a number after '%s' (%s)", fields[f],
						  f < 2 ? "0..255: an ICMP field is one byte" : "0..4294967295");
			i += 2;
		}
	e->ee.type = (int)type;
	e->ee.code = (int)code;
	if (e->ee.origin < 0 && type < 0 && code < 0 && e->ee.info < 0)
		return parse_fail(p, parse_col(p, i), "expected origin, type, code or info after 'with'");
	return i;
}

/* `family ipv4|ipv6` from word i. */
static int parse_family_guard(struct parser *p, int i, struct kernel_guard *g)
{
	if (i + 1 < p->nw && lex_is(&p->w[i + 1], "ipv4"))
		g->family = FAM_IPV4;
	else if (i + 1 < p->nw && lex_is(&p->w[i + 1], "ipv6"))
		g->family = FAM_IPV6;
	else
		return parse_fail(p, parse_col(p, i + 1), "expected ipv4 or ipv6 after 'family'");
	return i + 2;
}

/* The index of the branch word w names, or -1. */
static int branch_index(const struct parser *p, const struct lex_word *w)
{
	for (int b = 0; b < p->c->nbranches; b++)
		if (lex_is(w, p->c->branches[b]))
			return b;
	return -1;
}

/* A branch as a condition: it must be named by an earlier step, since a
 * step's guards are read before its own result is judged. */
static int parse_branch_guard(struct parser *p, int i, const struct case_step *s, struct kernel_guard *g)
{
	int b = branch_index(p, &p->w[i]);

	if (p->branch_at[b].step >= (int)(s - p->c->steps))
		return parse_fail(p, p->w[i].col, "branch '%s' is taken by this step itself (line %d): a guard can "
				  "name only a branch of an earlier step", p->c->branches[b], p->branch_at[b].line);
	g->branches |= 1u << b;
	return i + 1;
}

/* CONDITION [and CONDITION] after `if`: kernel OP VERSION, family NAME, or
 * a branch an earlier step names. */
static int parse_guard(struct parser *p, int i, const struct case_step *s, struct kernel_guard *g)
{
	for (;;) {
		if (i < p->nw && lex_is(&p->w[i], "family"))
			i = parse_family_guard(p, i, g);
		else if (i < p->nw && branch_index(p, &p->w[i]) >= 0)
			i = parse_branch_guard(p, i, s, g);
		else if (i < p->nw && !lex_is(&p->w[i], "kernel"))
			return parse_fail(p, p->w[i].col, "expected 'kernel OP VERSION', 'family ipv4|ipv6' or a branch "
					  "an earlier step names (`branch NAME`) after '%s'", lex_is(&p->w[i - 1], "and")
					  ? "and" : "if");
		else
			i = parse_kernel_guard(p, i, g);
		if (i < 0 || i >= p->nw || !lex_is(&p->w[i], "and"))
			return i;
		i++;
	}
}

/* A name a branch may have: not a word the guard itself reads. */
static bool branch_name_ok(const char *name)
{
	static const char *const reserved[] = { "kernel", "family", "and", "if", "branch", "after", "with" };

	if (!name[0] || strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != strlen(name))
		return false;
	for (size_t k = 0; k < sizeof(reserved) / sizeof(reserved[0]); k++)
		if (strcmp(name, reserved[k]) == 0)
			return false;
	return true;
}

/* `branch NAME` at word i, ending an expectation line of step s. */
static int parse_branch(struct parser *p, int i, const struct case_step *s, struct expect *e)
{
	char name[CASE_NAME_LEN];
	int b;

	if (i >= p->nw || !lex_is(&p->w[i], "branch"))
		return i;
	if (i + 1 >= p->nw || lex_copy(&p->w[i + 1], name, sizeof(name)) < 0 || !branch_name_ok(name))
		return parse_fail(p, parse_col(p, i + 1), "expected a name after 'branch': letters, digits, '-' or '_', "
				  "at most %d, not a word of the guard (kernel, family, and, if)", CASE_NAME_LEN - 1);
	/* One branch may hold several lines of its step (one per family, say),
	 * but a name is one step's only. */
	if ((b = branch_index(p, &p->w[i + 1])) >= 0 && p->branch_at[b].step != (int)(s - p->c->steps))
		return parse_fail(p, p->w[i + 1].col, "branch '%s' is already named on line %d, by another step", name,
				  p->branch_at[b].line);
	if (b < 0) {
		if (p->c->nbranches == CASE_MAX_BRANCHES)
			return parse_fail(p, p->w[i].col, "too many branches (at most %d)", CASE_MAX_BRANCHES);
		b = p->c->nbranches++;
		snprintf(p->c->branches[b], CASE_NAME_LEN, "%s", name);
		p->branch_at[b].step = (int)(s - p->c->steps);
		p->branch_at[b].line = p->line;
	}
	e->branch = b + 1;
	return i + 2;
}

int parse_expect(struct parser *p, int i, const struct case_step *s, struct expect *e)
{
	enum value_kind k = s->kind;

	e->line = p->line;
	e->col = p->w[i].col;
	i++;
	for (;;) {
		if (e->nalts == EXPECT_MAX_ALTS)
			return parse_fail(p, parse_col(p, i), "too many alternatives (at most %d)", EXPECT_MAX_ALTS);
		i = parse_alt(p, i, s, &e->alt[e->nalts++]);
		if (i < 0 || i >= p->nw || !lex_is(&p->w[i], "|"))
			break;
		i++;
	}
	if (i < 0 || (i = parse_after(p, i, e)) < 0 || (i = parse_with(p, i, k, e)) < 0)
		return -1;
	if (i < p->nw && lex_is(&p->w[i], "if") && (i = parse_guard(p, i + 1, s, &e->guard)) < 0)
		return -1;
	return parse_branch(p, i, s, e);
}
