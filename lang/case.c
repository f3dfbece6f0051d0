/* SPDX-License-Identifier: GPL-2.0-only */
/* Look-ups on a parsed case. */
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

const struct expect *case_expect_for(const struct case_step *s, long kver, unsigned family)
{
	for (int i = 0; i < s->nexpects; i++)
		if (match_guard(&s->expects[i].guard, kver, family))
			return &s->expects[i];
	return NULL;
}

void case_variant_name(const struct variant *v, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", case_family_name(v->family), v->backend >= 0 ? " " : "",
		 v->backend >= 0 ? fw_backend_name((enum fw_backend)v->backend) : "");
}
