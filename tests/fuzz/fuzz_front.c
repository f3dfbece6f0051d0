/* SPDX-License-Identifier: GPL-2.0-only */
/* libFuzzer target over the whole front end: a file's bytes, as case_load
 * hands them over, to a Case (case_parse_bytes) and on to the variants the
 * runner would start (plan_case_variants), then the text reports would
 * print for every expectation. Besides crashes and undefined behaviour it
 * aborts on a Case that breaks a bound the language promises
 * (docs/LANGUAGE.md): what parses must be runnable. Links only lang/ and
 * util/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lang/parser.h"
#include "lang/plan.h"
#include "lang/verbs.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok)
{
	if (!ok)
		abort();
}

static long expect_ms(const struct expect *e)
{
	check(e->nalts >= 1 && e->nalts <= EXPECT_MAX_ALTS);
	check(e->guard.op == GUARD_NONE || e->guard.version >= 0);
	if (!e->timed)
		return 0;
	check(e->after_lo_us >= 0 && e->after_lo_us <= e->after_hi_us);
	check(e->after_hi_us <= (int64_t)CASE_MAX_WAIT_MS * 1000);
	return (long)(e->after_lo_us / 1000);
}

/* The bounds a parsed step must keep; returns the time it may take. */
static long check_step(const struct case_file *c, int k)
{
	const struct case_step *s = &c->steps[k];
	long ms = s->wait_ms;
	char buf[256];

	check(s->verb && s->verb->id < VERB_COUNT);
	check(s->actor >= -1 && s->actor < c->nactors && s->sock >= -1 && s->sock < CASE_MAX_SOCKS);
	check(s->start_step < k && (!s->async || s->verb->where == VERB_IN_AGENT));
	check(s->wait_ms >= 0 && s->wait_ms <= CASE_MAX_WAIT_MS);
	if (s->verb->id == VERB_SEND || s->verb->id == VERB_RECV)
		check(s->arg[0] >= 0 && s->arg[0] <= CASE_MAX_BYTES);
	if (s->verb->id == VERB_MTU)
		check(s->arg[0] >= CASE_MTU_MIN && s->arg[0] <= CASE_MTU_MAX && strlen(s->word) < 16);
	if (s->verb->id == VERB_LISTEN)
		check(s->arg[0] >= 1 && s->arg[0] <= 65535 && s->arg[1] >= 0 && s->arg[1] <= CASE_MAX_BACKLOG);
	check(s->nexpects >= 0 && s->nexpects <= CASE_MAX_EXPECTS);
	/* A step's first line is plain; a branch exists, and a guard names
	 * only branches of earlier steps, so it never waits on its own. */
	check(!s->nexpects || !s->expects[0].branch);
	for (int e = 0; e < s->nexpects; e++) {
		long after = expect_ms(&s->expects[e]);
		unsigned mine = s->expects[e].branch ? 1u << (s->expects[e].branch - 1) : 0;

		check(s->expects[e].branch >= 0 && s->expects[e].branch <= c->nbranches);
		check(s->expects[e].guard.branches < 1u << c->nbranches);
		for (int f = 0; f < s->nexpects; f++)
			check(!(s->expects[f].guard.branches & mine));

		check(after <= s->wait_ms + TIMEOUT_STEP_MS);
		ms = after > ms ? after : ms;
		match_format_expect(&s->expects[e], s->kind, buf, sizeof(buf));
	}
	return ms;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct case_file c;
	struct variant v[PLAN_MAX_VARIANTS];
	char err[512] = "", name[64];
	char *text = malloc(size + 1);
	long total = 0;
	int n;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (case_parse_bytes("fuzz.case", text, size, &c, err, sizeof(err)) < 0) {
		check(strncmp(err, "fuzz.case:", 10) == 0);    /* a rejection says where */
		free(text);
		return 0;
	}
	for (int k = 0; k < c.nsteps; k++)
		total += check_step(&c, k);
	check(total <= CASE_MAX_WAIT_MS);
	n = plan_case_variants(&c, FAM_IPV4 | FAM_IPV6, v);
	check(n >= 1 && n <= PLAN_MAX_VARIANTS);
	for (int i = 0; i < n; i++) {
		check(v[i].backend >= -1 && v[i].backend < FW_NBACKENDS);
		case_variant_name(&v[i], name, sizeof(name));
	}
	free(text);
	return 0;
}
