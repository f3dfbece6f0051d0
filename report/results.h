/* SPDX-License-Identifier: GPL-2.0-only */
/* results_: a JSON results file (`nsfault run --json`, written by
 * report/json.c, described in docs/RESULTS.md) read back into structs, for
 * `nsfault diff` and the kernel matrix. Strings longer than a field are cut. */
#ifndef NSF_RESULTS_H
#define NSF_RESULTS_H

#include <stdbool.h>
#include <stddef.h>

/* One step of one variant as it was observed. */
struct res_step {
	int line;
	char text[160];                 /* the call as the case writes it */
	bool ran;
	bool timed_out;
	long ret;
	char err[32];                   /* errno name, "" when none */
	char kind[16];                  /* "int", "errno", "state", "fd", "poll", "blocked" */
	char result[160];               /* formatted: "-1 ECONNRESET", "CLOSE_WAIT" */
	double ms;                      /* the call's duration */
	char note[128];
	char expected[128];             /* the expectation that applied, formatted */
};

struct res_variant {
	char path[256];
	char scenario[16];
	char variant[48];               /* "ipv4", "ipv6 iptables-nft" */
	int run;                        /* 1.. (-r) */
	char verdict[8];                /* "pass", "fail", "skip" */
	char fail_kind[16];             /* "" unless fail: "mismatch", "crash", "timeout", "interrupted" */
	char reason[512];
	double ms;
	int nsteps;
	struct res_step *steps;
};

struct res_file {
	char version[32], release[65], kernel[32], machine[65], hostname[256], date[32], options[512];
	int repeat;
	int nvariants;
	struct res_variant *variants;
};

/* Loads path (or, with results_parse, the text itself) into *f. Returns 0,
 * or -1 with err saying "path:line:col: what is wrong" (*f then holds
 * nothing to free). */
int results_load(const char *path, struct res_file *f, char *err, size_t errlen);
int results_parse(const char *text, struct res_file *f, char *err, size_t errlen);
void results_free(struct res_file *f);

/* The variant of f with this path, variant name and run, or NULL. */
const struct res_variant *results_find(const struct res_file *f, const char *path, const char *variant, int run);

#endif
