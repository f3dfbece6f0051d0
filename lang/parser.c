/* SPDX-License-Identifier: GPL-2.0-only */
/* The case language, line by line. A line is a directive, a step
 *     ACTOR[.SOCKET] [start] VERB ARGS... [as NAME] [= EXPECTATION]
 *     HOST VERB ARGS... [= EXPECTATION]               (host verbs)
 * or a continuation `= EXPECTATION if kernel OP VERSION` adding a guarded
 * expectation to the step above. */
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lang/symbols.h"
#include "lang/topology.h"
#include "lang/parser.h"
#include "lang/parse_directives.h"
#include "lang/parse_expect.h"
#include "lang/parse_inject.h"
#include "lang/parse_util.h"
#include "lang/verbs.h"
#include "util/tcpseg.h"

/* --- arguments -------------------------------------------------------------- */

static int arg_count(struct parser *p, int i, long *v, const struct verb *vb)
{
	if (i >= p->nw || parse_long(&p->w[i], v) < 0 || *v < 0)
		return parse_fail(p, parse_col(p, i), "expected a count (a number >= 0), as in: %s", vb->usage);
	return 0;
}

/* A count with a documented upper (and lower) bound: what: "a byte count". */
static int arg_bounded(struct parser *p, int i, long *v, long lo, long hi, const char *what,
		       const struct verb *vb)
{
	if (arg_count(p, i, v, vb) < 0)
		return -1;
	if (*v < lo || *v > hi)
		return parse_fail(p, p->w[i].col, "%s must be %ld..%ld, not %ld", what, lo, hi, *v);
	return 0;
}

/* A duration a step itself may wait: it must fit, with the step's reply
 * bound, inside the variant's bound, and so must all of them together. */
static int arg_duration(struct parser *p, int i, long *v, const struct verb *vb)
{
	if (arg_count(p, i, v, vb) < 0)
		return -1;
	if (*v > CASE_MAX_WAIT_MS)
		return parse_fail(p, p->w[i].col, "a duration of at most %d ms: a case variant is stopped after %d ms "
				  "(util/timeouts.h), not %ld", CASE_MAX_WAIT_MS, TIMEOUT_CASE_MS, *v);
	return 0;
}

/* An unknown word of some vocabulary: what was expected, and the nearest
 * known name when it looks like a slip. */
static int fail_unknown(struct parser *p, int col, const char *word, int kind, const char *what)
{
	struct suggest sg;
	char hint[80] = "";

	if (kind >= 0) {
		suggest_init(&sg, word);
		names_suggest((enum names_kind)kind, &sg);
		suggest_hint(&sg, hint, sizeof(hint));
	}
	return parse_fail(p, col, "expected %s%s", what, hint);
}

static int arg_port(struct parser *p, const struct lex_word *w, int col, long *v, const struct verb *vb)
{
	if (!w || parse_long(w, v) < 0 || *v < 1 || *v > 65535)
		return parse_fail(p, col, "expected a port (1-65535), as in: %s", vb->usage);
	return 0;
}

static int arg_hostport(struct parser *p, int i, struct case_step *s, const struct verb *vb)
{
	char text[64], *colon;
	struct lex_word port;

	if (i >= p->nw || lex_copy(&p->w[i], text, sizeof(text)) < 0 || !(colon = strchr(text, ':')))
		return parse_fail(p, parse_col(p, i), "expected HOST:PORT, as in: %s", vb->usage);
	*colon = '\0';
	s->target_host = case_host_index(p->c, text);
	if (s->target_host < 0)
		return parse_fail(p, p->w[i].col, "unknown host '%s': expected a host of the topology", text);
	port = (struct lex_word){ p->w[i].s + (colon - text) + 1, (int)strlen(colon + 1), 0, 0 };
	return arg_port(p, &port, p->w[i].col + (int)(colon - text) + 1, &s->arg[0], vb);
}

/* A word looked up by a names_ function returning -1 for unknown words;
 * kind is the vocabulary for a hint (enum names_kind), or -1. */
static int arg_named(struct parser *p, int i, long *v, int (*lookup)(const char *), const char *what, int kind)
{
	char text[128];

	if (i >= p->nw || lex_copy(&p->w[i], text, sizeof(text)) < 0)
		return parse_fail(p, parse_col(p, i), "expected %s", what);
	if ((*v = lookup(text)) < 0)
		return fail_unknown(p, p->w[i].col, text, kind, what);
	return 0;
}

/* The word of text that starts at off and ends at the next '|'. */
static void bits_word(const char *text, int off, char *buf, size_t len)
{
	snprintf(buf, len, "%.*s", (int)strcspn(text + off, "|"), text + off);
}

/* Points at the flag it does not know, not just at the word. */
static int arg_flags(struct parser *p, int i, long *v)
{
	char text[128];
	int flags, bad = 0;

	if (lex_copy(&p->w[i], text, sizeof(text)) < 0)
		return parse_fail(p, p->w[i].col, "expected MSG_* flags joined by '|', or 0");
	if (names_msg_flags(text, &flags, &bad) < 0) {
		char word[64];

		bits_word(text, bad, word, sizeof(word));
		return fail_unknown(p, p->w[i].col + bad, word, NAMES_MSG_FLAG, "MSG_* flags joined by '|', or 0");
	}
	*v = flags;
	return 0;
}

/* Poll events to wait for: at least one, and a hint for the word it does
 * not know. */
static int arg_poll_events(struct parser *p, int i, long *v)
{
	const char *what = "poll events such as IN|OUT|RDHUP (IN OUT PRI ERR HUP RDHUP)";
	char text[128], word[64];
	int ev;

	if (i >= p->nw || lex_copy(&p->w[i], text, sizeof(text)) < 0)
		return parse_fail(p, parse_col(p, i), "expected %s", what);
	if (names_poll_events(text, &ev) < 0) {
		for (const char *t = text; *t; t += strcspn(t, "|") + (t[strcspn(t, "|")] ? 1 : 0)) {
			int one;

			bits_word(text, (int)(t - text), word, sizeof(word));
			if (names_poll_events(word, &one) < 0)
				return fail_unknown(p, p->w[i].col + (int)(t - text), word, NAMES_POLL_EVENT, what);
		}
	}
	if (names_poll_events(text, &ev) < 0 || ev == 0)
		return parse_fail(p, p->w[i].col, "expected %s", what);
	*v = ev;
	return 0;
}

/* An interface of the step's host in the case's topology (eth0, ...): a
 * name the kernel could not have (longer than IFNAMSIZ - 1) or that is not
 * there fails here, not at run time. */
static int arg_ifname(struct parser *p, int i, struct case_step *s)
{
	const struct topo_def *t = topo_get(p->c->topology);
	char names[64] = "";
	int used = 0;

	for (int l = 0; l < t->nlinks; l++) {
		const struct topo_end *ends[2] = { &t->links[l].a, &t->links[l].b };

		for (int e = 0; e < 2; e++) {
			if (ends[e]->host != s->target_host)
				continue;
			if (strlen(ends[e]->ifname) < IFNAMSIZ && i < p->nw && lex_is(&p->w[i], ends[e]->ifname)) {
				snprintf(s->word, sizeof(s->word), "%s", ends[e]->ifname);
				return 0;
			}
			used += snprintf(names + used, sizeof(names) - used, "%s%s", used ? ", " : "", ends[e]->ifname);
		}
	}
	return parse_fail(p, parse_col(p, i), "expected an interface of %s (%s), as in: %s",
			  p->c->hosts[s->target_host], used ? names : "none", s->verb->usage);
}

/* The comparison a `wait inq`/`wait outq` step is written with (>= or <=):
 * the verb fixes which, and the case says it so that it reads as it runs. */
static int arg_literal(struct parser *p, int i, const char *op, const struct verb *vb)
{
	if (i >= p->nw || !lex_is(&p->w[i], op))
		return parse_fail(p, parse_col(p, i), "expected '%s', as in: %s", op, vb->usage);
	return 0;
}

static int updown_value(const char *text)
{
	return strcmp(text, "up") == 0 ? 1 : strcmp(text, "down") == 0 ? 0 : -1;
}

static int direction_value(const char *text)
{
	return strcmp(text, "out") == 0 ? 1 : strcmp(text, "in") == 0 ? 0 : -1;
}

static int tcp_flags_value(const char *text)
{
	int flags;

	return tcpseg_flags_value(text, &flags) < 0 ? -1 : flags;
}

/* A counter as nstat names it: letters and digits, a letter first. */
static int counter_name(struct parser *p, int i, char *buf, size_t len, const struct verb *vb)
{
	if (i >= p->nw || lex_is(&p->w[i], "=") || lex_copy(&p->w[i], buf, len) < 0 ||
	    strspn(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789") != strlen(buf) ||
	    !((buf[0] >= 'A' && buf[0] <= 'Z') || (buf[0] >= 'a' && buf[0] <= 'z')))
		return parse_fail(p, parse_col(p, i), "expected a counter name such as TcpOutRsts or TcpExtTCPChallengeACK, as in: %s",
				  vb->usage);
	return 0;
}

static int arg_counter(struct parser *p, int i, struct case_step *s)
{
	return counter_name(p, i, s->word, sizeof(s->word), s->verb);
}

/* What `wait counter NAME >=` compares with: a count N, or HOST2 NAME2,
 * another host's counter (its delta since that host's mark), read at run
 * time. A word that is neither a number nor a host fails here. */
static int arg_count_or_counter(struct parser *p, int *i, long *v, struct case_step *s)
{
	char host[CASE_NAME_LEN];
	int h;

	s->peer_counter.host = -1;
	if (*i >= p->nw || lex_is(&p->w[*i], "=") || parse_long(&p->w[*i], v) == 0)
		return arg_count(p, (*i)++, v, s->verb);
	if (lex_copy(&p->w[*i], host, sizeof(host)) < 0 || (h = case_host_index(p->c, host)) < 0)
		return parse_fail(p, p->w[*i].col, "expected a count or HOST NAME (a host of the topology and its "
				  "counter), not '%.*s', as in: %s", p->w[*i].len, p->w[*i].s, s->verb->usage);
	(*i)++;
	if (counter_name(p, *i, s->peer_counter.name, sizeof(s->peer_counter.name), s->verb) < 0)
		return -1;
	(*i)++;
	s->peer_counter.host = h;
	*v = 0;
	return 0;
}

/* The kernel takes an int (two for SO_LINGER): a value that does not fit
 * would be cut to another one silently. Timeouts in ms and SO_LINGER's
 * fields are not negative (the kernel would take a negative timeout as
 * "none" and print a warning). */
static int check_sockopt_values(struct parser *p, int i, const struct case_step *s, const char *name)
{
	int nargs = names_sockopt_nargs(s->opt->type);
	long lo = s->opt->type == SOT_INT ? INT_MIN : 0;

	for (int k = 0; k < nargs; k++)
		if (s->arg[k] < lo || s->arg[k] > INT_MAX)
			return parse_fail(p, p->w[i + 1 + k].col, "%s takes %s, not %ld", name,
					  lo ? "a value that fits in an int" : "values 0..2147483647", s->arg[k]);
	if (s->opt->type == SOT_LINGER && s->arg[0] > 1)
		return parse_fail(p, p->w[i + 1].col, "SO_LINGER's first value is on (1) or off (0), not %ld", s->arg[0]);
	return 0;
}

static int arg_sockopt(struct parser *p, int i, struct case_step *s, int setting)
{
	char name[32];
	int nargs;

	if (i >= p->nw || lex_copy(&p->w[i], name, sizeof(name)) < 0)
		return parse_fail(p, parse_col(p, i), "expected a socket option name such as SO_LINGER or TCP_USER_TIMEOUT");
	if (!(s->opt = names_sockopt(name)))
		return fail_unknown(p, p->w[i].col, name, NAMES_SOCKOPT,
				    "a socket option name such as SO_LINGER or TCP_USER_TIMEOUT");
	if (!setting)
		return i + 1;
	if (s->opt->type == SOT_ERROR)
		return parse_fail(p, p->w[i].col, "%s can only be read (getsockopt)", name);
	nargs = names_sockopt_nargs(s->opt->type);
	for (int k = 0; k < nargs; k++)
		if (i + 1 + k >= p->nw || parse_long(&p->w[i + 1 + k], &s->arg[k]) < 0)
			return parse_fail(p, parse_col(p, i + 1 + k), "expected %d integer value%s after %s", nargs,
					  nargs > 1 ? "s" : "", name);
	if (check_sockopt_values(p, i, s, name) < 0)
		return -1;
	return i + 1 + nargs;
}

static int find_rule(struct parser *p, int host, const char *name)
{
	for (int i = 0; i < p->nrules; i++)
		if (p->rules[i].active && p->rules[i].host == host && strcmp(p->rules[i].rule.name, name) == 0)
			return i;
	return -1;
}

/* all | tcp | tcp dport PORT | tcp sport PORT, from word *i. */
static int arg_fw_match(struct parser *p, int *i, struct fw_rule *r, const struct verb *vb)
{
	long port;

	if (*i < p->nw && lex_is(&p->w[*i], "all"))
		return r->match = FWM_ALL, (*i)++, 0;
	if (*i < p->nw && lex_is(&p->w[*i], "once"))
		return parse_fail(p, p->w[*i].col, "expected MATCH and ACTION before once (once is the last word: %s)",
				  vb->usage);
	if (*i >= p->nw || !lex_is(&p->w[*i], "tcp"))
		return parse_fail(p, parse_col(p, *i), "expected all, tcp, tcp dport PORT or tcp sport PORT");
	(*i)++;
	r->match = FWM_TCP;
	if (*i < p->nw && (lex_is(&p->w[*i], "dport") || lex_is(&p->w[*i], "sport"))) {
		r->match = lex_is(&p->w[*i], "dport") ? FWM_TCP_DPORT : FWM_TCP_SPORT;
		if (arg_port(p, *i + 1 < p->nw ? &p->w[*i + 1] : NULL, parse_col(p, *i + 1), &port, vb) < 0)
			return -1;
		r->port = (int)port;
		*i += 2;
	}
	return 0;
}

/* NAME CHAIN MATCH ACTION [once]: a new rule on the step's host. */
static int arg_fw_rule(struct parser *p, int *i, struct case_step *s)
{
	struct fw_rule *r = &s->rule;
	char word[32];
	int v;

	if (*i >= p->nw || lex_copy(&p->w[*i], r->name, sizeof(r->name)) < 0 ||
	    strspn(r->name, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(r->name) ||
	    find_rule(p, s->target_host, r->name) >= 0)
		return parse_fail(p, parse_col(p, *i), "expected a new rule name (a-z, 0-9, _; at most 15), as in: %s",
				  s->verb->usage);
	(*i)++;
	if (*i >= p->nw || lex_copy(&p->w[*i], word, sizeof(word)) < 0 || (v = fw_rule_chain(word)) < 0)
		return parse_fail(p, parse_col(p, *i), "expected %s", fw_rule_chains_doc);
	r->chain = (enum fw_chain)v;
	(*i)++;
	if (arg_fw_match(p, i, r, s->verb) < 0)
		return -1;
	if (*i < p->nw && lex_is(&p->w[*i], "once"))
		return parse_fail(p, p->w[*i].col, "expected %s before once (once is the last word: %s)",
				  fw_rule_actions_doc, s->verb->usage);
	if (*i >= p->nw || lex_copy(&p->w[*i], word, sizeof(word)) < 0 || (v = fw_rule_action(word)) < 0)
		return parse_fail(p, parse_col(p, *i), "expected %s", fw_rule_actions_doc);
	if (v == FWA_TCP_RESET && r->match == FWM_ALL)
		return parse_fail(p, p->w[*i].col, "tcp-reset answers TCP only: match tcp, not all");
	r->action = (enum fw_action)v;
	(*i)++;
	r->once = *i < p->nw && lex_is(&p->w[*i], "once");
	*i += r->once;
	if (!r->once && *i < p->nw && !lex_is(&p->w[*i], "="))
		return parse_fail(p, p->w[*i].col, "expected once or the end of the line after the ACTION, as in: %s",
				  s->verb->usage);
	return 0;
}

/* NAME of a rule added on the step's host and still in place. */
static int arg_fw_name(struct parser *p, int i, struct case_step *s)
{
	char name[32];
	int k;

	if (i >= p->nw || lex_copy(&p->w[i], name, sizeof(name)) < 0 || (k = find_rule(p, s->target_host, name)) < 0)
		return parse_fail(p, parse_col(p, i), "expected the name of a rule added on %s and not deleted",
				  p->c->hosts[s->target_host]);
	s->rule = p->rules[k].rule;
	return 0;
}

static int optional_absent(struct parser *p, int i)
{
	return i >= p->nw || lex_is(&p->w[i], "=") || lex_is(&p->w[i], "as");
}

/* One schema letter (see verbs.h) at word *i into arg slot *k. */
static int parse_arg(struct parser *p, char letter, int *i, int *k, struct case_step *s)
{
	const struct verb *vb = s->verb;
	const struct lex_word *w = *i < p->nw ? &p->w[*i] : NULL;

	switch (letter) {
	case 'N': return arg_count(p, (*i)++, &s->arg[(*k)++], vb);
	case 'B': return arg_bounded(p, (*i)++, &s->arg[(*k)++], 0, CASE_MAX_BYTES, "a byte count (at most 16 MiB)", vb);
	case 'M': return arg_bounded(p, (*i)++, &s->arg[(*k)++], CASE_MTU_MIN, CASE_MTU_MAX, "an MTU", vb);
	case '>': return arg_literal(p, (*i)++, ">=", vb);
	case '<': return arg_literal(p, (*i)++, "<=", vb);
	case 'T': case 't':
		if (letter == 't' && optional_absent(p, *i))
			s->wait_ms = vb->arg_default;
		else if (arg_duration(p, (*i)++, &s->wait_ms, vb) < 0)
			return -1;
		return 0;
	case 'P': (*i)++; return arg_port(p, w, parse_col(p, *i - 1), &s->arg[(*k)++], vb);
	case 'H': (*k)++; return arg_hostport(p, (*i)++, s, vb);
	case 'n': case 'f':
		s->arg[*k] = vb->arg_default;
		if (optional_absent(p, *i))
			return (*k)++, 0;
		if (letter == 'n')
			return arg_bounded(p, (*i)++, &s->arg[(*k)++], 0, CASE_MAX_BACKLOG, "a backlog", vb);
		return arg_flags(p, (*i)++, &s->arg[(*k)++]);
	case 'E': return arg_poll_events(p, (*i)++, &s->arg[(*k)++]);
	case 'S': return arg_named(p, (*i)++, &s->arg[(*k)++], names_tcp_state_value,
				   "a TCP state name such as ESTABLISHED, CLOSE_WAIT or CLOSE", NAMES_TCP_STATE);
	case 'W': return arg_named(p, (*i)++, &s->arg[(*k)++], names_shutdown_how, "SHUT_RD, SHUT_WR or SHUT_RDWR",
				   NAMES_SHUTDOWN);
	case 'g': return arg_named(p, (*i)++, &s->arg[(*k)++], sig_value, "a signal name such as SIGKILL", NAMES_SIGNAL);
	case 'U': return arg_named(p, (*i)++, &s->arg[(*k)++], updown_value, "up or down", -1);
	case 'I': return arg_ifname(p, (*i)++, s);
	case 'R': return arg_named(p, (*i)++, &s->arg[(*k)++], direction_value, "out or in", -1);
	case 'K': return arg_named(p, (*i)++, &s->arg[(*k)++], tcp_flags_value,
				   "TCP flags such as SYN, RST|ACK or FIN (FIN SYN RST PSH ACK URG ECE CWR DATA), or any", -1);
	case 'C': return arg_counter(p, (*i)++, s);
	case 'Q': return arg_count_or_counter(p, i, &s->arg[(*k)++], s);
	case 'J': return parse_inject(p, i, s);
	case 'F': return arg_fw_rule(p, i, s);
	case 'D': return arg_fw_name(p, (*i)++, s);
	case 'O': case 'G': {
		int r = arg_sockopt(p, *i, s, letter == 'O');

		return r < 0 ? -1 : (*i = r, 0);
	}
	}
	return parse_fail(p, parse_col(p, *i), "internal: unknown schema letter '%c'", letter);
}

static int parse_args(struct parser *p, int i, struct case_step *s)
{
	int k = 0;

	for (const char *sc = s->verb->schema; *sc; sc++)
		if (parse_arg(p, *sc, &i, &k, s) < 0)
			return -1;
	return i;
}

/* --- subjects, sockets, processes and hosts --------------------------------- */

static int find_sock_name(const struct case_actor *a, const char *name)
{
	for (int i = 0; i < a->nsocks; i++)
		if (strcmp(a->sock_names[i], name) == 0)
			return i;
	return -1;
}

/* Word 0 names an actor (and maybe a socket) or, for host verbs, a host. */
static int parse_subject(struct parser *p, struct case_step *s, int *named, char *text, size_t len)
{
	char *dot;

	if (lex_copy(&p->w[0], text, (int)len) < 0 || p->w[0].quoted)
		return parse_fail(p, p->w[0].col, "expected a directive or an actor name");
	if ((dot = strchr(text, '.')))
		*dot = '\0';
	s->actor = case_actor_index(p->c, text);
	s->sock = -1;
	*named = dot != NULL;
	if (dot && s->actor >= 0 && (s->sock = find_sock_name(&p->c->actors[s->actor], dot + 1)) < 0)
		return parse_fail(p, p->w[0].col + (int)(dot - text) + 1,
				  "%s has no socket named '%s' (name one with 'as NAME' where it is made)",
				  p->c->actors[s->actor].name, dot + 1);
	return 0;
}

static int new_sock(struct parser *p, struct case_step *s)
{
	struct case_actor *a = &p->c->actors[s->actor];

	if (a->nsocks == CASE_MAX_SOCKS)
		return parse_fail(p, p->w[0].col, "%s uses too many sockets (at most %d)", a->name, CASE_MAX_SOCKS);
	s->sock = a->nsocks++;
	p->cur[s->actor] = s->sock;
	return 0;
}

/* Decides at parse time which socket slot the step acts on. */
static int resolve_sock(struct parser *p, struct case_step *s, int named)
{
	int cur = named ? s->sock : p->cur[s->actor];
	unsigned *fresh = &p->fresh[s->actor];
	const char *actor = p->c->actors[s->actor].name;

	switch (s->verb->sock) {
	case SOCK_NONE:
		s->sock = -1;
		return 0;
	case SOCK_USE:
		if (cur < 0)
			return parse_fail(p, p->w[0].col, "%s has no socket yet: expected socket, listen, connect or accept before",
					  actor);
		s->sock = cur;         /* options may be set on a fresh socket: it stays fresh */
		return 0;
	case SOCK_FRESH:
		if (named || (cur >= 0 && (*fresh & (1u << cur)))) {
			s->sock = cur;
			*fresh &= ~(1u << cur);
			return 0;
		}
		return new_sock(p, s);
	case SOCK_NEW:
		s->src_sock = cur;
		if (s->verb->needs_src && cur < 0)
			return parse_fail(p, p->w[0].col, "%s has no socket to %s from: expected listen before", actor,
					  s->verb->name);
		if (named && !s->verb->needs_src)
			return parse_fail(p, p->w[0].col, "'%s' makes a new socket: name it with 'as NAME', not ACTOR.NAME",
					  s->verb->name);
		if (new_sock(p, s) < 0)
			return -1;
		if (!s->verb->needs_src)
			*fresh |= 1u << s->sock;
		return 0;
	}
	return 0;
}

/* An actor whose process ended (or whose host lost power) comes back, at
 * its next step, as a new process with no sockets. */
static void forget_processes(struct parser *p, unsigned actors)
{
	for (int a = 0; a < p->c->nactors; a++)
		if (actors & (1u << a)) {
			p->cur[a] = -1;
			p->fresh[a] = 0;
			p->pending[a] = -1;
		}
}

/* The actors living on host, one bit each. */
static unsigned actors_on(const struct case_file *c, int host)
{
	unsigned actors = 0;

	for (int a = 0; a < c->nactors; a++)
		if (c->actors[a].host == host)
			actors |= 1u << a;
	return actors;
}

/* Checks that an agent step can run: the host is on and no call is pending. */
static int check_agent_free(struct parser *p, const struct case_step *s)
{
	const struct case_actor *a = &p->c->actors[s->actor];

	if (p->off_line[a->host])
		return parse_fail(p, p->w[0].col, "host %s is powered off (line %d): expected poweron before",
				  p->c->hosts[a->host], p->off_line[a->host]);
	if (p->pending[s->actor] >= 0)
		return parse_fail(p, p->w[0].col, "%s has a call in progress (started at line %d): expected finish before",
				  a->name, p->c->steps[p->pending[s->actor]].line);
	return 0;
}

/* finish and blocked: the actor's started call, which finish collects. */
static int effect_call(struct parser *p, struct case_step *s)
{
	int *pending = &p->pending[s->actor];

	if (*pending < 0)
		return parse_fail(p, p->w[1].col, "%s has no call in progress: expected 'start VERB' before",
				  p->c->actors[s->actor].name);
	s->start_step = *pending;
	if (s->verb->effect == EFF_FINISH) {
		s->kind = p->c->steps[*pending].kind;
		*pending = -1;
	}
	return 0;
}

/* exit, and kill with a signal whose default action ends the process. This
 * is the one place that decides: the engine reads s->ends_actors. */
static int effect_ends_process(struct parser *p, struct case_step *s)
{
	if (s->verb->id == VERB_EXIT || names_signal_terminates((int)s->arg[0]))
		s->ends_actors = 1u << s->actor;
	forget_processes(p, s->ends_actors);
	return 0;
}

/* firewall add and del: the rules in place, by host and name. A case with
 * rules runs with every backend unless a `backends` line says which. */
static int effect_rule(struct parser *p, struct case_step *s)
{
	if (s->verb->effect == EFF_RULE_DEL) {
		p->rules[find_rule(p, s->target_host, s->rule.name)].active = false;
		return 0;
	}
	if (p->nrules == (int)(sizeof(p->rules) / sizeof(p->rules[0])))
		return parse_fail(p, p->w[0].col, "too many firewall rules");
	p->rules[p->nrules].host = s->target_host;
	p->rules[p->nrules].line = p->line;
	p->rules[p->nrules].active = true;
	p->rules[p->nrules++].rule = s->rule;
	if (!p->backends_line)
		p->c->backends = (1u << FW_NBACKENDS) - 1;
	return 0;
}

/* poweroff ends the processes of every actor on the host (s->ends_actors);
 * after poweron they start afresh. */
static int effect_power(struct parser *p, struct case_step *s)
{
	bool off = s->verb->effect == EFF_POWEROFF;
	int host = s->target_host;

	if (!!p->off_line[host] == off)
		return parse_fail(p, p->w[1].col, "host %s is already powered %s", p->c->hosts[host], off ? "off" : "on");
	p->off_line[host] = off ? p->line : 0;
	if (off)
		s->ends_actors = actors_on(p->c, host);
	forget_processes(p, actors_on(p->c, host));
	return 0;
}

/* The bookkeeping of verbs that change processes, hosts or pending calls. */
static int apply_effect(struct parser *p, struct case_step *s)
{
	switch (s->verb->effect) {
	case EFF_NONE:
		return 0;
	case EFF_FINISH:
	case EFF_BLOCKED:
		return effect_call(p, s);
	case EFF_ENDS_PROCESS:
		return effect_ends_process(p, s);
	case EFF_RULE_ADD:
	case EFF_RULE_DEL:
		return effect_rule(p, s);
	case EFF_POWEROFF:
	case EFF_POWERON:
		return effect_power(p, s);
	}
	return 0;
}

/* "as NAME" after the arguments names the socket the step made. */
static int parse_as(struct parser *p, int i, struct case_step *s)
{
	struct case_actor *a;
	char name[CASE_NAME_LEN];

	if (i >= p->nw || !lex_is(&p->w[i], "as"))
		return i;
	if (s->verb->sock != SOCK_NEW && s->verb->sock != SOCK_FRESH)
		return parse_fail(p, p->w[i].col, "'as NAME' names a new socket; '%s' makes none", s->verb->name);
	a = &p->c->actors[s->actor];
	if (i + 1 >= p->nw || lex_copy(&p->w[i + 1], name, sizeof(name)) < 0 || strchr(name, '.') ||
	    find_sock_name(a, name) >= 0)
		return parse_fail(p, parse_col(p, i + 1), "expected a new socket name after 'as'");
	snprintf(a->sock_names[s->sock], CASE_NAME_LEN, "%s", name);
	return i + 2;
}

static void step_text(struct parser *p, struct case_step *s, int upto)
{
	const struct lex_word *first = &p->w[0], *last = &p->w[upto - 1];
	int len = (int)(last->s + last->len - first->s) + (last->quoted ? 1 : 0);

	snprintf(s->text, sizeof(s->text), "%.*s", len, first->s);
}

/* A sleep proves nothing by itself: the language insists that it says why. */
static int check_commented(struct parser *p, const struct case_step *s)
{
	const struct lex_word *last = &p->w[p->nw - 1];
	const char *rest = last->s + last->len + (last->quoted ? 1 : 0);

	if (s->verb->needs_comment && rest[strspn(rest, " \t")] != '#')
		return parse_fail(p, p->w[0].col, "'%s' must say why on the same line (# ...): time is the point only "
				  "where the scenario is about time", s->verb->name);
	return 0;
}

/* Finds the verb at word i (one or two words); *subject is the host or actor. */
static int parse_verb(struct parser *p, int i, struct case_step *s)
{
	int words = 0;

	if (i < p->nw)
		s->verb = verb_find(p->w[i].s, p->w[i].len, i + 1 < p->nw ? p->w[i + 1].s : NULL,
				    i + 1 < p->nw ? p->w[i + 1].len : 0, &words);
	if (!s->verb) {
		struct suggest sg;
		char word[SUGGEST_WORD_LEN] = "", hint[80] = "";

		if (i < p->nw && lex_copy(&p->w[i], word, sizeof(word)) == 0) {
			suggest_init(&sg, word);
			verb_suggest(&sg);
			suggest_hint(&sg, hint, sizeof(hint));
		}
		return parse_fail(p, parse_col(p, i), "expected a verb after '%.*s'%s (see `nsfault list --verbs`)",
				  p->w[0].len, p->w[0].s, hint);
	}
	return i + words;
}

/* Resolves word 0 for the verb: a host for host verbs, else an actor. */
static int bind_subject(struct parser *p, struct case_step *s, const char *text, int named)
{
	/* Before the host branch: a started host verb has no actor to keep
	 * its pending call. */
	if (s->async && s->verb->where != VERB_IN_AGENT)
		return parse_fail(p, p->w[1].col, "only socket calls can be started: '%s' is not one", s->verb->name);
	if (s->verb->subject == SUBJ_HOST) {
		s->target_host = case_host_index(p->c, text);
		s->actor = -1;
		if (s->target_host < 0 || named)
			return parse_fail(p, p->w[0].col, "'%s' acts on a host: expected a host of the topology before it",
					  s->verb->name);
		return 0;
	}
	if (s->actor < 0)
		return parse_fail(p, p->w[0].col,
				  "unknown actor or directive '%s': expected scenario, topology, family, actor, require, "
				  "sysctl, or an actor such as %s", text, p->c->actors[0].name);
	return s->verb->where == VERB_IN_AGENT ? check_agent_free(p, s) : 0;
}

/* The time a step may take: its own duration, and an `after` lower bound
 * it must reach. */
static long step_ms(const struct case_step *s)
{
	long ms = s->wait_ms;

	for (int k = 0; k < s->nexpects; k++)
		if (s->expects[k].timed && s->expects[k].after_lo_us / 1000 > ms)
			ms = s->expects[k].after_lo_us / 1000;
	return ms;
}

/* An `after LO..` that the step's reply bound would cut short can never
 * match; and all the steps' time together must fit in the variant's bound.
 * p->case_ms holds the total of the steps before s; s's share is added when
 * the next step (or the end) comes, since continuations may still grow it. */
static int check_after(struct parser *p, const struct case_step *s, const struct expect *e)
{
	long bound = s->wait_ms + TIMEOUT_STEP_MS;

	if (e->timed && e->after_lo_us / 1000 > bound)
		return parse_fail(p, e->after_col, "'after %ld..' cannot happen: the step is given up after %ld ms "
				  "(its own %ld ms and TIMEOUT_STEP_MS, util/timeouts.h)", (long)(e->after_lo_us / 1000),
				  bound, s->wait_ms);
	if (p->case_ms + step_ms(s) > CASE_MAX_WAIT_MS)
		return parse_fail(p, e->after_col ? e->after_col : p->w[0].col,
				  "the case's durations add up to more than %d ms: a variant is stopped after %d ms "
				  "(util/timeouts.h)", CASE_MAX_WAIT_MS, TIMEOUT_CASE_MS);
	return 0;
}

static int parse_step(struct parser *p)
{
	char subject[2 * CASE_NAME_LEN];
	struct case_step *s;
	int named, i;

	if (!p->topology_line)
		parse_fix_topology(p, TOPO_PAIR);
	if (p->c->nsteps == CASE_MAX_STEPS)
		return parse_fail(p, p->w[0].col, "too many steps (at most %d)", CASE_MAX_STEPS);
	if (p->c->nsteps)
		p->case_ms += step_ms(&p->c->steps[p->c->nsteps - 1]);
	s = &p->c->steps[p->c->nsteps];
	memset(s, 0, sizeof(*s));
	s->line = p->line;
	s->col = p->w[0].col;
	s->target_host = -1;
	s->start_step = -1;
	s->peer_counter.host = -1;
	if (parse_subject(p, s, &named, subject, sizeof(subject)) < 0)
		return -1;
	i = 1;
	if (p->nw > 1 && lex_is(&p->w[1], "start"))
		s->async = true, i = 2;
	if ((i = parse_verb(p, i, s)) < 0 || bind_subject(p, s, subject, named) < 0 ||
	    (i = parse_args(p, i, s)) < 0 || (s->actor >= 0 && resolve_sock(p, s, named) < 0) ||
	    (i = parse_as(p, i, s)) < 0 || check_commented(p, s) < 0)
		return -1;
	s->kind = verb_kind(s);
	step_text(p, s, i);
	if (apply_effect(p, s) < 0)
		return -1;
	if (s->async)
		p->pending[s->actor] = p->c->nsteps;
	if (i < p->nw && lex_is(&p->w[i], "=")) {
		if (s->async)
			return parse_fail(p, p->w[i].col, "a started call has no result yet: check it with 'finish'");
		s->nexpects = 1;
		i = parse_expect(p, i, s, &s->expects[0]);
		if (i >= 0 && s->expects[0].branch)
			return parse_fail(p, s->expects[0].col, "a step's first expectation is what it must do unless the "
					  "kernel takes a branch: name the branch on a further line (= ... branch NAME)");
	}
	if (i < 0 || check_after(p, s, s->nexpects ? &s->expects[0] : &(struct expect){ 0 }) < 0)
		return -1;
	if (i < p->nw)
		return parse_fail(p, p->w[i].col, s->nexpects ? "unexpected words after the expected result"
				  : "unexpected word: expected '= RESULT' or the end of the line");
	p->c->nsteps++;
	return 0;
}

/* Puts the line just read (s->expects[s->nexpects]), when it is a guarded
 * plain one, before the step's unguarded default: the plain lines are tried
 * in order. Branch lines stay where they are: they are tried only after. */
static void keep_default_after_guarded(struct case_step *s)
{
	int n = s->nexpects, k = 0;
	struct expect e = s->expects[n];

	while (k < n && (s->expects[k].branch || !match_guard_none(&s->expects[k].guard)))
		k++;
	if (e.branch || k == n)
		return;
	memmove(&s->expects[k + 1], &s->expects[k], (size_t)(n - k) * sizeof(e));
	s->expects[k] = e;
}

/* `= ... if kernel OP VERSION` (or `if family NAME`, `if BRANCH`, `branch
 * NAME`) on a line of its own: another expectation for the step above,
 * tried in order; the unguarded one must come last. */
static int parse_continuation(struct parser *p)
{
	struct case_step *s = p->c->nsteps ? &p->c->steps[p->c->nsteps - 1] : NULL;
	struct expect *e;
	int i;

	if (!s || !s->nexpects)
		return parse_fail(p, p->w[0].col, "an expectation line must follow a step that has one");
	if (s->nexpects == CASE_MAX_EXPECTS)
		return parse_fail(p, p->w[0].col, "too many expectations for one step (at most %d)", CASE_MAX_EXPECTS);
	e = &s->expects[s->nexpects];
	if ((i = parse_expect(p, 0, s, e)) < 0 || check_after(p, s, e) < 0)
		return -1;
	if (i < p->nw)
		return parse_fail(p, p->w[i].col, "unexpected words after the expected result");
	if (match_guard_none(&e->guard) && !e->branch)
		return parse_fail(p, p->w[0].col, "a further expectation needs 'if kernel OP VERSION', 'if family NAME', "
				  "'if BRANCH' or 'branch NAME'");
	keep_default_after_guarded(s);
	s->nexpects++;
	return 0;
}

static int parse_line(struct parser *p, const char *line)
{
	struct lex_word words[LEX_MAX_WORDS];
	const char *lerr = NULL;
	int col = 0, rc = 0;

	p->raw = line;
	p->nw = lex_line(line, words, LEX_MAX_WORDS, &col, &lerr);
	if (p->nw < 0)
		return parse_fail(p, col, "%s", lerr);
	if (p->nw == 0)
		return 0;
	p->w = words;
	if (lex_is(&words[0], "="))
		return parse_continuation(p);
	if (parse_directive(p, &rc))
		return rc;
	return parse_step(p);
}

int case_parse(const char *path, const char *text, struct case_file *c, char *err, size_t errlen)
{
	struct parser p = { .path = path, .c = c, .err = err, .errlen = errlen };

	memset(c, 0, sizeof(*c));
	snprintf(c->path, sizeof(c->path), "%s", path);
	c->families = FAM_IPV4 | FAM_IPV6;
	for (const char *line = text; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		p.line++;
		if (parse_line(&p, line) < 0)
			return -1;
	}
	p.line = 1;
	if (!c->scenario[0])
		return parse_fail(&p, 1, "missing 'scenario ID \"summary\"' line (e.g. scenario E1 \"...\")");
	if (c->nsteps == 0)
		return parse_fail(&p, 1, "no steps: a case needs at least one 'ACTOR VERB ...' line");
	return 0;
}

int case_parse_bytes(const char *path, const char *data, size_t size, struct case_file *c, char *err,
		     size_t errlen)
{
	const char *nul = memchr(data, '\0', size);
	struct parser p = { .path = path, .c = c, .err = err, .errlen = errlen, .line = 1 };

	memset(c, 0, sizeof(*c));
	if (size == 0)
		return parse_fail(&p, 1, "the file is empty");
	if (size > CASE_FILE_MAX_BYTES)
		return parse_fail(&p, 1, "the file has %zu bytes: a case file is at most %d", size, CASE_FILE_MAX_BYTES);
	if (nul) {
		/* Say where: line and column of the NUL byte. */
		for (const char *q = data; q < nul; q++)
			p.line += *q == '\n';
		for (p.raw = nul; p.raw > data && p.raw[-1] != '\n'; p.raw--)
			;
		return parse_fail(&p, (int)(nul - p.raw) + 1, "a NUL byte: a case file is text");
	}
	return case_parse(path, data, c, err, errlen);
}
