/* The matcher: expectation x observed result -> verdict, and how both print. */
#include <limits.h>
#include <stdio.h>
#include "framework/expect.h"
#include "framework/names.h"

static bool alt_matches(const struct expect_alt *a, const struct result *r)
{
	if (r->ret < a->lo || r->ret > a->hi)
		return false;
	return r->ret != -1 || r->err == a->err;
}

bool match_result(const struct expect *e, enum value_kind k, const struct result *r)
{
	(void)k;
	if (!r->ran || r->timed_out)
		return false;
	if (!e->given)
		return r->ret != -1;
	for (int i = 0; i < e->nalts; i++)
		if (alt_matches(&e->alt[i], r))
			return true;
	return false;
}

static int format_value(long v, enum value_kind k, char *buf, size_t len)
{
	if (k == VK_ERRNO && v > 0)
		return snprintf(buf, len, "%s", names_errno((int)v));
	if (k == VK_STATE && v > 0)
		return snprintf(buf, len, "%s", names_tcp_state((int)v));
	return snprintf(buf, len, "%ld", v);
}

static int format_alt(const struct expect_alt *a, enum value_kind k, char *buf, size_t len)
{
	char lo[32], hi[32];

	if (a->lo == -1 && a->hi == -1)
		return snprintf(buf, len, "-1 %s", names_errno(a->err));
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

	if (!e->given) {
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
}

void match_format_result(const struct result *r, enum value_kind k, char *buf, size_t len)
{
	if (!r->ran)
		snprintf(buf, len, "not run");
	else if (r->timed_out)
		snprintf(buf, len, "no reply within %lld ms (the call is still blocked)",
			 (long long)r->elapsed_us / 1000);
	else if (r->ret == -1)
		snprintf(buf, len, "-1 %s", names_errno(r->err));
	else if (k == VK_FD)
		snprintf(buf, len, "fd %ld", r->ret);
	else
		format_value(r->ret, k, buf, len);
}
