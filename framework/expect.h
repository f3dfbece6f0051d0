/* match_: expectations, observed results, and the verdict between them.
 *
 * Results are data: every step produces a struct result, the matcher compares
 * it with the step's expectation, reporters only read both. */
#ifndef NSF_EXPECT_H
#define NSF_EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a step's return value reads: a count, an errno (getsockopt SO_ERROR),
 * a TCP state, or a file descriptor. */
enum value_kind { VK_INT, VK_ERRNO, VK_STATE, VK_FD };

#define EXPECT_MAX_ALTS 4

/* One acceptable outcome: lo <= value <= hi, and when value is -1 the errno. */
struct expect_alt {
	long lo, hi;
	int err;                /* errno required with -1; 0 otherwise */
};

struct expect {
	bool given;             /* false: the call must merely succeed (not -1) */
	int nalts;
	struct expect_alt alt[EXPECT_MAX_ALTS];
	int col;                /* column of '=' for reports */
};

struct result {
	bool ran;               /* false: the step was never reached */
	bool timed_out;         /* the coordinator's bound on the step expired */
	bool mismatch;          /* set by the coordinator: did not match the expectation */
	long ret;               /* return value; for value steps the value read */
	int err;                /* errno when ret == -1 */
	int sigpipe;            /* SIGPIPE signals the actor received during the step */
	int64_t elapsed_us;
	char note[96];          /* extra observation, e.g. "state stayed ESTABLISHED" */
};

/* True when r satisfies e for a value of kind k. A timed-out step never does. */
bool match_result(const struct expect *e, enum value_kind k, const struct result *r);

/* "-1 ECONNRESET", "0", "1..100", "ECONNRESET | 0", "CLOSE", "fd". */
void match_format_expect(const struct expect *e, enum value_kind k, char *buf, size_t len);
/* "-1 ECONNRESET", "5", "CLOSE_WAIT", "fd 7", "no reply within 5000 ms". */
void match_format_result(const struct result *r, enum value_kind k, char *buf, size_t len);

#endif
