/* SPDX-License-Identifier: GPL-2.0-only */
/* Look-ups on a parsed case. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "lang/case.h"

int case_host_index(const struct case_file *c, const char *name)
{
	for (int i = 0; i < c->nhosts; i++)
		if (strcmp(c->hosts[i], name) == 0)
			return i;
	return -1;
}

int case_actor_index(const struct case_file *c, const char *name)
{
	for (int i = 0; i < c->nactors; i++)
		if (strcmp(c->actors[i].name, name) == 0)
			return i;
	return -1;
}

bool case_step_ends(const struct case_step *s, int actor)
{
	return actor >= 0 && actor < CASE_MAX_ACTORS && (s->ends_actors & (1u << actor));
}

const char *case_family_name(unsigned fam)
{
	return fam == FAM_IPV6 ? "ipv6" : "ipv4";
}

size_t case_size(const struct case_file *c)
{
	return offsetof(struct case_file, steps) + (size_t)c->nsteps * sizeof(c->steps[0]);
}

const struct expect *case_expect_for(const struct case_step *s, long kver, unsigned family, unsigned taken)
{
	for (int i = 0; i < s->nexpects; i++)
		if (!s->expects[i].branch && match_guard(&s->expects[i].guard, kver, family, taken))
			return &s->expects[i];
	return NULL;
}

int case_judge(const struct case_step *s, long kver, unsigned family, unsigned *taken,
	       const struct result *r, bool *ok)
{
	const struct expect *e = case_expect_for(s, kver, family, *taken);

	*ok = match_result(e, s->kind, r);
	for (int i = 0; i < s->nexpects && !*ok; i++) {
		const struct expect *b = &s->expects[i];

		if (b->branch && match_guard(&b->guard, kver, family, *taken) && match_result(b, s->kind, r)) {
			*ok = true;
			*taken |= 1u << (b->branch - 1);
			return i;
		}
	}
	return e ? (int)(e - s->expects) : -1;
}

void case_variant_name(const struct variant *v, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", case_family_name(v->family), v->backend >= 0 ? " " : "",
		 v->backend >= 0 ? fw_backend_name((enum fw_backend)v->backend) : "");
}

const struct expect *case_judged_by(const struct case_step *s, const struct result *r)
{
	return r->expect_idx >= 0 && r->expect_idx < s->nexpects ? &s->expects[r->expect_idx] : NULL;
}

void case_format_judged(const struct case_file *c, const struct case_step *s, const struct result *r,
			char *buf, size_t len)
{
	size_t used;

	match_format_expect(case_judged_by(s, r), s->kind, buf, len);
	for (int i = 0; i < s->nexpects && r->mismatch; i++) {
		const struct expect *b = &s->expects[i];

		if (!b->branch || (used = strlen(buf)) + 1 >= len)
			continue;
		used += (size_t)snprintf(buf + used, len - used, ", or on branch %s: ", c->branches[b->branch - 1]);
		if (used < len)
			match_format_expect(b, s->kind, buf + used, len - used);
	}
}

const char *case_branch_taken(const struct case_file *c, const struct case_step *s, const struct result *r)
{
	const struct expect *e = case_judged_by(s, r);

	return e && e->branch && !r->mismatch ? c->branches[e->branch - 1] : NULL;
}
