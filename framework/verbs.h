/* verb_: the table of everything a step can do. The parser finds a verb's
 * argument schema here and the engine its handler and where it runs; adding a
 * verb is a row, a handler, a line in the reference and a test. */
#ifndef NSF_VERBS_H
#define NSF_VERBS_H

#include <stdbool.h>
#include "framework/case.h"
#include "framework/expect.h"

struct agent;

enum verb_where { RUN_AGENT, RUN_COORD };

/* What a verb does with the actor's socket slots (resolved at parse time). */
enum verb_sock {
	SOCK_NONE,      /* no socket involved */
	SOCK_USE,       /* the current (or named) socket */
	SOCK_NEW,       /* creates a socket: it becomes current */
	SOCK_FRESH,     /* uses the current socket if a `socket` step made it and
			 * nothing bound it yet, else creates one */
};

/* Argument schema letters:
 *   P  port 1..65535               H  HOST:PORT (a host of the topology)
 *   N  count >= 0                  n  optional count >= 0 (default arg_default)
 *   f  optional MSG_* flags (default arg_default)
 *   O  socket option and its value(s)   G  socket option to read
 *   S  TCP state name              W  SHUT_RD | SHUT_WR | SHUT_RDWR */
typedef void (*verb_fn)(struct agent *a, const struct case_step *s, struct result *r);

struct verb {
	const char *name;       /* one or two words, e.g. "wait state" */
	const char *schema;
	long arg_default;       /* for the optional n and f arguments */
	enum verb_where where;
	enum verb_sock sock;
	enum value_kind kind;
	bool needs_src;         /* SOCK_NEW from an existing socket (accept) */
	verb_fn run;
	const char *usage;      /* "listen PORT [BACKLOG]": errors and the reference */
};

/* Returns the verb whose name matches w1, or w1 followed by w2 (w2 may be NULL);
 * *words says how many words it used. NULL when none. */
const struct verb *verb_find(const char *w1, int n1, const char *w2, int n2, int *words);

/* The value kind of step s's result (getsockopt SO_ERROR reads as an errno). */
enum value_kind verb_kind(const struct case_step *s);

/* All verbs, for `nsfault list --verbs` and the reference; NULL-terminated. */
extern const struct verb verb_table[];

#endif
