/* SPDX-License-Identifier: GPL-2.0-only */
/* Telling a kernel without a rule's feature from a failing rule. */
#include <stdio.h>
#include "actions/firewall.h"
#include "actions/fw_refused.h"
#include "netns/ns.h"

/* Applies r (add) inside ns; 0, or -1 with the tool's words in err. */
static int fw_refused_try(struct ns *ns, const struct fw_rule *r, enum fw_backend b, bool ipv6,
			  char *err, size_t errlen)
{
	char cmd[512];

	if (fw_rule_command(r, b, ipv6, true, cmd, sizeof(cmd)) < 0) {
		snprintf(err, errlen, "the rule is too long");
		return -1;
	}
	return fw_apply(ns, b, ipv6, cmd, err, errlen);
}

/* What of r the kernel refuses, r itself refused and its plain drop not:
 * with both a reject action and `once`, each is tried alone. */
static const char *fw_refused_part(struct ns *ns, const struct fw_rule *r, enum fw_backend b, bool ipv6)
{
	struct fw_rule part = *r;
	char err[512];

	if (r->action == FWA_DROP)
		return "`once` (a limit match)";
	if (!r->once)
		return "its reject action";
	part.once = false;
	if (fw_refused_try(ns, &part, b, ipv6, err, sizeof(err)) == 0)
		return "`once` (a limit match)";
	part = *r;
	part.action = FWA_DROP;
	if (fw_refused_try(ns, &part, b, ipv6, err, sizeof(err)) == 0)
		return "its reject action";
	return "both its reject action and `once` (a limit match)";
}

bool fw_refused_by_kernel(const struct fw_rule *r, enum fw_backend b, bool ipv6, char *why, size_t whylen)
{
	struct fw_rule plain = *r;
	struct ns scratch = { .fd = -1 };
	struct nl_error e = { 0 };
	char err[512], plain_err[512];
	bool refused;

	if (r->action == FWA_DROP && !r->once)
		return false;
	plain.action = FWA_DROP;
	plain.once = false;
	if (ns_create(&scratch, "fw-probe", &e) < 0)
		return false;
	refused = fw_refused_try(&scratch, r, b, ipv6, err, sizeof(err)) < 0 &&
		  fw_refused_try(&scratch, &plain, b, ipv6, plain_err, sizeof(plain_err)) == 0;
	if (refused)
		snprintf(why, whylen, "this kernel refuses %s with %s (in a fresh namespace too, where the same rule "
			 "as a plain drop applies): %s", fw_refused_part(&scratch, r, b, ipv6), fw_backend_name(b), err);
	ns_destroy(&scratch);
	return refused;
}
