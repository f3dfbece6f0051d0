/* SPDX-License-Identifier: GPL-2.0-only */
/* Backend-neutral firewall rules: the exact commands each backend gets. */
#include <string.h>
#include "actions/firewall.h"
#include "lang/fw_rule.h"
#include "tests/tests.h"

static const struct fw_rule reset7000 = { "rst", FWC_INPUT, FWM_TCP_DPORT, 7000, FWA_TCP_RESET, false };
static const struct fw_rule drop_fwd = { "cut", FWC_FORWARD, FWM_ALL, 0, FWA_DROP, false };
static const struct fw_rule admin_out = { "adm", FWC_OUTPUT, FWM_TCP_SPORT, 80, FWA_ADMIN_PROHIB, false };

static void expect_cmd(const struct fw_rule *r, int backend, bool ipv6, bool add, const char *want)
{
	char buf[512];

	CU_ASSERT_EQUAL_FATAL(fw_rule_command(r, backend, ipv6, add, buf, sizeof(buf)), 0);
	if (strcmp(buf, want) != 0)
		fprintf(stderr, "\n  want %s\n  got  %s\n", want, buf);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void test_nft(void)
{
	expect_cmd(&reset7000, FW_NFT, false, true,
		   "add table inet nsfault; add chain inet nsfault rst { type filter hook input priority 0; "
		   "policy accept; }; add rule inet nsfault rst meta nfproto ipv4 tcp dport 7000 reject with tcp reset");
	expect_cmd(&reset7000, FW_NFT, true, false, "flush chain inet nsfault rst; delete chain inet nsfault rst");
	expect_cmd(&drop_fwd, FW_NFT, true, true,
		   "add table inet nsfault; add chain inet nsfault cut { type filter hook forward priority 0; "
		   "policy accept; }; add rule inet nsfault cut meta nfproto ipv6 drop");
	expect_cmd(&admin_out, FW_NFT, false, true,
		   "add table inet nsfault; add chain inet nsfault adm { type filter hook output priority 0; "
		   "policy accept; }; add rule inet nsfault adm meta nfproto ipv4 tcp sport 80 "
		   "reject with icmpx type admin-prohibited");
}

static void test_iptables(void)
{
	expect_cmd(&reset7000, FW_IPTABLES_NFT, false, true, "-A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset");
	expect_cmd(&reset7000, FW_IPTABLES_LEGACY, true, false, "-D INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset");
	expect_cmd(&drop_fwd, FW_IPTABLES_NFT, false, true, "-A FORWARD -j DROP");
	expect_cmd(&admin_out, FW_IPTABLES_LEGACY, true, true,
		   "-A OUTPUT -p tcp --sport 80 -j REJECT --reject-with icmp6-adm-prohibited");
}

/* Each ICMP action has its own spelling per family: an IPv4 name in an IPv6
 * rule would be refused by the tools. */
static void test_icmp_spellings(void)
{
	struct fw_rule r = { "u", FWC_INPUT, FWM_TCP, 0, FWA_HOST_UNREACH, false };

	expect_cmd(&r, FW_IPTABLES_NFT, false, true, "-A INPUT -p tcp -j REJECT --reject-with icmp-host-unreachable");
	expect_cmd(&r, FW_IPTABLES_NFT, true, true, "-A INPUT -p tcp -j REJECT --reject-with icmp6-addr-unreachable");
	r.action = FWA_PORT_UNREACH;
	expect_cmd(&r, FW_IPTABLES_NFT, true, true, "-A INPUT -p tcp -j REJECT --reject-with icmp6-port-unreachable");
	r.action = FWA_NET_UNREACH;
	expect_cmd(&r, FW_IPTABLES_NFT, true, true, "-A INPUT -p tcp -j REJECT --reject-with icmp6-no-route");
}

/* `once`: the limit follows the match (only matching packets take the one
 * token), and an iptables del repeats it: -D finds the rule by its spec. */
static void test_once(void)
{
	struct fw_rule r = { "tmp", FWC_INPUT, FWM_TCP_DPORT, 7002, FWA_HOST_UNREACH, true };

	expect_cmd(&r, FW_NFT, false, true,
		   "add table inet nsfault; add chain inet nsfault tmp { type filter hook input priority 0; "
		   "policy accept; }; add rule inet nsfault tmp meta nfproto ipv4 tcp dport 7002 "
		   "limit rate 1/day burst 1 packets reject with icmp type host-unreachable");
	expect_cmd(&r, FW_NFT, true, false, "flush chain inet nsfault tmp; delete chain inet nsfault tmp");
	expect_cmd(&r, FW_IPTABLES_NFT, false, true, "-A INPUT -p tcp --dport 7002 -m limit --limit 1/day "
		   "--limit-burst 1 -j REJECT --reject-with icmp-host-unreachable");
	expect_cmd(&r, FW_IPTABLES_LEGACY, true, false, "-D INPUT -p tcp --dport 7002 -m limit --limit 1/day "
		   "--limit-burst 1 -j REJECT --reject-with icmp6-addr-unreachable");
	r.match = FWM_ALL;
	r.action = FWA_DROP;
	expect_cmd(&r, FW_NFT, true, true,
		   "add table inet nsfault; add chain inet nsfault tmp { type filter hook input priority 0; "
		   "policy accept; }; add rule inet nsfault tmp meta nfproto ipv6 limit rate 1/day burst 1 packets drop");
	expect_cmd(&r, FW_IPTABLES_NFT, false, true, "-A INPUT -m limit --limit 1/day --limit-burst 1 -j DROP");
}

static void test_words(void)
{
	CU_ASSERT_EQUAL(fw_rule_chain("forward"), FWC_FORWARD);
	CU_ASSERT_EQUAL(fw_rule_chain("prerouting"), -1);
	CU_ASSERT_EQUAL(fw_rule_action("port-unreachable"), FWA_PORT_UNREACH);
	CU_ASSERT_EQUAL(fw_rule_action("reject"), -1);
}

static void test_too_long(void)
{
	char buf[16];

	CU_ASSERT_EQUAL(fw_rule_command(&reset7000, FW_NFT, false, true, buf, sizeof(buf)), -1);
}

int test_fw_rule_register(void)
{
	static const struct test_def tests[] = {
		{ "nft commands", test_nft },
		{ "iptables commands", test_iptables },
		{ "ICMP reject spellings per family", test_icmp_spellings },
		{ "once: a one-packet limit after the match", test_once },
		{ "chain and action words", test_words },
		{ "a command that does not fit", test_too_long },
		{ NULL, NULL },
	};

	return tests_add_suite("fw_rule", tests);
}
