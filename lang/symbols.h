/* SPDX-License-Identifier: GPL-2.0-only */
/* names_: the symbolic names a case file and a report use, and their values. */
#ifndef NSF_NAMES_H
#define NSF_NAMES_H

#include <stdbool.h>
/* errno and signal names are part of the vocabulary too: err_name, err_value,
 * sig_name, sig_value. They live in util/ so that every part names them alike. */
#include "util/errnames.h"
#include "lang/expect.h"
#include "lang/suggest.h"

/* "ESTABLISHED", "SYN_SENT", ... as the kernel names TCP states. */
const char *names_tcp_state(int state);
int names_tcp_state_value(const char *name);

/* Where a queued error came from (SO_EE_ORIGIN_*): "local", "icmp",
 * "icmp6"; "none" for 0 and "other" for the rest. */
const char *names_ee_origin(int origin);
/* The origin named local, icmp or icmp6; -1 for any other word. */
int names_ee_origin_value(const char *name);

/* "<", "<=", ">=", ">", "==" as guards write them; "" for GUARD_NONE. */
const char *names_guard_op(enum guard_op op);
/* The operator written op; GUARD_NONE when it is none of them. */
enum guard_op names_guard_op_value(const char *op);

/* How a socket option's value is written in a case and passed to the kernel. */
enum sockopt_type {
	SOT_INT,        /* one integer */
	SOT_LINGER,     /* two integers: l_onoff l_linger */
	SOT_MILLIS,     /* a struct timeval, written in milliseconds */
	SOT_ERROR,      /* read-only, reads as an errno (SO_ERROR) */
};

struct sockopt {
	const char *name;
	int level, opt;
	enum sockopt_type type;
	int family;     /* 0: any; AF_INET or AF_INET6: only in that family */
};

/* Returns the option named name (e.g. "SO_LINGER"), or NULL. */
const struct sockopt *names_sockopt(const char *name);
/* Number of integers a setsockopt of this type takes. */
int names_sockopt_nargs(enum sockopt_type t);

/* "MSG_PEEK|MSG_DONTWAIT" -> flags; "0" -> 0. Returns 0, or -1 and the offset of
 * the unknown word in *bad. */
int names_msg_flags(const char *text, int *flags, int *bad);
/* Writes flags as names into buf. */
void names_msg_flags_format(int flags, char *buf, int len);

/* "IN|OUT|ERR|HUP|RDHUP|PRI" -> POLL* bits; "0" -> 0. Returns 0 or -1. */
int names_poll_events(const char *text, int *events);
/* Writes poll events as names ("IN|RDHUP"), or "0". */
void names_poll_events_format(int events, char *buf, int len);

/* True when the signal's default action ends the agent (which handles only
 * SIGPIPE): not SIGSTOP, SIGCONT and the other stop or ignore signals. */
bool names_signal_terminates(int sig);

/* "SHUT_RD" / "SHUT_WR" / "SHUT_RDWR" -> SHUT_*; -1 when unknown. */
int names_shutdown_how(const char *name);

/* The vocabularies a "did you mean" hint draws from. */
enum names_kind {
	NAMES_TCP_STATE, NAMES_SOCKOPT, NAMES_MSG_FLAG, NAMES_POLL_EVENT, NAMES_ERRNO, NAMES_SIGNAL,
	NAMES_SHUTDOWN,
};
/* Offers every name of that kind to s (lang/suggest.h). */
void names_suggest(enum names_kind k, struct suggest *s);

#endif
