/* SPDX-License-Identifier: GPL-2.0-only */
/* `inject`'s sequence forms: reading them, their arithmetic across 2^32,
 * the step's forms, good and malformed. */
#include <string.h>
#include "lang/inject.h"
#include "lang/parser.h"
#include "lang/verbs.h"
#include "util/tcpseg.h"
#include "tests/tests.h"

static void test_seq_parse(void)
{
	static const struct { const char *text; enum seq_base base; long long k; } good[] = {
		{ "0", SEQ_NXT, 0 }, { "+5", SEQ_NXT, 5 }, { "-5", SEQ_NXT, -5 },
		{ "4294967296", SEQ_NXT, 1LL << 32 }, { "-2147483648", SEQ_NXT, -(1LL << 31) },
		{ "acked", SEQ_ACKED, 0 }, { "acked+7", SEQ_ACKED, 7 }, { "acked-7", SEQ_ACKED, -7 },
	};
	static const char *const bad[] = { "", "x", "1x", "+-1", "4294967297", "-2147483649", "acked+", "acked7",
					   "ack", "acked+-1", "acked 1", "ACKED" };
	struct seq_form f;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		CU_ASSERT_EQUAL(inject_seq_parse(good[i].text, &f), 0);
		if (f.base != good[i].base || f.k != good[i].k)
			TEST_FAILF("%s read as base %d, k %lld", good[i].text, (int)f.base, (long long)f.k);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (inject_seq_parse(bad[i], &f) == 0)
			TEST_FAILF("\"%s\" was taken as a sequence form", bad[i]);
	CU_ASSERT_EQUAL(inject_abs_parse("4294967295", &f), 0);
	CU_ASSERT_EQUAL(f.base, SEQ_ABSOLUTE);
	CU_ASSERT_EQUAL(f.k, 4294967295LL);
	CU_ASSERT_EQUAL(inject_abs_parse("0", &f), 0);
	CU_ASSERT_EQUAL(inject_abs_parse("4294967296", &f), -1);
	CU_ASSERT_EQUAL(inject_abs_parse("-1", &f), -1);
	CU_ASSERT_EQUAL(inject_abs_parse("+1", &f), -1);
	CU_ASSERT_EQUAL(inject_abs_parse("acked", &f), -1);
}

/* Each form, across the wrap of 2^32 on both sides of it. */
static void test_seq_value(void)
{
	const struct seq_refs wrap = { .nxt = 0xfffffff0u, .acked = 0x10 };
	struct seq_form f;

	f = (struct seq_form){ SEQ_NXT, 0 };
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0xfffffff0u);          /* exactly RCV.NXT */
	f.k = 0x20;
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0x10);                 /* inside the window, past 2^32 */
	f.k = 1LL << 32;
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0xfffffff0u);          /* a whole turn: RCV.NXT again */
	f.k = -(1LL << 31);
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0x7ffffff0u);          /* half a turn behind */
	f = (struct seq_form){ SEQ_ACKED, 0 };
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0x10);                 /* the last ACKed */
	f.k = -0x20;
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0xfffffff0u);          /* back over 0 */
	f = (struct seq_form){ SEQ_ABSOLUTE, 4294967295LL };
	CU_ASSERT_EQUAL(inject_seq_value(&f, &wrap), 0xffffffffu);          /* ignores the connection */
	CU_ASSERT_TRUE(tcpseg_seq_before(inject_seq_value(&(struct seq_form){ SEQ_NXT, -1 }, &wrap),
					 inject_seq_value(&(struct seq_form){ SEQ_NXT, 0x20 }, &wrap)));
}

static void test_inject_forms(void)
{
	static struct case_file c;
	char err[512] = "";
	const char *text = "scenario H4 \"s\"\nserver inject RST|ACK acked-1 ack acked+2 sport 7001 dport 9 = 0\n"
			   "client inject SYN absolute 1000 to server:7000 sport 40000\n"
			   "server inject RST 1000 ack absolute 5\nserver inject ACK 0 dport 9 sport 8\n";
	const struct inject_spec *in;

	CU_ASSERT_EQUAL_FATAL(case_parse("t.case", text, &c, err, sizeof(err)), 0);
	in = &c.steps[0].inject;
	CU_ASSERT_EQUAL(c.steps[0].verb->id, VERB_INJECT);
	CU_ASSERT_EQUAL(in->flags, TCPF_RST | TCPF_ACK);
	CU_ASSERT_TRUE(in->seq.base == SEQ_ACKED && in->seq.k == -1);
	CU_ASSERT_TRUE(in->ack_given && in->ack.base == SEQ_ACKED && in->ack.k == 2);
	CU_ASSERT_TRUE(in->sport == 7001 && in->dport == 9 && in->to_host == -1);
	in = &c.steps[1].inject;
	CU_ASSERT_TRUE(in->seq.base == SEQ_ABSOLUTE && in->seq.k == 1000 && !in->ack_given);
	CU_ASSERT_TRUE(in->to_host == case_host_index(&c, "server") && in->to_port == 7000 && in->sport == 40000);
	in = &c.steps[2].inject;
	CU_ASSERT_TRUE(in->seq.base == SEQ_NXT && in->seq.k == 1000 && in->ack.base == SEQ_ABSOLUTE && in->ack.k == 5);
	in = &c.steps[3].inject;
	CU_ASSERT_TRUE(!in->ack_given && in->ack.base == SEQ_NXT && in->ack.k == 0 && in->sport == 8 && in->dport == 9);
}

#define S "scenario H4 \"s\"\n"
/* Every malformed form of inject: position and message. */
static const struct { const char *text, *pos, *what; } bad[] = {
	{ S "server inject RST acked+\n", "t.case:2:19:", "expected an offset from RCV.NXT" },
	{ S "server inject RST ackedx\n", "t.case:2:19:", "acked[+K|-K] or absolute N" },
	{ S "server inject RST absolute\n", "t.case:2:27:", "expected a sequence number 0..4294967295 after absolute" },
	{ S "server inject RST absolute -1\n", "t.case:2:28:", "after absolute" },
	{ S "server inject RST absolute 4294967296\n", "t.case:2:28:", "after absolute" },
	{ S "server inject RST 0 ack\n", "t.case:2:24:", "expected an offset from RCV.NXT" },
	{ S "server inject RST 0 ack = 0\n", "t.case:2:25:", "expected an offset from RCV.NXT" },
	{ S "server inject RST 0 sport 0\n", "t.case:2:27:", "expected a port (1-65535) after sport" },
	{ S "server inject RST 0 dport 70000\n", "t.case:2:27:", "expected a port (1-65535) after dport" },
	{ S "server inject RST 0 sport 5 sport 6\n", "t.case:2:29:", "sport is given twice" },
	{ S "server inject RST 0 bogus\n", "t.case:2:21:", "expected '= RESULT' or the end of the line" },
	{ S "server inject any 0\n", "t.case:2:15:", "expected TCP flags" },
	{ S "server inject RST|DATA 0\n", "t.case:2:15:", "expected TCP flags" },
	{ S "client inject SYN 0 to server:7000 sport 4000\n", "t.case:2:15:", "give the sequence number as absolute N" },
	{ S "client inject SYN absolute 5 ack 1 to server:7000 sport 4000\n", "t.case:2:15:", "give ack as absolute N" },
	{ S "client inject SYN absolute 5 to server:7000\n", "t.case:2:15:", "name the source port: sport PORT" },
	{ S "client inject ACK absolute 5 to server:7000 sport 4000\n", "t.case:2:15:", "ack absolute N" },
	{ S "client inject SYN absolute 5 sport 4 dport 9 to server:7000\n", "t.case:2:15:", "drop dport" },
	{ S "client inject SYN absolute 5 to client:7000 sport 4\n", "t.case:2:33:", "never crosses a link" },
	{ S "client inject SYN absolute 5 to nobody:7000 sport 4\n", "t.case:2:33:", "unknown host 'nobody'" },
	{ S "client inject SYN absolute 5 to server:x sport 4\n", "t.case:2:40:", "expected a port (1-65535) after server:" },
	{ S "client inject SYN absolute 5 to server sport 4\n", "t.case:2:33:", "expected HOST:PORT after to" },
	{ S "client inject SYN absolute 5 to\n", "t.case:2:32:", "expected HOST:PORT after to" },
};

static void test_inject_malformed(void)
{
	static struct case_file c;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char err[512] = "";

		CU_ASSERT_EQUAL(case_parse("t.case", bad[i].text, &c, err, sizeof(err)), -1);
		if (strncmp(err, bad[i].pos, strlen(bad[i].pos)) != 0 || !strstr(err, bad[i].what))
			TEST_FAILF("case %zu: wanted \"%s ... %s\", got \"%s\"", i, bad[i].pos, bad[i].what, err);
	}
}

int test_inject_register(void)
{
	static const struct test_def tests[] = {
		{ "inject sequence forms read", test_seq_parse },
		{ "inject sequence forms across 2^32", test_seq_value },
		{ "inject step forms", test_inject_forms },
		{ "inject step forms malformed", test_inject_malformed },
		{ NULL, NULL },
	};

	return tests_add_suite("inject", tests);
}
