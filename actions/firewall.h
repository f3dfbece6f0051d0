/* SPDX-License-Identifier: GPL-2.0-only */
/* fw_: firewall rules inside one host's namespace, with one of three backends.
 * Nothing is ever applied in the initial namespace: every call enters the
 * host's namespace first (nft through libnftables in-process; iptables by
 * running the tool in a child that entered the namespace). Rules vanish with
 * the namespace, so a killed run leaves none behind. */
#ifndef NSF_FIREWALL_H
#define NSF_FIREWALL_H

#include <stdbool.h>
#include <stddef.h>
#include "lang/fw_rule.h"         /* enum fw_backend and its names */
#include "netns/ns.h"

/* Says whether backend b can be used on this machine (for iptables: the four
 * tools and their -save versions); when not, err names what is missing
 * (e.g. "iptables-legacy is not installed (Debian package iptables)"). */
bool fw_available(enum fw_backend b, char *err, size_t errlen);

/* The lock file iptables-legacy will serialise on: the caller's
 * XTABLES_LOCKFILE, else /run/xtables.lock where it can be opened for
 * writing, else (rootless: a user mapped to root in a user namespace, where
 * the tool would exit 4) a private one under /tmp, given to the tool as its
 * XTABLES_LOCKFILE; *private_lock says whether it is that last one. */
const char *fw_xtables_lockfile(bool *private_lock);

/* Applies commands inside ns.
 *  FW_NFT: text in nft syntax (one or more commands; ipv6 is ignored, an inet
 *    table covers both), e.g.
 *    "add table inet nsf; add chain inet nsf in { type filter hook input priority 0; }; add rule inet nsf in tcp dport 7000 reject with tcp reset"),
 *    run with nft_run_cmd_from_buffer.
 *  FW_IPTABLES_*: one iptables command line without the program name, e.g.
 *    "-A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset"; words
 *    split on blanks, "..." keeps a word whole, no escapes, no line breaks;
 *    ipv6 selects ip6tables-nft / ip6tables-legacy.
 * Returns 0, or -1 with err: the backend, the command, the namespace, then the
 * tool's own error text. */
int fw_apply(struct ns *ns, enum fw_backend b, bool ipv6, const char *commands,
	     char *err, size_t errlen);

/* Dumps the ruleset of ns (nft list ruleset, or iptables-save) into buf, for
 * failure reports and tests; a dump that does not fit ends in
 * "[... truncated]". Returns 0 or -1 with err. */
int fw_dump(struct ns *ns, enum fw_backend b, bool ipv6, char *buf, size_t len, char *err, size_t errlen);

#endif
