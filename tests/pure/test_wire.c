/* SPDX-License-Identifier: GPL-2.0-only */
/* The wire's pure parts: pcapng blocks byte for byte, decoding captured TCP
 * segments, flag names, counter lookup in /proc/net/snmp text, and the wire
 * verbs' forms, good and malformed. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "lang/parser.h"
#include "lang/verbs.h"
#include "report/pcapng.h"
#include "util/mib.h"
#include "util/tcpseg.h"
#include "tests/tests.h"

/* Runs fn into a memory stream and returns the bytes (static). */
static const uint8_t *written(void (*fn)(FILE *), size_t *len)
{
	static char *buf;
	FILE *f;

	free(buf);
	buf = NULL;
	f = open_memstream(&buf, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fn(f);
	fclose(f);
	return (const uint8_t *)buf;
}

static uint32_t u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void write_idb(FILE *f)
{
	CU_ASSERT_EQUAL(pcapng_interface(f, PCAPNG_LINKTYPE_ETHERNET, 128, "server:eth0"), 0);
}

/* IDB: type 1, length 20 + name option (4 + 12) + tsresol option (4 + 4)
 * + end (4) = 48, both length fields equal. */
static void test_pcapng_interface(void)
{
	size_t len;
	const uint8_t *b = written(write_idb, &len);
	uint8_t opt_name[16] = { 2, 0, 11, 0, 's', 'e', 'r', 'v', 'e', 'r', ':', 'e', 't', 'h', '0', 0 };
	uint8_t opt_res[8] = { 9, 0, 1, 0, 9, 0, 0, 0 };

	CU_ASSERT_EQUAL_FATAL(len, 48);
	CU_ASSERT_EQUAL(u32(b), 1);
	CU_ASSERT_EQUAL(u32(b + 4), 48);
	CU_ASSERT_EQUAL(u32(b + 8), 1);            /* linktype 1, reserved 0 */
	CU_ASSERT_EQUAL(u32(b + 12), 128);
	CU_ASSERT_EQUAL(memcmp(b + 16, opt_name, 16), 0);
	CU_ASSERT_EQUAL(memcmp(b + 32, opt_res, 8), 0);
	CU_ASSERT_EQUAL(u32(b + 40), 0);
	CU_ASSERT_EQUAL(u32(b + 44), 48);
}

static void write_epb(FILE *f)
{
	static const uint8_t frame[5] = { 1, 2, 3, 4, 5 };

	CU_ASSERT_EQUAL(pcapng_packet(f, 2, 0x0000000100000002LL, frame, 5, 60, "step"), 0);
}

/* EPB: 28 fixed + 8 (5 bytes padded) + comment (4 + 4) + end (4) + 4 = 52. */
static void test_pcapng_packet(void)
{
	size_t len;
	const uint8_t *b = written(write_epb, &len);
	static const uint8_t data[8] = { 1, 2, 3, 4, 5, 0, 0, 0 };
	static const uint8_t comment[8] = { 1, 0, 4, 0, 's', 't', 'e', 'p' };

	CU_ASSERT_EQUAL_FATAL(len, 52);
	CU_ASSERT_EQUAL(u32(b), 6);
	CU_ASSERT_EQUAL(u32(b + 4), 52);
	CU_ASSERT_EQUAL(u32(b + 8), 2);
	CU_ASSERT_EQUAL(u32(b + 12), 1);           /* timestamp, high word first */
	CU_ASSERT_EQUAL(u32(b + 16), 2);
	CU_ASSERT_EQUAL(u32(b + 20), 5);
	CU_ASSERT_EQUAL(u32(b + 24), 60);
	CU_ASSERT_EQUAL(memcmp(b + 28, data, 8), 0);
	CU_ASSERT_EQUAL(memcmp(b + 36, comment, 8), 0);
	CU_ASSERT_EQUAL(u32(b + 44), 0);
	CU_ASSERT_EQUAL(u32(b + 48), 52);
}

static void write_shb(FILE *f)
{
	CU_ASSERT_EQUAL(pcapng_section(f, NULL), 0);
}

/* SHB without options: 28 bytes, the byte-order magic, version 1.0, section
 * length -1. */
static void test_pcapng_section(void)
{
	size_t len;
	const uint8_t *b = written(write_shb, &len);
	int64_t slen;

	CU_ASSERT_EQUAL_FATAL(len, 28);
	CU_ASSERT_EQUAL(u32(b), 0x0A0D0D0A);
	CU_ASSERT_EQUAL(u32(b + 4), 28);
	CU_ASSERT_EQUAL(u32(b + 8), 0x1A2B3C4D);
	CU_ASSERT_EQUAL(u32(b + 12), 1);           /* major 1, minor 0 */
	memcpy(&slen, b + 16, 8);
	CU_ASSERT_EQUAL(slen, -1);
	CU_ASSERT_EQUAL(u32(b + 24), 28);
}

/* A captured IPv4 RST|ACK from 198.18.0.2:7000 to 198.18.0.1:53300. */
static const uint8_t rst4[54] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 0x08, 0x00,
	0x45, 0, 0, 40, 0, 0, 0x40, 0, 64, 6, 0, 0, 198, 18, 0, 2, 198, 18, 0, 1,
	0x1b, 0x58, 0xd0, 0x34, 0xce, 0x7d, 0x6a, 0x4b, 0, 0, 0, 1, 0x50, 0x14, 0, 64, 0, 0, 0, 0,
};

static void test_tcpseg_parse(void)
{
	struct tcpseg s;
	uint8_t six[74] = { [12] = 0x86, [13] = 0xdd, [14] = 0x60, [18] = 0, [19] = 24, [20] = 6,
			    [22] = 0x20, [23] = 0x01, [24] = 0x0d, [25] = 0xb8, [37] = 1,
			    [54] = 0x1b, [55] = 0x58, [66] = 0x60, [67] = 0x02 };

	CU_ASSERT_TRUE_FATAL(tcpseg_parse(rst4, sizeof(rst4), &s));
	CU_ASSERT_EQUAL(s.family, AF_INET);
	CU_ASSERT_EQUAL(s.sport, 7000);
	CU_ASSERT_EQUAL(s.dport, 53300);
	CU_ASSERT_EQUAL(s.seq, 0xce7d6a4bu);
	CU_ASSERT_EQUAL(s.ack, 1);
	CU_ASSERT_EQUAL(s.flags, TCPF_RST | TCPF_ACK);
	CU_ASSERT_EQUAL(s.win, 64);
	CU_ASSERT_EQUAL(s.paylen, 0);
	CU_ASSERT_EQUAL(s.src[3], 2);
	/* IPv6: payload 24 = 24-byte TCP header (an MSS option), SYN. */
	CU_ASSERT_TRUE_FATAL(tcpseg_parse(six, sizeof(six), &s));
	CU_ASSERT_EQUAL(s.family, AF_INET6);
	CU_ASSERT_EQUAL(s.sport, 7000);
	CU_ASSERT_EQUAL(s.flags, TCPF_SYN);
	CU_ASSERT_EQUAL(s.paylen, 0);
	/* Cut short, or not TCP: not a segment. */
	CU_ASSERT_FALSE(tcpseg_parse(rst4, 40, &s));
	six[20] = 17;
	CU_ASSERT_FALSE(tcpseg_parse(six, sizeof(six), &s));
}


static const uint8_t mac_a[6] = { 2, 0, 0, 0, 0, 1 }, mac_b[6] = { 2, 0, 0, 0, 0, 2 };

/* Expected frames computed independently (Python's struct and a textbook
 * RFC 1071 sum), checksums included. */
static const uint8_t want_rst4[54] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x45, 0x00, 0x00, 0x28,
	0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0xae, 0xa8, 0xc6, 0x12, 0x00, 0x01, 0xc6, 0x12, 0x00, 0x02, 0x1b, 0x58,
	0xd0, 0x34, 0xff, 0xff, 0xff, 0xf0, 0x00, 0x00, 0x00, 0x10, 0x50, 0x14, 0x00, 0x40, 0x37, 0xdb, 0x00, 0x00,
};
static const uint8_t want_syn6[78] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x86, 0xdd, 0x60, 0x00, 0x00, 0x00,
	0x00, 0x18, 0x06, 0x40, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x01, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02,
	0x9c, 0x40, 0x1b, 0x58, 0x07, 0x5b, 0xcd, 0x15, 0x00, 0x00, 0x00, 0x00, 0x60, 0x02, 0xff, 0xff, 0xb0, 0xbc,
	0x00, 0x00, 0x02, 0x04, 0x05, 0xa0,
};

static void test_build_ipv4(void)
{
	struct tcpseg s = { .family = AF_INET, .src = { 198, 18, 0, 1 }, .dst = { 198, 18, 0, 2 },
			    .sport = 7000, .dport = 53300, .seq = 0xfffffff0u, .ack = 0x10,
			    .flags = TCPF_RST | TCPF_ACK, .win = 64 };
	uint8_t buf[128];
	struct tcpseg back;

	CU_ASSERT_EQUAL_FATAL(tcpseg_build(&s, 0, mac_a, mac_b, buf, sizeof(buf)), sizeof(want_rst4));
	CU_ASSERT_EQUAL(memcmp(buf, want_rst4, sizeof(want_rst4)), 0);
	/* A correct checksum sums to 0 over the header it covers. */
	CU_ASSERT_EQUAL(tcpseg_csum(buf + 14, 20, 0), 0);
	CU_ASSERT_TRUE(tcpseg_parse(buf, sizeof(want_rst4), &back));
	CU_ASSERT_EQUAL(back.seq, s.seq);
	CU_ASSERT_EQUAL(tcpseg_build(&s, 0, mac_a, mac_b, buf, 53), 0);
}

static void test_build_ipv6(void)
{
	struct tcpseg s = { .family = AF_INET6, .src = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 },
			    .dst = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 }, .sport = 40000, .dport = 7000,
			    .seq = 123456789, .flags = TCPF_SYN, .win = 65535 };
	uint8_t buf[128];

	CU_ASSERT_EQUAL_FATAL(tcpseg_build(&s, 1440, mac_a, mac_b, buf, sizeof(buf)), sizeof(want_syn6));
	CU_ASSERT_EQUAL(memcmp(buf, want_syn6, sizeof(want_syn6)), 0);
}

/* Relative sequence numbers across 2^32. */
static void test_seq_wrap(void)
{
	CU_ASSERT_EQUAL(tcpseg_seq_add(0xfffffff0u, 0x20), 0x10);
	CU_ASSERT_EQUAL(tcpseg_seq_add(0x10, -0x20), 0xfffffff0u);
	CU_ASSERT_EQUAL(tcpseg_seq_add(5, 1LL << 32), 5);
	CU_ASSERT_EQUAL(tcpseg_seq_add(0x7fffffffu, 1), 0x80000000u);
	CU_ASSERT_TRUE(tcpseg_seq_before(0xfffffff0u, 0x10));
	CU_ASSERT_FALSE(tcpseg_seq_before(0x10, 0xfffffff0u));
	CU_ASSERT_FALSE(tcpseg_seq_before(7, 7));
	CU_ASSERT_TRUE(tcpseg_seq_before(0, 0x7fffffffu));
}

static void test_tcpseg_flags(void)
{
	char buf[64];
	int f;

	CU_ASSERT_EQUAL(tcpseg_flags_value("RST|ACK", &f), 0);
	CU_ASSERT_EQUAL(f, TCPF_RST | TCPF_ACK);
	CU_ASSERT_EQUAL(tcpseg_flags_value("any", &f), 0);
	CU_ASSERT_EQUAL(f, 0);
	CU_ASSERT_EQUAL(tcpseg_flags_value("FIN|DATA", &f), 0);
	CU_ASSERT_EQUAL(f, TCPF_FIN | TCPF_DATA);
	CU_ASSERT_EQUAL(tcpseg_flags_value("SYN|SYN", &f), -1);
	CU_ASSERT_EQUAL(tcpseg_flags_value("RST|", &f), -1);
	CU_ASSERT_EQUAL(tcpseg_flags_value("rst", &f), -1);
	tcpseg_flags_format(TCPF_SYN | TCPF_ACK, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "SYN|ACK");
}

static void test_mib_lookup(void)
{
	const char *text =
		"Tcp: RtoAlgorithm RtoMin OutRsts\nTcp: 1 200 7\n"
		"TcpExt: SyncookiesSent TCPChallengeACK\nTcpExt: 0 3\n"
		"Ip6InReceives                   \t12\n";
	long long v = -1;

	CU_ASSERT_TRUE(mib_lookup(text, "TcpOutRsts", &v));
	CU_ASSERT_EQUAL(v, 7);
	CU_ASSERT_TRUE(mib_lookup(text, "TcpExtTCPChallengeACK", &v));
	CU_ASSERT_EQUAL(v, 3);
	CU_ASSERT_TRUE(mib_lookup(text, "Ip6InReceives", &v));
	CU_ASSERT_EQUAL(v, 12);
	CU_ASSERT_TRUE(mib_lookup(text, "TcpRtoMin", &v));
	CU_ASSERT_EQUAL(v, 200);
	CU_ASSERT_FALSE(mib_lookup(text, "TcpExtOutRsts", &v));
	CU_ASSERT_FALSE(mib_lookup(text, "TcpOut", &v));
	CU_ASSERT_FALSE(mib_lookup(text, "Tcp", &v));
}

static void test_wire_forms(void)
{
	static struct case_file c;
	char err[512] = "";
	const char *good = "scenario E4 \"s\"\nserver mark\nserver wire out RST|ACK = 1\n"
			   "client wait wire in FIN 500\nserver counter TcpOutRsts = 0\n"
			   "server wait counter TcpExtEmbryonicRsts >= 2 700\n";

	CU_ASSERT_EQUAL_FATAL(case_parse("t.case", good, &c, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.steps[0].verb->id, VERB_MARK);
	CU_ASSERT_EQUAL(c.steps[1].verb->id, VERB_WIRE);
	CU_ASSERT_EQUAL(c.steps[1].arg[0], 1);
	CU_ASSERT_EQUAL(c.steps[1].arg[1], TCPF_RST | TCPF_ACK);
	CU_ASSERT_EQUAL(c.steps[2].verb->id, VERB_WAIT_WIRE);
	CU_ASSERT_EQUAL(c.steps[2].arg[0], 0);
	CU_ASSERT_EQUAL(c.steps[2].wait_ms, 500);
	CU_ASSERT_EQUAL(c.steps[2].target_host, 0);
	CU_ASSERT_STRING_EQUAL(c.steps[3].word, "TcpOutRsts");
	CU_ASSERT_EQUAL(c.steps[4].verb->id, VERB_WAIT_COUNTER);
	CU_ASSERT_STRING_EQUAL(c.steps[4].word, "TcpExtEmbryonicRsts");
	CU_ASSERT_EQUAL(c.steps[4].arg[0], 2);
	CU_ASSERT_EQUAL(c.steps[4].wait_ms, 700);
	CU_ASSERT_EQUAL(c.steps[4].peer_counter.host, -1);
}

/* `wait counter NAME >= HOST2 NAME2 [MS]`: the other host and its counter
 * are resolved when the file is read; the number form keeps no host. */
static void test_wait_counter_compare(void)
{
	static struct case_file c;
	char err[512] = "";
	const char *good = "scenario I1 \"s\"\n"
			   "client wait counter IcmpInDestUnreachs >= server IcmpOutDestUnreachs\n"
			   "client wait counter Icmp6InDestUnreachs >= server Icmp6OutDestUnreachs 500 = 0\n"
			   "server wait counter TcpOutRsts >= 3 = 0\n";

	CU_ASSERT_EQUAL_FATAL(case_parse("t.case", good, &c, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.steps[0].verb->id, VERB_WAIT_COUNTER);
	CU_ASSERT_EQUAL(c.steps[0].target_host, case_host_index(&c, "client"));
	CU_ASSERT_STRING_EQUAL(c.steps[0].word, "IcmpInDestUnreachs");
	CU_ASSERT_EQUAL(c.steps[0].peer_counter.host, case_host_index(&c, "server"));
	CU_ASSERT_STRING_EQUAL(c.steps[0].peer_counter.name, "IcmpOutDestUnreachs");
	CU_ASSERT_EQUAL(c.steps[0].arg[0], 0);
	CU_ASSERT_EQUAL(c.steps[0].wait_ms, TIMEOUT_WIRE_WAIT_MS);
	CU_ASSERT_EQUAL(c.steps[1].peer_counter.host, case_host_index(&c, "server"));
	CU_ASSERT_STRING_EQUAL(c.steps[1].peer_counter.name, "Icmp6OutDestUnreachs");
	CU_ASSERT_EQUAL(c.steps[1].wait_ms, 500);
	CU_ASSERT_EQUAL(c.steps[1].nexpects, 1);
	CU_ASSERT_EQUAL(c.steps[2].peer_counter.host, -1);
	CU_ASSERT_EQUAL(c.steps[2].arg[0], 3);
	CU_ASSERT_EQUAL(c.steps[2].wait_ms, TIMEOUT_WIRE_WAIT_MS);
}

/* Every malformed form of the wire verbs: position and message. */
static const struct { const char *text, *pos, *what; } bad[] = {
	{ "scenario E4 \"s\"\nserver wire sideways RST\n", "t.case:2:13:", "expected out or in" },
	{ "scenario E4 \"s\"\nserver wire out\n", "t.case:2:16:", "expected TCP flags" },
	{ "scenario E4 \"s\"\nserver wire out RST|BOGUS = 1\n", "t.case:2:17:", "expected TCP flags" },
	{ "scenario E4 \"s\"\nserver wait wire out SYN soon\n", "t.case:2:26:", "expected a count" },
	{ "scenario E4 \"s\"\nserver counter = 1\n", "t.case:2:16:", "expected a counter name" },
	{ "scenario E4 \"s\"\nserver counter Tcp-Out = 1\n", "t.case:2:16:", "expected a counter name" },
	{ "scenario E4 \"s\"\nbob mark\n", "t.case:2:1:", "'mark' acts on a host" },
	{ "scenario E4 \"s\"\nserver inject RST\n", "t.case:2:18:", "expected an offset from RCV.NXT" },
	{ "scenario E4 \"s\"\nserver inject RST 1x\n", "t.case:2:19:", "expected an offset from RCV.NXT" },
	{ "scenario E4 \"s\"\nserver inject RST 4294967297\n", "t.case:2:19:", "expected an offset from RCV.NXT" },
	{ "scenario E4 \"s\"\nserver inject BOGUS 0\n", "t.case:2:15:", "expected TCP flags" },
	{ "scenario E4 \"s\"\nserver mark now\n", "t.case:2:13:", "expected '= RESULT' or the end of the line" },
	{ "scenario E4 \"s\"\nserver wait counter TcpOutRsts 1\n", "t.case:2:32:", "expected '>='" },
	{ "scenario E4 \"s\"\nserver wait counter TcpOutRsts >= x\n", "t.case:2:35:", "expected a count" },
	{ "scenario E4 \"s\"\nserver wait counter >= 1\n", "t.case:2:21:", "expected a counter name" },
	{ "scenario E4 \"s\"\nserver wait counter TcpOutRsts >= 1 forever\n", "t.case:2:37:", "expected a count" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= router IcmpOutDestUnreachs\n", "t.case:2:43:",
	  "expected a count or HOST NAME (a host of the topology and its counter), not 'router'" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= server\n", "t.case:2:49:",
	  "expected a counter name" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= server = 0\n", "t.case:2:50:",
	  "expected a counter name" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= server Icmp-Out\n", "t.case:2:50:",
	  "expected a counter name" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= server 7Out\n", "t.case:2:50:",
	  "expected a counter name" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= server IcmpOutDestUnreachs soon\n",
	  "t.case:2:70:", "expected a count" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= server IcmpOutDestUnreachs 200000\n",
	  "t.case:2:70:", "a duration of at most" },
	{ "scenario E4 \"s\"\nclient wait counter IcmpInDestUnreachs >= -1\n", "t.case:2:43:", "expected a count" },
};

static void test_wire_malformed(void)
{
	static struct case_file c;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char err[512] = "";

		CU_ASSERT_EQUAL(case_parse("t.case", bad[i].text, &c, err, sizeof(err)), -1);
		if (strncmp(err, bad[i].pos, strlen(bad[i].pos)) != 0 || !strstr(err, bad[i].what))
			TEST_FAILF("wanted \"%s ... %s\", got \"%s\"", bad[i].pos, bad[i].what, err);
	}
}

int test_wire_register(void)
{
	static const struct test_def tests[] = {
		{ "pcapng section header block", test_pcapng_section },
		{ "pcapng interface block with its name", test_pcapng_interface },
		{ "pcapng packet block with a comment", test_pcapng_packet },
		{ "decoding captured TCP segments", test_tcpseg_parse },
		{ "TCP flag names", test_tcpseg_flags },
		{ "an IPv4 RST|ACK byte for byte", test_build_ipv4 },
		{ "an IPv6 SYN with MSS byte for byte", test_build_ipv6 },
		{ "sequence numbers across 2^32", test_seq_wrap },
		{ "counters in /proc/net/snmp text", test_mib_lookup },
		{ "wire verbs parse", test_wire_forms },
		{ "wait counter against another host's counter", test_wait_counter_compare },
		{ "wire verbs malformed", test_wire_malformed },
		{ NULL, NULL },
	};

	return tests_add_suite("wire", tests);
}
