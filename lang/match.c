/* SPDX-License-Identifier: GPL-2.0-only */
/* The matcher: expectation x observed result -> verdict, and how both print. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "lang/expect.h"
#include "lang/symbols.h"

static bool alt_matches(const struct expect_alt *a, const struct result *r)
{
	if (r->ret < a->lo || r->ret > a->hi)
		return false;
	return r->ret != -1 || r->err == a->err;
}

static bool match_version(const struct kernel_guard *g, long kver)
{
	switch (g->op) {
	case GUARD_NONE: return true;
	case GUARD_LT:   return kver < g->version;
	case GUARD_LE:   return kver <= g->version;
	case GUARD_GE:   return kver >= g->version;
	case GUARD_GT:   return kver > g->version;
	case GUARD_EQ:   return kver == g->version;
	}
	return false;
}

bool match_guard(const struct kernel_guard *g, long kver, unsigned family, unsigned taken)
{
	return match_version(g, kver) && (!g->family || g->family == family) &&
	       (g->branches & taken) == g->branches;
}

bool match_guard_none(const struct kernel_guard *g)
{
	return g->op == GUARD_NONE && !g->family && !g->branches;
}

static bool ee_field(long want, long got)
{
	return want == -1 || want == got;
}

static bool ee_matches(const struct ee_fields *want, const struct ee_fields *got)
{
	return ee_field(want->origin, got->origin) && ee_field(want->type, got->type) &&
	       ee_field(want->code, got->code) && ee_field(want->info, got->info);
}

bool match_result(const struct expect *e, enum value_kind k, const struct result *r)
{
	(void)k;
	if (!r->ran || r->timed_out)
		return false;
	if (!e)
		return r->ret != -1;
	if (e->timed && (r->elapsed_us < e->after_lo_us || r->elapsed_us > e->after_hi_us))
		return false;
	if (e->with_ee && !ee_matches(&e->ee, &r->ee))
		return false;
	for (int i = 0; i < e->nalts; i++)
		if (alt_matches(&e->alt[i], r))
			return true;
	return false;
}

static int format_value(long v, enum value_kind k, char *buf, size_t len)
{
	if (k == VK_ERRNO && v > 0)
		return snprintf(buf, len, "%s", err_name((int)v));
	if (k == VK_STATE && v > 0)
		return snprintf(buf, len, "%s", names_tcp_state((int)v));
	if (k == VK_POLL) {
		names_poll_events_format((int)v, buf, (int)len);
		return 0;
	}
	if (k == VK_BLOCKED)
		return snprintf(buf, len, "%s", v ? "blocked" : "returned");
	return snprintf(buf, len, "%ld", v);
}

static int format_alt(const struct expect_alt *a, enum value_kind k, char *buf, size_t len)
{
	char lo[64], hi[64];

	if (a->lo == -1 && a->hi == -1)
		return snprintf(buf, len, "-1 %s", err_name(a->err));
	if (k == VK_FD && a->lo == 0 && a->hi == LONG_MAX)
		return snprintf(buf, len, "fd");
	format_value(a->lo, k, lo, sizeof(lo));
	if (a->lo == a->hi)
		return snprintf(buf, len, "%s", lo);
	format_value(a->hi, k, hi, sizeof(hi));
	return snprintf(buf, len, "%s..%s", lo, hi);
}

void match_format_expect(const struct expect *e, enum value_kind k, char *buf, size_t len)
{
	size_t used = 0;

	if (!e) {
		snprintf(buf, len, "success (not -1)");
		return;
	}
	buf[0] = '\0';
	for (int i = 0; i < e->nalts && used < len; i++) {
		if (i)
			used += snprintf(buf + used, len - used, " | ");
		if (used < len)
			used += format_alt(&e->alt[i], k, buf + used, len - used);
	}
	if (e->timed && used < len)
		used += snprintf(buf + used, len - used, " after %lld..%lld ms", (long long)e->after_lo_us / 1000,
				 (long long)e->after_hi_us / 1000);
	if (e->with_ee && used < len)
		match_format_ee(&e->ee, buf + used, len - used);
}

void match_format_ee(const struct ee_fields *ee, char *buf, size_t len)
{
	int used = snprintf(buf, len, " with");

	if (ee->origin >= 0 && used < (int)len)
		used += snprintf(buf + used, len - used, " origin %s", names_ee_origin(ee->origin));
	if (ee->type >= 0 && used < (int)len)
		used += snprintf(buf + used, len - used, " type %d", ee->type);
	if (ee->code >= 0 && used < (int)len)
		used += snprintf(buf + used, len - used, " code %d", ee->code);
	if (ee->info >= 0 && used < (int)len)
		snprintf(buf + used, len - used, " info %ld", ee->info);
}

void match_format_observed(const struct result *r, enum value_kind k, char *buf, size_t len)
{
	if (r->ret == -1)
		snprintf(buf, len, "-1 %s", err_name(r->err));
	else if (k == VK_FD)
		snprintf(buf, len, "fd");
	else
		format_value(r->ret, k, buf, len);
}

void match_format_result(const struct result *r, enum value_kind k, char *buf, size_t len)
{
	int n;

	if (!r->ran) {
		snprintf(buf, len, "not run");
		return;
	}
	if (r->timed_out) {
		snprintf(buf, len, "no reply within %lld ms (the call is still blocked)", (long long)r->elapsed_us / 1000);
		return;
	}
	if (r->ret == -1)
		snprintf(buf, len, "-1 %s", err_name(r->err));
	else if (k == VK_FD)
		snprintf(buf, len, "fd %ld", r->ret);
	else
		format_value(r->ret, k, buf, len);
	n = (int)strlen(buf);
	if ((size_t)n < len && r->elapsed_us >= 1000)
		snprintf(buf + n, len - n, " after %lld ms", (long long)r->elapsed_us / 1000);
}
