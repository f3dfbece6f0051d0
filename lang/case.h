/* SPDX-License-Identifier: GPL-2.0-only */
/* case_: the Case value a case file parses to. Pure data: no syscalls happen
 * while building or reading it, so the parser can be unit-tested and fuzzed. */
#ifndef NSF_CASE_H
#define NSF_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/expect.h"
#include "lang/fw_rule.h"
#include "lang/inject.h"
#include "util/timeouts.h"

#define CASE_MAX_HOSTS   4
#define CASE_MAX_ACTORS  8
#define CASE_MAX_SOCKS   8      /* sockets per actor */
#define CASE_MAX_STEPS   128
#define CASE_MAX_ARGS    4
#define CASE_NAME_LEN    32
#define CASE_TEXT_LEN    160
#define CASE_MAX_EXPECTS 4      /* guarded expectations of one step */
#define CASE_MAX_BRANCHES 8     /* `branch NAME`s of a case */
#define CASE_MAX_REQS    8
#define CASE_MAX_SYSCTLS 8

/* Bounds on what a case may write, checked when the file is read so that a
 * case never fails at run time for a value the language could have refused
 * (docs/LANGUAGE.md lists them). */
#define CASE_FILE_MAX_BYTES (1 << 20)   /* a case file: the corpus's are a few KiB */
#define CASE_MAX_BYTES   (16L << 20)    /* send/recv BYTES: the agent's buffer */
#define CASE_MAX_BACKLOG 4096           /* listen BACKLOG: net.core.somaxconn's default cap */
#define CASE_MTU_MIN     68             /* the smallest IPv4 MTU (RFC 791) */
#define CASE_MTU_MAX     65535          /* ETH_MAX_MTU: the most a veth takes */
/* A step's own duration (poll, wait, blocked, sleep), an `after` bound, and
 * all of a case's durations together: each must leave the step's reply
 * bound inside the variant's, so a long wait fails as what it is and not as
 * an unnamed variant timeout. */
#define CASE_MAX_WAIT_MS (TIMEOUT_CASE_MS - TIMEOUT_STEP_MS)

enum case_topology { TOPO_PAIR, TOPO_ROUTED };

/* Address families a case runs in: each one is a variant. */
enum { FAM_IPV4 = 1 << 0, FAM_IPV6 = 1 << 1 };

/* One run of a case: a family, and for a case with firewall steps, a
 * firewall backend (enum fw_backend), else -1. */
struct variant {
	unsigned family;                /* FAM_IPV4 or FAM_IPV6 */
	int backend;
};

struct verb;
struct sockopt;

struct case_actor {
	char name[CASE_NAME_LEN];
	int host;                       /* index into case_file.hosts */
	int nsocks;                     /* socket slots the steps use */
	char sock_names[CASE_MAX_SOCKS][CASE_NAME_LEN];  /* "" when unnamed */
};

struct case_step {
	int line, col;                  /* of the actor word, for reports */
	char text[CASE_TEXT_LEN];       /* the call as written, without the expectation */
	const struct verb *verb;
	int actor;                      /* index into actors; -1 for case-level steps */
	int sock;                       /* socket slot of the actor; -1 when none */
	int src_sock;                   /* accept: the listening socket's slot */
	long arg[CASE_MAX_ARGS];        /* decoded arguments in schema order, meaning set by
					 * the verb (a duration goes to wait_ms instead) */
	int target_host;                /* for host:port arguments; -1 otherwise */
	const struct sockopt *opt;      /* for setsockopt/getsockopt */
	struct fw_rule rule;            /* for firewall add/del */
	struct inject_spec inject;      /* for inject */
	char word[CASE_TEXT_LEN];       /* a word argument (firewall rule text, interface) */
	struct {                        /* `wait counter NAME >= HOST2 NAME2`: */
		int host;               /* HOST2's index; -1 in the `>= N` form */
		char name[CASE_NAME_LEN * 2];   /* NAME2, as nstat names it */
	} peer_counter;
	bool async;                     /* `start VERB`: collected later by `finish` */
	long wait_ms;                   /* the duration argument (poll, wait state, blocked,
					 * sleep): how long the call itself may wait; the
					 * coordinator's bound on an agent step grows by as much */
	int start_step;                 /* finish, blocked: the step that started the call; else -1 */
	unsigned ends_actors;           /* bit per actor whose process the step ends: exit, a
					 * kill with a fatal signal, the host's poweroff */
	enum value_kind kind;           /* how the result reads (finish: as its start's) */
	int nexpects;                   /* 0: the call must merely succeed */
	struct expect expects[CASE_MAX_EXPECTS];  /* the first whose guard holds applies */
};

/* `require ...`: an unmet requirement makes the case SKIP, saying which. */
enum req_kind { REQ_KERNEL, REQ_CONFIG, REQ_SYSCTL, REQ_TOOL };

struct case_req {
	enum req_kind kind;
	int line;
	struct kernel_guard guard;      /* REQ_KERNEL */
	char what[64];                  /* config option, sysctl name or tool name */
};

/* `sysctl HOST NAME VALUE`: set after the pinned defaults. */
struct case_sysctl {
	int host;
	char name[64];
	char value[32];
};

struct case_file {
	char path[256];
	char scenario[16];              /* catalogue ID, e.g. "E1" */
	char summary[CASE_TEXT_LEN];    /* one-line description */
	enum case_topology topology;
	unsigned families;              /* FAM_* bits */
	unsigned backends;              /* 1 << enum fw_backend; 0: no firewall steps */
	bool dynamic_neighbours;        /* `neighbours dynamic`: ARP/ND run (default: static entries) */
	int nhosts;
	char hosts[CASE_MAX_HOSTS][CASE_NAME_LEN];
	int nactors;
	struct case_actor actors[CASE_MAX_ACTORS];
	int nreqs;
	struct case_req reqs[CASE_MAX_REQS];
	int nsysctls;
	struct case_sysctl sysctls[CASE_MAX_SYSCTLS];
	int nbranches;
	char branches[CASE_MAX_BRANCHES][CASE_NAME_LEN];
	/* Last: a loaded case is kept only up to its last step (case_size). */
	int nsteps;
	struct case_step steps[CASE_MAX_STEPS];
};

/* The bytes of c up to the end of its last step. A copy of that many is the
 * whole case to everything that reads one (nothing looks past
 * steps[nsteps - 1]); never copy such a case by value. The runner forks
 * from a process holding every case of the run, and each page it holds
 * costs every fork (about 5 % of the suite's CPU time per 18 MB here). */
size_t case_size(const struct case_file *c);

/* The plain expectation of s (not a branch line) that applies on kernel
 * version kver (a number as version_parse makes it, lang/version.h) in a
 * variant of family (FAM_*) that has taken the branches in taken (a bit
 * each), or NULL when s has none (it must merely succeed). */
const struct expect *case_expect_for(const struct case_step *s, long kver, unsigned family, unsigned taken);

/* Judges r, the result of s, in such a variant: by the plain expectation
 * that applies, else by the first branch line whose guard holds and that r
 * matches, whose branch then joins *taken. Returns the index in s->expects
 * of the line that judged it (the plain one when nothing matched; -1 when
 * s has none) and sets *ok to whether r matched. */
int case_judge(const struct case_step *s, long kver, unsigned family, unsigned *taken,
	       const struct result *r, bool *ok);

/* The expectation r (a result of s, judged) was judged by, as reports
 * write it ("-1 ECONNRESET after 900..1500 ms"); after a mismatch followed
 * by the step's branch lines (", or on branch early: 0"), since any of them
 * would have done. */
void case_format_judged(const struct case_file *c, const struct case_step *s, const struct result *r,
			char *buf, size_t len);
/* The expectation of s that judged r (r->expect_idx), or NULL when none did. */
const struct expect *case_judged_by(const struct case_step *s, const struct result *r);
/* The name of the branch r's step took, or NULL when it took none. */
const char *case_branch_taken(const struct case_file *c, const struct case_step *s, const struct result *r);

/* True when step s ends actor's process (s->ends_actors, decided at parse time). */
bool case_step_ends(const struct case_step *s, int actor);

/* Returns the host's index, or -1. */
int case_host_index(const struct case_file *c, const char *name);
/* Returns the actor's index, or -1. */
int case_actor_index(const struct case_file *c, const char *name);
const char *case_family_name(unsigned fam);
/* "ipv4" or "ipv6 iptables-nft". */
void case_variant_name(const struct variant *v, char *buf, size_t len);

#endif
