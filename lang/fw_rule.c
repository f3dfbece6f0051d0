/* SPDX-License-Identifier: GPL-2.0-only */
/* Backend-neutral rules and their nft / iptables spellings. */
#include <stdio.h>
#include <string.h>
#include "lang/fw_rule.h"

const char fw_rule_chains_doc[] = "input, output or forward";
const char fw_rule_actions_doc[] =
	"drop, tcp-reset, net-unreachable, host-unreachable, port-unreachable or admin-prohibited";

static const char *const backends[FW_NBACKENDS] = {
	[FW_NFT] = "nft",
	[FW_IPTABLES_NFT] = "iptables-nft",
	[FW_IPTABLES_LEGACY] = "iptables-legacy",
};

const char *fw_backend_name(enum fw_backend b)
{
	return (unsigned)b < FW_NBACKENDS ? backends[b] : "unknown-backend";
}

static const char *const chains[] = { "input", "output", "forward" };
static const char *const ipt_chains[] = { "INPUT", "OUTPUT", "FORWARD" };
static const char *const actions[] = {
	"drop", "tcp-reset", "net-unreachable", "host-unreachable", "port-unreachable", "admin-prohibited",
};

static int lookup(const char *const *names, int n, const char *word)
{
	for (int i = 0; i < n; i++)
		if (strcmp(names[i], word) == 0)
			return i;
	return -1;
}

int fw_rule_chain(const char *word)
{
	return lookup(chains, 3, word);
}

int fw_rule_action(const char *word)
{
	return lookup(actions, 6, word);
}

/* How each action is spelled: nft for IPv4 and IPv6, iptables and ip6tables.
 * admin-prohibited uses nft's icmpx, which picks ICMP or ICMPv6 itself. */
static const struct { const char *nft4, *nft6, *ipt4, *ipt6; } spell[] = {
	[FWA_DROP] = { "drop", "drop", "DROP", "DROP" },
	[FWA_TCP_RESET] = { "reject with tcp reset", "reject with tcp reset",
			    "REJECT --reject-with tcp-reset", "REJECT --reject-with tcp-reset" },
	[FWA_NET_UNREACH] = { "reject with icmp type net-unreachable", "reject with icmpv6 type no-route",
			      "REJECT --reject-with icmp-net-unreachable", "REJECT --reject-with icmp6-no-route" },
	[FWA_HOST_UNREACH] = { "reject with icmp type host-unreachable", "reject with icmpv6 type addr-unreachable",
			       "REJECT --reject-with icmp-host-unreachable", "REJECT --reject-with icmp6-addr-unreachable" },
	[FWA_PORT_UNREACH] = { "reject with icmp type port-unreachable", "reject with icmpv6 type port-unreachable",
			       "REJECT --reject-with icmp-port-unreachable", "REJECT --reject-with icmp6-port-unreachable" },
	[FWA_ADMIN_PROHIB] = { "reject with icmpx type admin-prohibited", "reject with icmpx type admin-prohibited",
			       "REJECT --reject-with icmp-admin-prohibited", "REJECT --reject-with icmp6-adm-prohibited" },
};

static void nft_match(const struct fw_rule *r, char *buf, size_t len)
{
	switch (r->match) {
	case FWM_ALL:       snprintf(buf, len, "%s", ""); break;
	case FWM_TCP:       snprintf(buf, len, "meta l4proto tcp "); break;
	case FWM_TCP_DPORT: snprintf(buf, len, "tcp dport %d ", r->port); break;
	case FWM_TCP_SPORT: snprintf(buf, len, "tcp sport %d ", r->port); break;
	}
}

static void ipt_match(const struct fw_rule *r, char *buf, size_t len)
{
	switch (r->match) {
	case FWM_ALL:       snprintf(buf, len, "%s", ""); break;
	case FWM_TCP:       snprintf(buf, len, "-p tcp "); break;
	case FWM_TCP_DPORT: snprintf(buf, len, "-p tcp --dport %d ", r->port); break;
	case FWM_TCP_SPORT: snprintf(buf, len, "-p tcp --sport %d ", r->port); break;
	}
}

/* `once` as a token bucket of one packet that refills at 1/day, i.e. never
 * within a case. It follows the match, so only matching packets take the
 * token. nft (nft_limit): the bucket holds `burst` packets' cost (on 6.18 no
 * extra packet for the rate itself, as some older kernels gave). iptables
 * (xt_limit): credit starts at limit-burst times the cost of one packet.
 * So exactly one packet matches in either; tests/meta/once-ipv4.case and
 * -ipv6.case prove it per backend and family (one SYN rejected, the
 * retransmitted one passes), and fail with burst 2 or the limit first. */
static const char nft_once[] = "limit rate 1/day burst 1 packets ";
static const char ipt_once[] = "-m limit --limit 1/day --limit-burst 1 ";

/* nft: each rule gets a base chain of its own in table inet nsfault, so that
 * deleting it needs no rule handle. */
static int nft_command(const struct fw_rule *r, bool ipv6, bool add, char *buf, size_t len)
{
	char match[64];
	int n;

	if (!add)
		n = snprintf(buf, len, "flush chain inet nsfault %s; delete chain inet nsfault %s", r->name, r->name);
	else {
		nft_match(r, match, sizeof(match));
		n = snprintf(buf, len,
			     "add table inet nsfault; "
			     "add chain inet nsfault %s { type filter hook %s priority 0; policy accept; }; "
			     "add rule inet nsfault %s meta nfproto %s %s%s%s",
			     r->name, chains[r->chain], r->name, ipv6 ? "ipv6" : "ipv4", match,
			     r->once ? nft_once : "", ipv6 ? spell[r->action].nft6 : spell[r->action].nft4);
	}
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static int ipt_command(const struct fw_rule *r, bool ipv6, bool add, char *buf, size_t len)
{
	char match[64];
	int n;

	ipt_match(r, match, sizeof(match));
	n = snprintf(buf, len, "%s %s %s%s-j %s", add ? "-A" : "-D", ipt_chains[r->chain], match,
		     r->once ? ipt_once : "", ipv6 ? spell[r->action].ipt6 : spell[r->action].ipt4);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

int fw_rule_command(const struct fw_rule *r, int backend, bool ipv6, bool add, char *buf, size_t len)
{
	if (backend == FW_NFT)
		return nft_command(r, ipv6, add, buf, len);
	return ipt_command(r, ipv6, add, buf, len);
}
