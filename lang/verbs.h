/* SPDX-License-Identifier: GPL-2.0-only */
/* verb_: the table of everything a step can do: each verb's id, words,
 * argument schema, parse-time bookkeeping and where it runs. The parser
 * reads it; the engine maps the id to a handler (engine/dispatch.h), so
 * the language names no code that runs. Adding a verb is an id, a row, a
 * handler in the dispatch, a line in the reference and a test. */
#ifndef NSF_VERBS_H
#define NSF_VERBS_H

#include <stdbool.h>
#include "lang/case.h"
#include "lang/expect.h"
#include "lang/suggest.h"

/* Every verb; verb_table[id] is its row. */
enum verb_id {
	VERB_SOCKET, VERB_NONBLOCK, VERB_LISTEN, VERB_CONNECT, VERB_ACCEPT, VERB_SEND, VERB_RECV,
	VERB_ERRQUEUE, VERB_POLL, VERB_CLOSE, VERB_SHUTDOWN, VERB_SETSOCKOPT, VERB_GETSOCKOPT,
	VERB_INQ, VERB_OUTQ, VERB_STATE, VERB_WAIT_STATE, VERB_WAIT_INQ, VERB_WAIT_OUTQ, VERB_SIGPIPES, VERB_EXIT,
	VERB_FINISH, VERB_BLOCKED, VERB_KILL, VERB_FREEZE, VERB_THAW, VERB_DESTROY, VERB_SLEEP,
	VERB_POWEROFF, VERB_POWERON, VERB_FIREWALL_ADD, VERB_FIREWALL_DEL, VERB_MTU, VERB_LINK,
	VERB_MARK, VERB_WIRE, VERB_WAIT_WIRE, VERB_COUNTER, VERB_INJECT, VERB_DIAG_STATE, VERB_WAIT_COUNTER,
	VERB_COUNT
};

/* Where a verb runs. */
enum verb_where {
	VERB_IN_AGENT,  /* a call made by the actor's process inside its namespace; it
			 * may be started (`start VERB`) and needs the actor free */
	VERB_IN_COORD,  /* an action of the coordinator on processes, hosts or links,
			 * which never needs the actor to answer */
};

/* What a verb does with the actor's socket slots (resolved at parse time). */
enum verb_sock {
	SOCK_NONE,      /* no socket involved */
	SOCK_USE,       /* the current (or named) socket */
	SOCK_NEW,       /* creates a socket: it becomes current */
	SOCK_FRESH,     /* uses the current socket if a `socket` step made it and
			 * nothing bound it yet, else creates one */
};

/* Whether word 0 of the step names an actor or a host. */
enum verb_subject { SUBJ_ACTOR, SUBJ_HOST };

/* Parse-time bookkeeping a verb causes. */
enum verb_effect {
	EFF_NONE,
	EFF_ENDS_PROCESS,       /* the actor's process ends (kill: if the signal terminates);
				 * the parser records which in case_step.ends_actors */
	EFF_POWEROFF, EFF_POWERON,      /* poweroff ends its actors' processes (ends_actors) */
	EFF_FINISH,             /* collects the actor's started call */
	EFF_BLOCKED,            /* looks at it without collecting it */
	EFF_RULE_ADD, EFF_RULE_DEL,  /* a firewall rule, by name, on the host */
};

/* Argument schema letters:
 *   P  port 1..65535               H  HOST:PORT (a host of the topology)
 *   N  count >= 0                  n  optional backlog 0..CASE_MAX_BACKLOG (default arg_default)
 *   B  byte count 0..CASE_MAX_BYTES M  MTU CASE_MTU_MIN..CASE_MTU_MAX
 *   >  the word ">="                <  the word "<="  (no arg slot: the verb fixes the test)
 *   f  optional MSG_* flags (default arg_default)
 *   O  socket option and its value(s)   G  socket option to read
 *   S  TCP state name              W  SHUT_RD | SHUT_WR | SHUT_RDWR
 *   E  poll events IN|OUT|...      g  signal name (SIGKILL)
 *   I  an interface of the host    U  up | down
 *   T  duration in ms              t  optional duration in ms (default arg_default)
 *      (durations at most CASE_MAX_WAIT_MS)
 *   F  a firewall rule: NAME CHAIN MATCH ACTION [once]  D  the NAME of a rule in place
 *   R  out | in (a direction on the wire)             K  TCP flags SYN|ACK..., or any
 *   C  a counter name (TcpOutRsts), into word
 *   Q  a count N >= 0, or HOST NAME: another host's counter, into peer_counter
 *   J  what `inject` sends (lang/parse_inject.h), into inject
 * A duration is how long the call itself may wait: it goes to the step's
 * wait_ms, not to an arg slot, and the coordinator's bound on the step grows
 * by as much. */
struct verb {
	enum verb_id id;
	const char *name;       /* one or two words, e.g. "wait state" */
	const char *schema;
	long arg_default;       /* for the optional n, f and t arguments */
	enum verb_subject subject;
	enum verb_sock sock;
	enum value_kind kind;
	bool needs_src;         /* SOCK_NEW from an existing socket (accept) */
	bool needs_comment;     /* the line must say why (sleep) */
	enum verb_effect effect;
	enum verb_where where;
	const char *usage;      /* "listen PORT [BACKLOG]": errors and the reference */
	const char *doc;        /* one line for `nsfault list --verbs` */
};

/* Returns the verb whose name matches w1, or w1 followed by w2 (w2 may be NULL);
 * *words says how many words it used. NULL when none. */
const struct verb *verb_find(const char *w1, int n1, const char *w2, int n2, int *words);

/* Offers the first word of every verb to s, for "did you mean". */
void verb_suggest(struct suggest *s);

/* The value kind of step s's result, from its verb and option (getsockopt
 * SO_ERROR reads as an errno). The parser stores it in s->kind. */
enum value_kind verb_kind(const struct case_step *s);

/* All verbs, indexed by id, for `nsfault list --verbs` and the reference;
 * the row after the last (verb_table[VERB_COUNT]) has name NULL. */
extern const struct verb verb_table[VERB_COUNT + 1];

#endif
