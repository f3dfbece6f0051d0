/* SPDX-License-Identifier: GPL-2.0-only */
/* inject_: what a `HOST inject` step sends, as the case wrote it, and the
 * pure arithmetic that turns its sequence forms into 32-bit numbers once
 * the connection's numbers are known (the engine learns them from the
 * capture, engine/steps_wire.c).
 *
 * A form names a reference point and an offset from it:
 *   K          nxt + K: the next number the receiver expects (RCV.NXT for
 *              seq, the sender's SND.NXT for ack), K may be negative
 *   acked[+K]  the last number acknowledged on the wire in that direction
 *   absolute N N itself: needs no connection at all
 * Offsets count modulo 2^32 (RFC 9293 3.4). */
#ifndef NSF_INJECT_H
#define NSF_INJECT_H

#include <stdbool.h>
#include <stdint.h>

#define INJECT_OFFSET_MIN       (-(1LL << 31))
#define INJECT_OFFSET_MAX       (1LL << 32)

enum seq_base { SEQ_NXT, SEQ_ACKED, SEQ_ABSOLUTE };

struct seq_form {
	enum seq_base base;
	int64_t k;                      /* the offset; the number itself when SEQ_ABSOLUTE */
};

/* The reference points of one direction of a connection. */
struct seq_refs {
	uint32_t nxt;                   /* the next number the receiver expects */
	uint32_t acked;                 /* the last one it acknowledged */
};

struct inject_spec {
	int flags;                      /* TCPF_* (util/tcpseg.h), low 8 bits */
	struct seq_form seq;            /* in the host's direction */
	bool ack_given;                 /* `ack FORM` was written */
	struct seq_form ack;            /* in the peer's direction; default nxt + 0 */
	int to_host;                    /* `to HOST:PORT`: that host, -1: the connection
					 * of the last segment the host received */
	int to_port;                    /* with to_host */
	int sport, dport;               /* `sport`/`dport PORT`: instead of the
					 * connection's, 0: as on the connection */
};

/* The number form f names, given refs (unused for SEQ_ABSOLUTE). */
uint32_t inject_seq_value(const struct seq_form *f, const struct seq_refs *refs);

/* Reads "K", "+K", "-K", "acked", "acked+K" or "acked-K" (K decimal,
 * INJECT_OFFSET_MIN..INJECT_OFFSET_MAX). Returns 0, or -1 for anything else. */
int inject_seq_parse(const char *text, struct seq_form *f);

/* Reads an absolute number 0..2^32-1. Returns 0 or -1. */
int inject_abs_parse(const char *text, struct seq_form *f);

/* Whether f needs a connection learned from the capture. */
bool inject_seq_relative(const struct seq_form *f);

#endif
