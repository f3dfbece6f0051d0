/* SPDX-License-Identifier: GPL-2.0-only */
/* The arguments of `inject`: flags, sequence forms, ports, destination. */
#include <stdio.h>
#include <string.h>
#include "lang/parse_inject.h"
#include "lang/inject.h"
#include "lang/verbs.h"
#include "util/tcpseg.h"

#define SEQ_FORMS "an offset from RCV.NXT (-2147483648..4294967296), acked[+K|-K] or absolute N (0..4294967295)"

static int is_option(const struct lex_word *w)
{
	return lex_is(w, "ack") || lex_is(w, "sport") || lex_is(w, "dport") || lex_is(w, "to");
}

/* A SEQ form from word *i: one word, or `absolute N`. */
static int seq_form(struct parser *p, int *i, struct seq_form *f, const char *usage)
{
	char text[32];

	if (*i < p->nw && lex_is(&p->w[*i], "absolute")) {
		(*i)++;
		if (*i >= p->nw || lex_copy(&p->w[*i], text, sizeof(text)) < 0 || inject_abs_parse(text, f) < 0)
			return parse_fail(p, parse_col(p, *i), "expected a sequence number 0..4294967295 after absolute");
		(*i)++;
		return 0;
	}
	if (*i >= p->nw || p->w[*i].quoted || lex_copy(&p->w[*i], text, sizeof(text)) < 0 ||
	    inject_seq_parse(text, f) < 0)
		return parse_fail(p, parse_col(p, *i), "expected %s, as in: %s", SEQ_FORMS, usage);
	(*i)++;
	return 0;
}

static int port_word(struct parser *p, int i, const char *text, int *port)
{
	long v;

	if (i >= p->nw || parse_long(&p->w[i], &v) < 0 || v < 1 || v > 65535)
		return parse_fail(p, parse_col(p, i), "expected a port (1-65535) after %s", text);
	*port = (int)v;
	return 0;
}

/* HOST:PORT after `to`: another host of the topology. */
static int destination(struct parser *p, int i, struct case_step *s)
{
	char text[64], *colon;
	struct lex_word port;
	long v;

	if (i >= p->nw || lex_copy(&p->w[i], text, sizeof(text)) < 0 || !(colon = strchr(text, ':')))
		return parse_fail(p, parse_col(p, i), "expected HOST:PORT after to");
	*colon = '\0';
	if ((s->inject.to_host = case_host_index(p->c, text)) < 0)
		return parse_fail(p, p->w[i].col, "unknown host '%s': expected a host of the topology", text);
	if (s->inject.to_host == s->target_host)
		return parse_fail(p, p->w[i].col, "a segment to %s itself never crosses a link: name another host", text);
	port = (struct lex_word){ p->w[i].s + (colon - text) + 1, (int)strlen(colon + 1), 0, 0 };
	if (parse_long(&port, &v) < 0 || v < 1 || v > 65535)
		return parse_fail(p, p->w[i].col + (int)(colon - text) + 1, "expected a port (1-65535) after %s:", text);
	s->inject.to_port = (int)v;
	return 0;
}

/* One `ack`, `sport`, `dport` or `to` option at word *i. */
static int option(struct parser *p, int *i, struct case_step *s, unsigned *seen)
{
	static const char *const names[] = { "ack", "sport", "dport", "to" };
	struct inject_spec *in = &s->inject;
	int k = 0, col = p->w[*i].col;

	while (!lex_is(&p->w[*i], names[k]))
		k++;
	if (*seen & (1u << k))
		return parse_fail(p, col, "%s is given twice", names[k]);
	*seen |= 1u << k;
	(*i)++;
	if (k == 0) {
		in->ack_given = true;
		return seq_form(p, i, &in->ack, s->verb->usage);
	}
	if (k == 3)
		return destination(p, (*i)++, s);
	return port_word(p, (*i)++, names[k], k == 1 ? &in->sport : &in->dport);
}

/* What `to` asks for: a connection that need not exist, so no number can
 * be learned from it and its source port must be named. */
static int check_unlearned(struct parser *p, int col, const struct inject_spec *in)
{
	if (inject_seq_relative(&in->seq))
		return parse_fail(p, col, "with to, nothing is learned from a connection: give the sequence number as absolute N");
	if (in->ack_given && inject_seq_relative(&in->ack))
		return parse_fail(p, col, "with to, nothing is learned from a connection: give ack as absolute N");
	if ((in->flags & TCPF_ACK) && !in->ack_given)
		return parse_fail(p, col, "with to and ACK in the flags, give the acknowledgment number: ack absolute N");
	if (!in->sport)
		return parse_fail(p, col, "with to, name the source port: sport PORT");
	if (in->dport)
		return parse_fail(p, col, "with to, the destination port is the one of HOST:PORT: drop dport");
	return 0;
}

int parse_inject(struct parser *p, int *i, struct case_step *s)
{
	struct inject_spec *in = &s->inject;
	unsigned seen = 0;
	char text[64];
	int col = parse_col(p, *i);

	*in = (struct inject_spec){ .to_host = -1 };
	if (*i >= p->nw || lex_copy(&p->w[*i], text, sizeof(text)) < 0 || tcpseg_flags_value(text, &in->flags) < 0 ||
	    (in->flags & ~0xff) || !in->flags)
		return parse_fail(p, col, "expected TCP flags such as RST, RST|ACK or SYN (FIN SYN RST PSH ACK URG ECE CWR), as in: %s",
				  s->verb->usage);
	(*i)++;
	if (seq_form(p, i, &in->seq, s->verb->usage) < 0)
		return -1;
	while (*i < p->nw && is_option(&p->w[*i]))
		if (option(p, i, s, &seen) < 0)
			return -1;
	if (in->to_host >= 0)
		return check_unlearned(p, col, in);
	return 0;
}
