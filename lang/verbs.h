/* verb_: the table of everything a step can do. The parser finds a verb's
 * argument schema and bookkeeping here, the engine its handler: an agent
 * handler (`run`, a call made by the actor's process inside its namespace)
 * or a coordinator handler (`coord`, an action on processes, hosts or links
 * that never needs the actor to answer). Adding a verb is a row, a handler,
 * a line in the reference and a test. */
#ifndef NSF_VERBS_H
#define NSF_VERBS_H

#include <stdbool.h>
#include "lang/case.h"
#include "lang/expect.h"

struct sock_ctx;
struct coord;

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
 *   N  count >= 0                  n  optional count >= 0 (default arg_default)
 *   f  optional MSG_* flags (default arg_default)
 *   O  socket option and its value(s)   G  socket option to read
 *   S  TCP state name              W  SHUT_RD | SHUT_WR | SHUT_RDWR
 *   E  poll events IN|OUT|...      g  signal name (SIGKILL)
 *   I  a word (interface name)     U  up | down
 *   T  duration in ms              t  optional duration in ms (default arg_default)
 *   F  a firewall rule: NAME CHAIN MATCH ACTION     D  the NAME of a rule in place
 * A duration is how long the call itself may wait: it goes to the step's
 * wait_ms, not to an arg slot, and the coordinator's bound on the step grows
 * by as much. */
typedef void (*verb_fn)(struct sock_ctx *a, const struct case_step *s, struct result *r);
typedef void (*coord_fn)(struct coord *k, const struct case_step *s, struct result *r);

struct verb {
	const char *name;       /* one or two words, e.g. "wait state" */
	const char *schema;
	long arg_default;       /* for the optional n and f arguments */
	enum verb_subject subject;
	enum verb_sock sock;
	enum value_kind kind;
	bool needs_src;         /* SOCK_NEW from an existing socket (accept) */
	bool needs_comment;     /* the line must say why (sleep) */
	enum verb_effect effect;
	verb_fn run;            /* exactly one of run and coord is set */
	coord_fn coord;
	const char *usage;      /* "listen PORT [BACKLOG]": errors and the reference */
	const char *doc;        /* one line for `nsfault list --verbs` */
};

/* Returns the verb whose name matches w1, or w1 followed by w2 (w2 may be NULL);
 * *words says how many words it used. NULL when none. */
const struct verb *verb_find(const char *w1, int n1, const char *w2, int n2, int *words);

/* The value kind of step s's result, from its verb and option (getsockopt
 * SO_ERROR reads as an errno). The parser stores it in s->kind. */
enum value_kind verb_kind(const struct case_step *s);

/* All verbs, for `nsfault list --verbs` and the reference; NULL-terminated. */
extern const struct verb verb_table[];

#endif
