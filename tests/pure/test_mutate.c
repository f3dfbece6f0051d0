/* SPDX-License-Identifier: GPL-2.0-only */
/* The mutation operators, text in and mutants out, byte for byte; and the
 * list of equivalent mutants. */
#include <stdlib.h>
#include <string.h>
#include "lang/mutate.h"
#include "lang/mutate_equiv.h"
#include "lang/mutate_text.h"
#include "lang/parser.h"
#include "tests/tests.h"

#define L1  "scenario E1 \"mutate test # not a comment\"\n"
#define L2  "topology pair\n"
#define L3  "sysctl client net.ipv4.tcp_syn_retries 2\n"
#define L4  "server listen 7000\n"
#define L5  "client connect server:7000       = 0\n"
#define L6  "server accept                    = fd\n"
#define L7  "client setsockopt TCP_USER_TIMEOUT 1000 = 0\n"
#define L8  "server firewall add blk input tcp dport 7000 drop\n"
#define L9  "server freeze                    # the fault\n"
#define L10 "client recv 100                  = -1 ECONNRESET\n"
#define L11 "                                 = 0 if kernel < 4.19\n"
#define L12 "client state                     = ESTABLISHED\n"
#define L13 "server thaw\n"
#define L14 "server firewall del blk\n"
#define L15 "client getsockopt SO_ERROR       = 0\n"
#define HEAD L1 L2 L3 L4 L5 L6 L7

static const char base[] = HEAD L8 L9 L10 L11 L12 L13 L14 L15;

/* The mutants of text by the operators in ops. */
static struct mutant_list mutants_of(const char *text, unsigned ops)
{
	static struct case_file c;
	struct mutant_list l = { 0 };
	char err[512];

	if (case_parse("t.case", text, &c, err, sizeof(err)) < 0)
		TEST_FAILF("the test's case does not parse: %s", err);
	CU_ASSERT_EQUAL(mut_generate(text, &c, ops, &l), 0);
	return l;
}

static void expect_mutant(const struct mutant_list *l, int i, enum mut_op op, int line, const char *text)
{
	if (i >= l->n) {
		TEST_FAILF("mutant %d of %s missing: only %d", i, mut_op_name(op), l->n);
		return;
	}
	CU_ASSERT_EQUAL(l->m[i].op, op);
	CU_ASSERT_EQUAL(l->m[i].line, line);
	if (strcmp(l->m[i].text, text) != 0)
		TEST_FAILF("mutant %d of %s:\n--- want\n%s--- got\n%s", i, mut_op_name(op), text, l->m[i].text);
}

static void test_errno_swap(void)
{
	struct mutant_list l = mutants_of(base, 1u << MUT_ERRNO_SWAP);

	CU_ASSERT_EQUAL(l.n, 1);
	expect_mutant(&l, 0, MUT_ERRNO_SWAP, 10,
		      HEAD L8 L9 "client recv 100                  = -1 EPIPE\n" L11 L12 L13 L14 L15);
	CU_ASSERT_STRING_EQUAL(l.m[0].shown, "client recv 100 = -1 EPIPE");
	mut_list_free(&l);
}

/* A fault goes with what undoes it; its continuation lines with it. */
static void test_delete_fault(void)
{
	struct mutant_list l = mutants_of(base, 1u << MUT_DELETE_FAULT);

	CU_ASSERT_EQUAL(l.n, 2);
	expect_mutant(&l, 0, MUT_DELETE_FAULT, 8, HEAD L9 L10 L11 L12 L13 L15);
	expect_mutant(&l, 1, MUT_DELETE_FAULT, 9, HEAD L8 L10 L11 L12 L14 L15);
	CU_ASSERT_STRING_EQUAL(l.m[1].shown, "deleted: server freeze (and line 13: server thaw)");
	mut_list_free(&l);
}

static void test_timers(void)
{
	struct mutant_list l = mutants_of(base, (1u << MUT_TIMER_UP) | (1u << MUT_TIMER_DOWN));
	const char *tail = L8 L9 L10 L11 L12 L13 L14 L15;
	char want[4][1024];

	snprintf(want[0], sizeof(want[0]), L1 L2 "sysctl client net.ipv4.tcp_syn_retries 3\n" L4 L5 L6 L7 "%s", tail);
	snprintf(want[1], sizeof(want[1]), L1 L2 "sysctl client net.ipv4.tcp_syn_retries 1\n" L4 L5 L6 L7 "%s", tail);
	snprintf(want[2], sizeof(want[2]), L1 L2 L3 L4 L5 L6 "client setsockopt TCP_USER_TIMEOUT 1500 = 0\n%s", tail);
	snprintf(want[3], sizeof(want[3]), L1 L2 L3 L4 L5 L6 "client setsockopt TCP_USER_TIMEOUT 670 = 0\n%s", tail);
	CU_ASSERT_EQUAL(l.n, 4);
	expect_mutant(&l, 0, MUT_TIMER_UP, 3, want[0]);
	expect_mutant(&l, 1, MUT_TIMER_DOWN, 3, want[1]);
	expect_mutant(&l, 2, MUT_TIMER_UP, 7, want[2]);
	expect_mutant(&l, 3, MUT_TIMER_DOWN, 7, want[3]);
	mut_list_free(&l);
}

/* 1 * 0.67 rounds back to 1: no mutant that changes nothing. */
static void test_timer_no_op(void)
{
	struct mutant_list l = mutants_of(L1 L2 "sysctl client net.ipv4.tcp_syn_retries 1\n" L4,
					  (1u << MUT_TIMER_UP) | (1u << MUT_TIMER_DOWN));

	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_EQUAL(l.n ? l.m[0].op : MUT_NOPS, MUT_TIMER_UP);
	mut_list_free(&l);
}

static void test_firewall_actions(void)
{
	const unsigned ops = (1u << MUT_REJECT_TO_DROP) | (1u << MUT_DROP_TO_REJECT);
	struct mutant_list l = mutants_of(base, ops);

	CU_ASSERT_EQUAL(l.n, 1);
	expect_mutant(&l, 0, MUT_DROP_TO_REJECT, 8,
		      HEAD "server firewall add blk input tcp dport 7000 port-unreachable\n" L9 L10 L11 L12 L13 L14 L15);
	mut_list_free(&l);
	l = mutants_of(L1 L2 L4 "server firewall add r input tcp dport 7000 host-unreachable = 0  # icmp\n", ops);
	CU_ASSERT_EQUAL(l.n, 1);
	expect_mutant(&l, 0, MUT_REJECT_TO_DROP, 4,
		      L1 L2 L4 "server firewall add r input tcp dport 7000 drop = 0  # icmp\n");
	mut_list_free(&l);
	/* A closing `once` is not the action: the action before it still mutates. */
	l = mutants_of(L1 L2 L4 "server firewall add r input tcp dport 7000 host-unreachable once\n", ops);
	CU_ASSERT_EQUAL(l.n, 1);
	expect_mutant(&l, 0, MUT_REJECT_TO_DROP, 4, L1 L2 L4 "server firewall add r input tcp dport 7000 drop once\n");
	mut_list_free(&l);
}

/* Calls that change what later calls see, but not the last assertion (its
 * deletion could change nothing asserted) nor a pure read. */
static void test_delete_observation(void)
{
	struct mutant_list l = mutants_of(base, 1u << MUT_DELETE_OBS);

	CU_ASSERT_EQUAL(l.n, 3);
	expect_mutant(&l, 0, MUT_DELETE_OBS, 5, L1 L2 L3 L4 L6 L7 L8 L9 L10 L11 L12 L13 L14 L15);
	expect_mutant(&l, 1, MUT_DELETE_OBS, 6, L1 L2 L3 L4 L5 L7 L8 L9 L10 L11 L12 L13 L14 L15);
	expect_mutant(&l, 2, MUT_DELETE_OBS, 10, HEAD L8 L9 L12 L13 L14 L15);
	mut_list_free(&l);
}

/* Calls whose expected result shows they changed nothing (EOF, EAGAIN, no
 * error, EPIPE without SIGPIPE) are neither deleted nor swapped with each
 * other; a send that raises SIGPIPE is both. */
#define NOEFFECT "client recv 100 MSG_DONTWAIT = -1 EAGAIN\nclient recv 100 = 0\nclient send 10 = -1 EPIPE\n" \
	"client getsockopt SO_ERROR = 0\n"
#define SIGPIPE_SEND "client send 10 0 = -1 EPIPE\n"
#define LAST "client state = CLOSE\n"

static void test_no_effect(void)
{
	struct mutant_list l = mutants_of(L1 L2 L4 L5 L6 NOEFFECT SIGPIPE_SEND LAST, 1u << MUT_DELETE_OBS);

	CU_ASSERT_EQUAL(l.n, 3);
	expect_mutant(&l, 2, MUT_DELETE_OBS, 10, L1 L2 L4 L5 L6 NOEFFECT LAST);
	mut_list_free(&l);
	l = mutants_of(L1 L2 L4 L5 L6 NOEFFECT SIGPIPE_SEND LAST, 1u << MUT_SWAP_OBS);
	CU_ASSERT_EQUAL(l.n, 2);
	expect_mutant(&l, 0, MUT_SWAP_OBS, 9, L1 L2 L4 L5 L6 "client recv 100 MSG_DONTWAIT = -1 EAGAIN\n"
		      "client recv 100 = 0\nclient send 10 = -1 EPIPE\n" SIGPIPE_SEND "client getsockopt SO_ERROR = 0\n" LAST);
	expect_mutant(&l, 1, MUT_SWAP_OBS, 10, L1 L2 L4 L5 L6 NOEFFECT LAST SIGPIPE_SEND);
	mut_list_free(&l);
}

/* A connect that says EALREADY or EISCONN touched nothing: neither deleted
 * nor swapped with a read; the refused connect before it is both. */
static void test_connect_no_effect(void)
{
	static const char text[] = L1 L2 "client socket as s\nclient connect server:7000 = -1 ECONNREFUSED\n"
		"client.s connect server:7000 = -1 EALREADY\nclient state = SYN_SENT\n"
		"client.s connect server:7000 = -1 EISCONN\nclient state = ESTABLISHED\n";
	struct mutant_list l = mutants_of(text, 1u << MUT_DELETE_OBS);

	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT(l.n == 1 && l.m[0].line == 4);
	mut_list_free(&l);
	l = mutants_of(text, 1u << MUT_SWAP_OBS);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT(l.n == 1 && l.m[0].line == 4);
	mut_list_free(&l);
}

/* A peek that returned data consumed nothing: not deleted; the recv after
 * it is. A recv that only took an error, read by nothing after it, is not. */
static void test_peek_no_effect(void)
{
	struct mutant_list l = mutants_of(L1 L2 L4 L5 "client recv 100 MSG_PEEK = 10\nclient recv 100 = 10\n"
					  "client state = CLOSE\n", 1u << MUT_DELETE_OBS);

	CU_ASSERT_EQUAL(l.n, 2);        /* the connect and the recv */
	CU_ASSERT(l.n == 2 && l.m[0].line == 4 && l.m[1].line == 6);
	mut_list_free(&l);
	/* a recv that only took the error, with nothing after it on its socket
	 * but a state read: not deleted either */
	l = mutants_of(L1 L2 L4 L5 "client recv 100 = -1 ECONNRESET\nclient state = CLOSE\n", 1u << MUT_DELETE_OBS);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT(l.n == 1 && l.m[0].line == 4);
	mut_list_free(&l);
}

/* An SO_ERROR read that nothing later on its socket asserts after is not
 * deleted; one followed by a read of its socket is. Calls on two sockets,
 * one of them a read, are not swapped, nor SO_ERROR with the state of its
 * own socket; SO_ERROR with a recv of its socket is. */
static void test_commuting(void)
{
	static const char text[] = L1 L2 L4 "client socket as a\nclient connect server:7000 = 0\n"
		"client socket as b\nclient connect server:7000 = 0\n"
		"client.a getsockopt SO_ERROR = ECONNRESET\nclient.b getsockopt SO_ERROR = ECONNRESET\n"
		"client.b state = CLOSE\nclient.b recv 100 = 0\n";
	struct mutant_list l = mutants_of(text, 1u << MUT_DELETE_OBS);

	CU_ASSERT_EQUAL(l.n, 3);        /* the two connects and b's SO_ERROR, not a's */
	CU_ASSERT(l.n == 3 && l.m[2].line == 9);
	mut_list_free(&l);
	l = mutants_of(text, 1u << MUT_SWAP_OBS);
	CU_ASSERT_EQUAL(l.n, 0);        /* a/b: two sockets; SO_ERROR/state; state/recv 0: both change nothing */
	mut_list_free(&l);
	l = mutants_of(L1 L2 L4 L5 "client getsockopt SO_ERROR = ECONNRESET\nclient recv 100 = 10\nclient state = CLOSE\n",
		       1u << MUT_SWAP_OBS);
	CU_ASSERT_EQUAL(l.n, 3);        /* connect/SO_ERROR, SO_ERROR/recv, recv/state */
	CU_ASSERT(l.n == 3 && l.m[0].line == 4 && l.m[1].line == 5 && l.m[2].line == 6);
	mut_list_free(&l);
}

/* The recv and the state read are adjacent steps of the client: they swap,
 * the recv's continuation line with it. Two pure reads never swap. */
static void test_swap_observations(void)
{
	struct mutant_list l = mutants_of(base, 1u << MUT_SWAP_OBS);

	CU_ASSERT_EQUAL(l.n, 1);
	expect_mutant(&l, 0, MUT_SWAP_OBS, 10, HEAD L8 L9 L12 L10 L11 L13 L14 L15);
	mut_list_free(&l);
	l = mutants_of(L1 L2 L4 L5 L6 "client state = ESTABLISHED\nclient outq = 0\n", 1u << MUT_SWAP_OBS);
	CU_ASSERT_EQUAL(l.n, 0);
	mut_list_free(&l);
}

static void test_select(void)
{
	CU_ASSERT_EQUAL(mut_op_select("timer"), (1u << MUT_TIMER_UP) | (1u << MUT_TIMER_DOWN));
	CU_ASSERT_EQUAL(mut_op_select("delete"), (1u << MUT_DELETE_FAULT) | (1u << MUT_DELETE_OBS));
	CU_ASSERT_EQUAL(mut_op_select("errno-swap"), 1u << MUT_ERRNO_SWAP);
	CU_ASSERT_EQUAL(mut_op_select("errno"), 1u << MUT_ERRNO_SWAP);
	CU_ASSERT_EQUAL(mut_op_select("swap"), 1u << MUT_SWAP_OBS);
	CU_ASSERT_EQUAL(mut_op_select("tim"), 0u);
}

static void test_text_lines(void)
{
	struct mtext t;
	char shown[128];

	CU_ASSERT_EQUAL_FATAL(mtext_split(base, &t), 0);
	CU_ASSERT_EQUAL(t.n, 15);
	CU_ASSERT_EQUAL(mtext_block_end(&t, 10), 11);
	CU_ASSERT_EQUAL(mtext_block_end(&t, 12), 12);
	CU_ASSERT_EQUAL(mtext_code_len(&t, 9), (int)strlen("server freeze"));
	CU_ASSERT_EQUAL(mtext_code_len(&t, 1), (int)strlen(L1) - 1);  /* '#' inside quotes */
	mtext_show(&t, 11, shown, sizeof(shown));
	CU_ASSERT_STRING_EQUAL(shown, "= 0 if kernel < 4.19");
	mtext_free(&t);
}

static void test_equivalents(void)
{
	struct mequiv_list l;
	char err[256];

	CU_ASSERT_EQUAL_FATAL(mequiv_parse("m.eq", "# header\n\n./cases/a.case:12 swap-observations  # two sockets\n",
					   &l, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_STRING_EQUAL(l.e[0].reason, "two sockets");
	CU_ASSERT_EQUAL(l.e[0].src_line, 3);
	CU_ASSERT_PTR_EQUAL(mequiv_find(&l, "cases/a.case", 12, "swap-observations"), &l.e[0]);
	CU_ASSERT_PTR_EQUAL(mequiv_find(&l, "./cases/a.case", 12, "swap-observations"), &l.e[0]);
	CU_ASSERT_PTR_NULL(mequiv_find(&l, "cases/a.case", 13, "swap-observations"));
	CU_ASSERT_PTR_NULL(mequiv_find(&l, "cases/a.case", 12, "errno-swap"));
	mequiv_free(&l);
}

static void expect_equiv_error(const char *text, const char *want)
{
	struct mequiv_list l;
	char err[256];

	CU_ASSERT_EQUAL(mequiv_parse("m.eq", text, &l, err, sizeof(err)), -1);
	if (strcmp(err, want) != 0)
		TEST_FAILF("want %s\ngot  %s", want, err);
}

static void test_equivalent_errors(void)
{
	expect_equiv_error("cases/a.case:12 swap-observations\n",
			   "m.eq:1:34: expected '# reason' after the operator: say why the mutant is equivalent");
	expect_equiv_error("\ncases/a.case:12 no-such-op  # x\n", "m.eq:2:14: unknown operator (see `nsfault mutate --help`)");
	expect_equiv_error("cases/a.case swap-observations  # x\n", "m.eq:1:1: expected PATH:LINE OPERATOR  # reason");
	expect_equiv_error("cases/a.case:x swap-observations  # x\n",
			   "m.eq:1:14: expected LINE OPERATOR after ':', then '# reason'");
	expect_equiv_error("cases/a.case:3 errno-swap  #   \n", "m.eq:1:29: expected a reason after '#'");
}

int test_mutate_register(void)
{
	static const struct test_def tests[] = {
		{ "errno-swap", test_errno_swap },
		{ "delete-fault deletes a fault with what undoes it", test_delete_fault },
		{ "timers scaled by 1.5 and 0.67", test_timers },
		{ "a timer scaled to itself is no mutant", test_timer_no_op },
		{ "reject-to-drop and drop-to-reject", test_firewall_actions },
		{ "delete-observation", test_delete_observation },
		{ "swap-observations", test_swap_observations },
		{ "calls that changed nothing are not deleted", test_no_effect },
		{ "a connect that is EALREADY or EISCONN changed nothing", test_connect_no_effect },
		{ "calls that commute are not swapped, a last SO_ERROR not deleted", test_commuting },
		{ "a peek that returned data changed nothing", test_peek_no_effect },
		{ "--operator names and kinds", test_select },
		{ "lines, blocks and comments", test_text_lines },
		{ "the equivalents list", test_equivalents },
		{ "malformed equivalents entries", test_equivalent_errors },
		{ NULL, NULL },
	};

	return tests_add_suite("mutate", tests);
}
