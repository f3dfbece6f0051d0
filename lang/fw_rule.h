/* SPDX-License-Identifier: GPL-2.0-only */
/* fw_rule_: one firewall rule as a case states it, independent of the
 * backend, the backends a case can run it with, and its translation into
 * nft or iptables commands. Pure: actions/firewall.c applies the commands. */
#ifndef NSF_FW_RULE_H
#define NSF_FW_RULE_H

#include <stdbool.h>
#include <stddef.h>

/* The firewall backends, each a variant of a case with rules. */
enum fw_backend { FW_NFT, FW_IPTABLES_NFT, FW_IPTABLES_LEGACY, FW_NBACKENDS };

/* "nft", "iptables-nft", "iptables-legacy"; "unknown-backend" out of range. */
const char *fw_backend_name(enum fw_backend b);

enum fw_chain { FWC_INPUT, FWC_OUTPUT, FWC_FORWARD };
enum fw_match { FWM_ALL, FWM_TCP, FWM_TCP_DPORT, FWM_TCP_SPORT };
enum fw_action {
	FWA_DROP, FWA_TCP_RESET, FWA_NET_UNREACH, FWA_HOST_UNREACH, FWA_PORT_UNREACH, FWA_ADMIN_PROHIB,
};

struct fw_rule {
	char name[16];
	enum fw_chain chain;
	enum fw_match match;
	int port;
	enum fw_action action;
	/* `once`: the action applies to the first packet the rule matches;
	 * every later one passes the rule as if it were not there. A token
	 * bucket of one packet that refills at one per day: never within a
	 * case, so which packet is hit does not depend on when a later step
	 * (a `del`, an iptables process) happens to run. */
	bool once;
};

/* Word tables for the parser: -1 when unknown. */
int fw_rule_chain(const char *word);
int fw_rule_action(const char *word);
/* "input|output|forward", "drop|tcp-reset|..." for error messages. */
extern const char fw_rule_chains_doc[], fw_rule_actions_doc[];

/* Writes the command that adds (add) or deletes the rule with the given
 * backend (enum fw_backend) in the given family, as fw_apply takes it.
 * An iptables `del` repeats the add's specification word for word (a `once`
 * rule's limit match included): iptables -D finds the rule by it.
 * Returns 0, or -1 when it does not fit in len. */
int fw_rule_command(const struct fw_rule *r, int backend, bool ipv6, bool add, char *buf, size_t len);

#endif
