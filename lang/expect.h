/* SPDX-License-Identifier: GPL-2.0-only */
/* match_: expectations, observed results, and the verdict between them.
 *
 * Results are data: every step produces a struct result, the matcher compares
 * it with the step's expectation, reporters only read both. */
#ifndef NSF_EXPECT_H
#define NSF_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* How a step's return value reads: a count, an errno (getsockopt SO_ERROR),
 * a TCP state, a file descriptor, poll events (IN|OUT|...), or whether an
 * async call is still blocked (1) or has returned (0). */
enum value_kind { VK_INT, VK_ERRNO, VK_STATE, VK_FD, VK_POLL, VK_BLOCKED };

#define EXPECT_MAX_ALTS 4

/* `if kernel >= 6.1`, `if family ipv6`, `if BRANCH`, joined by `and`: the
 * expectation applies only on such kernels, in such variants, once the
 * variant has taken such branches (see struct expect's branch). */
enum guard_op { GUARD_NONE, GUARD_LT, GUARD_LE, GUARD_GE, GUARD_GT, GUARD_EQ };

struct kernel_guard {
	enum guard_op op;       /* GUARD_NONE: any kernel */
	long version;           /* as version_parse makes it (lang/version.h) */
	unsigned family;        /* FAM_IPV4 or FAM_IPV6 (case.h); 0: either */
	unsigned branches;      /* bit per branch (case_file.branches) the variant
				 * must have taken; 0: any */
};

/* One acceptable outcome: lo <= value <= hi, and when value is -1 the errno. */
struct expect_alt {
	long lo, hi;
	int err;                /* errno required with -1; 0 otherwise */
};

/* What an error-queue read tells besides its errno (struct sock_extended_err);
 * in an expectation, -1 means "not asserted". */
struct ee_fields {
	int origin;             /* SO_EE_ORIGIN_*: 1 local, 2 icmp, 3 icmp6 */
	int type, code;         /* the ICMP type and code */
	long info;              /* ee_info, e.g. the MTU of a "fragmentation needed" */
};

struct expect {
	int nalts;
	struct expect_alt alt[EXPECT_MAX_ALTS];
	bool with_ee;           /* `with origin icmp type 3 code 1 [info N]` */
	struct ee_fields ee;
	bool timed;             /* `after LO..HI ms`: the call's duration too */
	int64_t after_lo_us, after_hi_us;
	int after_col;          /* of the word `after`, for errors */
	struct kernel_guard guard;
	/* `branch NAME`: 1 + the branch's index in case_file.branches; 0: a
	 * plain line. A branch line is another outcome the kernel allows for
	 * the step: tried when the plain line that applies does not match, and
	 * when it matches the variant has taken the branch, which later lines
	 * name in their guard (`if NAME`). */
	int branch;
	int line, col;          /* of '=' for reports */
};

struct result {
	bool ran;               /* false: the step was never reached */
	bool timed_out;         /* the coordinator's bound on the step expired */
	bool mismatch;          /* set by the coordinator: did not match the expectation */
	long ret;               /* return value; for value steps the value read */
	int err;                /* errno when ret == -1 */
	int sigpipe;            /* SIGPIPE signals the actor received during the step */
	int64_t elapsed_us;
	char note[128];         /* extra observation, e.g. "state stayed ESTABLISHED" */
	int expect_idx;         /* which of the step's expectations applied, -1: none */
	struct ee_fields ee;    /* errqueue: the extended error read */
	/* The socket the step used, as it was after the call (AF_UNSPEC when
	 * none), so the coordinator knows its 4-tuple even while the agent is
	 * blocked in a later call. */
	struct sockaddr_storage local, remote;
};

/* True when r satisfies e for a value of kind k; e NULL means the call must
 * merely succeed (not -1). A timed-out or unrun step never matches. */
bool match_result(const struct expect *e, enum value_kind k, const struct result *r);

/* " with origin icmp type 3 code 1": the fields that are not -1. */
void match_format_ee(const struct ee_fields *ee, char *buf, size_t len);

/* True when the kernel version kver, the variant's family and the branches
 * it has taken (a bit each) satisfy g. */
bool match_guard(const struct kernel_guard *g, long kver, unsigned family, unsigned taken);

/* True when g has no condition at all: the line is a step's default. */
bool match_guard_none(const struct kernel_guard *g);

/* "-1 ECONNRESET", "0", "1..100", "ECONNRESET | 0", "CLOSE", "fd",
 * with " after 1300..1700 ms" when timed. */
void match_format_expect(const struct expect *e, enum value_kind k, char *buf, size_t len);
/* The observed value of r written as an expectation would state it:
 * "-1 ECONNRESET", "5", "CLOSE_WAIT", "fd", "IN|RDHUP" (no duration). */
void match_format_observed(const struct result *r, enum value_kind k, char *buf, size_t len);
/* "-1 ECONNRESET", "5", "CLOSE_WAIT", "fd 7", "no reply within 5000 ms". */
void match_format_result(const struct result *r, enum value_kind k, char *buf, size_t len);

#endif
