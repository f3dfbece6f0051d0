/* SPDX-License-Identifier: GPL-2.0-only */
/* The case language: good inputs parse to the expected Case, and every
 * malformed form is reported as path:line:col with what was expected. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/tcp.h>
#include "actions/firewall.h"
#include "lang/symbols.h"
#include "engine/case_files.h"
#include "lang/parser.h"
#include "lang/plan.h"
#include "lang/suggest.h"
#include "lang/verbs.h"
#include "tests/tests.h"

static struct case_file *parse_ok(const char *text)
{
	static struct case_file c;
	char err[512] = "";

	if (case_parse("t.case", text, &c, err, sizeof(err)) != 0) {
		fprintf(stderr, "unexpected parse error: %s\n", err);
		CU_FAIL_FATAL("a good case did not parse");
	}
	return &c;
}

/* Asserts text fails to parse with exactly the position pos ("t.case:L:C:")
 * and an error containing what. */
static void parse_bad(const char *text, const char *pos, const char *what)
{
	static struct case_file c;
	char err[512] = "";

	CU_ASSERT_EQUAL(case_parse("t.case", text, &c, err, sizeof(err)), -1);
	if (strncmp(err, pos, strlen(pos)) != 0 || !strstr(err, what))
		fprintf(stderr, "\n  wanted \"%s ... %s\"\n  got    \"%s\"\n", pos, what, err);
	CU_ASSERT_NSTRING_EQUAL(err, pos, strlen(pos));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, what));
}

#define HEAD "scenario E1 \"s\"\n"

static void test_header(void)
{
	struct case_file *c = parse_ok("# comment\nscenario E10 \"the summary\"  # trailing\n"
				       "topology routed\nfamily ipv6\nclient socket\n");

	CU_ASSERT_STRING_EQUAL(c->scenario, "E10");
	CU_ASSERT_STRING_EQUAL(c->summary, "the summary");
	CU_ASSERT_EQUAL(c->topology, TOPO_ROUTED);
	CU_ASSERT_EQUAL(c->families, FAM_IPV6);
	CU_ASSERT_EQUAL(c->nhosts, 3);
	CU_ASSERT_STRING_EQUAL(c->hosts[1], "router");
	CU_ASSERT_EQUAL(c->nsteps, 1);
}

static void test_defaults(void)
{
	struct case_file *c = parse_ok(HEAD "client socket\n");

	CU_ASSERT_EQUAL(c->topology, TOPO_PAIR);
	CU_ASSERT_EQUAL(c->families, FAM_IPV4 | FAM_IPV6);
	CU_ASSERT_EQUAL(c->nactors, 2);
	CU_ASSERT_EQUAL(c->steps[0].nexpects, 0);
}

static void test_steps_and_args(void)
{
	struct case_file *c = parse_ok(HEAD
		"server listen 7000\n"
		"client connect server:7001 = -1 ECONNREFUSED\n"
		"server accept = fd\n"
		"server send 10 MSG_DONTWAIT|MSG_NOSIGNAL = 1..10\n"
		"server recv 5 = 0 | -1 ECONNRESET\n"
		"server setsockopt SO_LINGER 1 0 = 0\n"
		"client getsockopt SO_ERROR = ECONNRESET\n"
		"client wait state CLOSE\n"
		"client state = FIN_WAIT2\n"
		"server shutdown SHUT_WR\n"
		"server send 3\n");
	const struct case_step *s = c->steps;

	CU_ASSERT_EQUAL(c->nsteps, 11);
	CU_ASSERT_STRING_EQUAL(s[0].verb->name, "listen");
	CU_ASSERT_EQUAL(s[0].arg[0], 7000);
	CU_ASSERT_EQUAL(s[0].arg[1], 16);
	CU_ASSERT_EQUAL(s[1].target_host, 1);
	CU_ASSERT_EQUAL(s[1].arg[0], 7001);
	CU_ASSERT_EQUAL(s[1].expects[0].alt[0].lo, -1);
	CU_ASSERT_EQUAL(s[1].expects[0].alt[0].err, ECONNREFUSED);
	CU_ASSERT_STRING_EQUAL(s[1].text, "client connect server:7001");
	CU_ASSERT_EQUAL(s[3].arg[1], MSG_DONTWAIT | MSG_NOSIGNAL);
	CU_ASSERT_EQUAL(s[3].expects[0].alt[0].lo, 1);
	CU_ASSERT_EQUAL(s[3].expects[0].alt[0].hi, 10);
	CU_ASSERT_EQUAL(s[4].expects[0].nalts, 2);
	CU_ASSERT_EQUAL(s[4].arg[1], 0);
	CU_ASSERT_EQUAL(s[5].arg[0], 1);
	CU_ASSERT_EQUAL(s[5].arg[1], 0);
	CU_ASSERT_EQUAL(s[6].kind, VK_ERRNO);
	CU_ASSERT_EQUAL(s[6].expects[0].alt[0].lo, ECONNRESET);
	CU_ASSERT_EQUAL(s[7].arg[0], TCP_CLOSE);
	CU_ASSERT_EQUAL(s[8].expects[0].alt[0].lo, TCP_FIN_WAIT2);
	CU_ASSERT_EQUAL(s[9].arg[0], SHUT_WR);
	CU_ASSERT_EQUAL(s[10].arg[1], MSG_NOSIGNAL);    /* the default for send */
}

/* Socket slots are resolved at parse time: listen makes one, accept another
 * from it; `socket` then `connect` share one; named sockets stay addressable. */
static void test_socket_slots(void)
{
	struct case_file *c = parse_ok(HEAD
		"server listen 7000 as lsn\n"
		"server accept as a1\n"
		"server accept\n"
		"server.a1 close\n"
		"server.lsn close\n"
		"client socket\n"
		"client setsockopt SO_RCVBUF 1000\n"
		"client connect server:7000\n"
		"client connect server:7000\n");
	const struct case_step *s = c->steps;

	CU_ASSERT_EQUAL(s[0].sock, 0);
	CU_ASSERT_EQUAL(s[1].sock, 1);
	CU_ASSERT_EQUAL(s[1].src_sock, 0);
	CU_ASSERT_EQUAL(s[2].sock, 2);
	CU_ASSERT_EQUAL(s[2].src_sock, 1);    /* the current socket; an accept from a1 fails at run time */
	CU_ASSERT_EQUAL(s[3].sock, 1);
	CU_ASSERT_EQUAL(s[4].sock, 0);
	CU_ASSERT_EQUAL(s[5].sock, 0);
	CU_ASSERT_EQUAL(s[7].sock, 0);        /* connect reuses the fresh socket */
	CU_ASSERT_EQUAL(s[8].sock, 1);        /* ... but not a used one */
	CU_ASSERT_STRING_EQUAL(c->actors[1].sock_names[0], "lsn");
}

/* The newer forms: async calls, coordinator and host verbs, guards, durations,
 * requirements and sysctls. */
static void test_engine_forms(void)
{
	struct case_file *c = parse_ok(HEAD
		"require kernel >= 4.19\n"
		"require config CONFIG_INET_DIAG_DESTROY\n"
		"sysctl server net.ipv4.tcp_syn_retries 2\n"
		"server listen 7000\n"
		"client connect server:7000\n"
		"server accept\n"
		"client start recv 10\n"
		"client blocked 200 = blocked\n"
		"server kill SIGKILL\n"
		"client finish = 0 after 0..500 ms\n"
		"= -1 ECONNRESET if kernel < 4.0\n"
		"client poll IN|RDHUP 100 = IN|RDHUP\n"
		"server poweroff\n"
		"server poweron = 0\n"
		"client sleep 10  # the point is that time passes\n"
		"server link eth0 up\n");
	const struct case_step *s = c->steps;

	CU_ASSERT_EQUAL(c->nreqs, 2);
	CU_ASSERT_EQUAL(c->reqs[0].kind, REQ_KERNEL);
	CU_ASSERT_EQUAL(c->reqs[0].guard.op, GUARD_GE);
	CU_ASSERT_EQUAL(c->reqs[0].guard.version, 4 << 16 | 19 << 8);
	CU_ASSERT_STRING_EQUAL(c->reqs[1].what, "CONFIG_INET_DIAG_DESTROY");
	CU_ASSERT_EQUAL(c->nsysctls, 1);
	CU_ASSERT_EQUAL(c->sysctls[0].host, 1);
	CU_ASSERT_TRUE(s[3].async);
	CU_ASSERT_EQUAL(s[4].start_step, 3);          /* blocked looks at the call of step 3 */
	CU_ASSERT_EQUAL(s[4].wait_ms, 200);
	CU_ASSERT_EQUAL(s[6].start_step, 3);          /* finish collects it ... */
	CU_ASSERT_EQUAL(s[6].kind, VK_INT);           /* ... and reads as recv does */
	CU_ASSERT_EQUAL(s[6].nexpects, 2);
	CU_ASSERT_EQUAL(s[6].expects[0].guard.op, GUARD_LT);   /* guarded first */
	CU_ASSERT_EQUAL(s[6].expects[1].guard.op, GUARD_NONE);
	CU_ASSERT_TRUE(s[6].expects[1].timed);
	CU_ASSERT_EQUAL(s[6].expects[1].after_hi_us, 500000);
	CU_ASSERT_EQUAL(s[7].kind, VK_POLL);
	CU_ASSERT_EQUAL(s[7].wait_ms, 100);
	CU_ASSERT_EQUAL(s[8].actor, -1);
	CU_ASSERT_EQUAL(s[8].target_host, 1);
	CU_ASSERT_EQUAL(s[11].target_host, 1);
	CU_ASSERT_STRING_EQUAL(s[11].word, "eth0");
	CU_ASSERT_EQUAL(s[11].arg[0], 1);
	c = parse_ok(HEAD "client socket\nclient getsockopt TCP_MAXSEG = 1448\n"
		     "= 1428 if family ipv6\n= 1400 if family ipv6 and kernel < 4.0\n");
	CU_ASSERT_EQUAL(c->steps[1].nexpects, 3);
	CU_ASSERT_EQUAL(c->steps[1].expects[0].guard.family, FAM_IPV6);
	CU_ASSERT_EQUAL(c->steps[1].expects[1].guard.family, FAM_IPV6);
	CU_ASSERT_EQUAL(c->steps[1].expects[1].guard.op, GUARD_LT);
	CU_ASSERT_EQUAL(c->steps[1].expects[2].alt[0].lo, 1448);  /* the default stays last */
	CU_ASSERT_EQUAL(case_expect_for(&c->steps[1], 6 << 16, FAM_IPV4, 0)->alt[0].lo, 1448);
	CU_ASSERT_EQUAL(case_expect_for(&c->steps[1], 6 << 16, FAM_IPV6, 0)->alt[0].lo, 1428);
	CU_ASSERT_EQUAL(case_expect_for(&c->steps[1], 3 << 16, FAM_IPV6, 0)->alt[0].lo, 1428); /* first match wins */
	c = parse_ok(HEAD "client socket\nclient errqueue = EHOSTUNREACH with origin icmp6 type 1 code 3\n");
	CU_ASSERT_TRUE(c->steps[1].expects[0].with_ee);
	CU_ASSERT_EQUAL(c->steps[1].expects[0].ee.origin, 3);
	CU_ASSERT_EQUAL(c->steps[1].expects[0].ee.type, 1);
	CU_ASSERT_EQUAL(c->steps[1].expects[0].ee.code, 3);
	CU_ASSERT_EQUAL(c->steps[1].expects[0].ee.info, -1);
}

/* Which processes a step ends is decided by the parser, once: the engine
 * only reads ends_actors. */
static void test_ended_processes(void)
{
	struct case_file *c = parse_ok(HEAD "actor app on server\nclient socket\nclient start recv 1\n"
				       "server kill SIGSTOP\nserver kill SIGCONT\nserver kill SIGKILL\n"
				       "client finish\nclient exit\nserver poweroff\nserver poweron\n");
	const struct case_step *s = c->steps;

	CU_ASSERT_EQUAL(s[1].ends_actors, 0);
	CU_ASSERT_EQUAL(s[2].ends_actors, 0);         /* a stop signal ends nothing */
	CU_ASSERT_EQUAL(s[3].ends_actors, 0);
	CU_ASSERT_EQUAL(s[4].ends_actors, 1u << 1);   /* SIGKILL ends server's process */
	CU_ASSERT_TRUE(case_step_ends(&s[4], 1));
	CU_ASSERT_FALSE(case_step_ends(&s[4], 0));
	CU_ASSERT_FALSE(case_step_ends(&s[4], -1));
	CU_ASSERT_EQUAL(s[5].start_step, 1);
	CU_ASSERT_EQUAL(s[6].ends_actors, 1u << 0);   /* exit */
	CU_ASSERT_EQUAL(s[7].ends_actors, 1u << 1 | 1u << 2);  /* every actor on the host */
	CU_ASSERT_EQUAL(s[8].ends_actors, 0);         /* poweron starts nothing, ends nothing */
	CU_ASSERT_EQUAL(s[0].start_step, -1);
}

static void test_firewall_forms(void)
{
	struct case_file *c = parse_ok(HEAD
		"topology routed\n"
		"router firewall add cut forward all drop\n"
		"server firewall add rst input tcp dport 7000 tcp-reset\n"
		"router firewall del cut\n"
		"router firewall add cut forward tcp sport 7000 admin-prohibited once\n"
		"router firewall del cut\n");
	const struct case_step *s = c->steps;

	CU_ASSERT_EQUAL(c->backends, 7u);                 /* all three by default */
	CU_ASSERT_EQUAL(s[0].target_host, 1);
	CU_ASSERT_STRING_EQUAL(s[0].rule.name, "cut");
	CU_ASSERT_EQUAL(s[0].rule.chain, FWC_FORWARD);
	CU_ASSERT_EQUAL(s[0].rule.match, FWM_ALL);
	CU_ASSERT_EQUAL(s[1].rule.match, FWM_TCP_DPORT);
	CU_ASSERT_EQUAL(s[1].rule.port, 7000);
	CU_ASSERT_EQUAL(s[1].rule.action, FWA_TCP_RESET);
	CU_ASSERT_EQUAL(s[2].rule.chain, FWC_FORWARD);     /* del knows the rule it removes */
	CU_ASSERT_EQUAL(s[3].rule.action, FWA_ADMIN_PROHIB);
	CU_ASSERT_FALSE(s[1].rule.once);
	CU_ASSERT_TRUE(s[3].rule.once);
	CU_ASSERT_TRUE(s[4].rule.once);                    /* del spells the rule as added */
	c = parse_ok(HEAD "backends nft iptables-legacy\nserver firewall add r input tcp drop\n");
	CU_ASSERT_EQUAL(c->backends, 1u << FW_NFT | 1u << FW_IPTABLES_LEGACY);
	c = parse_ok(HEAD "client socket\n");
	CU_ASSERT_EQUAL(c->backends, 0u);                 /* no rules: no backend variants */
	CU_ASSERT_FALSE(c->dynamic_neighbours);
	c = parse_ok(HEAD "neighbours dynamic\nclient socket\n");
	CU_ASSERT_TRUE(c->dynamic_neighbours);
}

static void test_actor_directive(void)
{
	struct case_file *c = parse_ok(HEAD "actor second on server\nsecond listen 7000\n");

	CU_ASSERT_EQUAL(c->nactors, 3);
	CU_ASSERT_EQUAL(c->actors[2].host, 1);
	CU_ASSERT_EQUAL(c->steps[0].actor, 2);
}

/* One malformed form per test row: the text, the position, the message. */
static const struct { const char *text, *pos, *what; } bad[] = {
	{ "client socket\n", "t.case:1:1:", "missing 'scenario" },
	{ HEAD, "t.case:1:1:", "no steps" },
	{ "scenario e1 \"s\"\n", "t.case:1:10:", "expected a scenario ID" },
	{ "scenario E1\n", "t.case:1:12:", "expected a one-line summary in quotes" },
	{ "scenario E1 \"s\nclient socket\n", "t.case:1:13:", "unterminated string" },
	{ "scenario E1 \"s\" extra\n", "t.case:1:17:", "unexpected words after the summary" },
	{ HEAD "scenario E2 \"t\"\n", "t.case:2:1:", "second 'scenario'" },
	{ HEAD "topology ring\n", "t.case:2:10:", "expected a topology name" },
	{ HEAD "client socket\ntopology routed\n", "t.case:3:1:", "topology is already fixed" },
	{ HEAD "family ipv5\n", "t.case:2:8:", "expected ipv4 or ipv6" },
	{ HEAD "family\n", "t.case:2:7:", "expected ipv4, ipv6 or both" },
	{ HEAD "actor x at server\n", "t.case:2:9:", "expected: actor NAME on HOST" },
	{ HEAD "actor client on server\n", "t.case:2:7:", "expected a new actor name" },
	{ HEAD "actor x on mars\n", "t.case:2:12:", "expected a host of the topology (client, server)" },
	{ HEAD "bob socket\n", "t.case:2:1:", "unknown actor or directive 'bob'" },
	{ HEAD "client\n", "t.case:2:7:", "expected a verb after 'client'" },
	{ HEAD "client dance\n", "t.case:2:8:", "expected a verb" },
	{ HEAD "server listen\n", "t.case:2:14:", "expected a port" },
	{ HEAD "server listen 70000\n", "t.case:2:15:", "expected a port (1-65535)" },
	{ HEAD "server listen 7000 x\n", "t.case:2:20:", "expected a count" },
	{ HEAD "client connect 7000\n", "t.case:2:16:", "expected HOST:PORT" },
	{ HEAD "client connect mars:7000\n", "t.case:2:16:", "unknown host 'mars'" },
	{ HEAD "client connect server:x\n", "t.case:2:23:", "expected a port" },
	{ HEAD "client socket\nclient send\n", "t.case:3:12:", "expected a count" },
	{ HEAD "client socket\nclient send 10 MSG_PEEK|MSG_BOGUS\n", "t.case:3:25:", "expected MSG_* flags" },
	{ HEAD "client socket\nclient setsockopt SO_BOGUS 1\n", "t.case:3:19:", "expected a socket option name" },
	{ HEAD "client socket\nclient setsockopt SO_LINGER 1\n", "t.case:3:30:", "expected 2 integer values" },
	{ HEAD "client socket\nclient setsockopt SO_ERROR 1\n", "t.case:3:19:", "can only be read" },
	{ HEAD "client socket\nclient getsockopt\n", "t.case:3:18:", "expected a socket option name" },
	{ HEAD "client socket\nclient wait state OPEN\n", "t.case:3:19:", "expected a TCP state name" },
	{ HEAD "client socket\nclient shutdown BOTH\n", "t.case:3:17:", "expected SHUT_RD" },
	{ HEAD "client recv 10\n", "t.case:2:1:", "client has no socket yet" },
	{ HEAD "server accept\n", "t.case:2:1:", "no socket to accept from" },
	{ HEAD "client.x close\n", "t.case:2:8:", "no socket named 'x'" },
	{ HEAD "client socket as a\nclient socket as a\n", "t.case:3:18:", "expected a new socket name" },
	{ HEAD "client socket\nclient close as a\n", "t.case:3:14:", "makes none" },
	{ HEAD "client socket as a\nclient.a socket\n", "t.case:3:1:", "makes a new socket" },
	{ HEAD "client socket =\n", "t.case:2:16:", "expected a result after '='" },
	{ HEAD "client socket = 3 4\n", "t.case:2:19:", "unexpected words after the expected result" },
	{ HEAD "client socket 3\n", "t.case:2:15:", "expected '= RESULT' or the end of the line" },
	{ HEAD "client socket\nclient recv 1 = -1\n", "t.case:3:19:", "expected an errno name after -1" },
	{ HEAD "client socket\nclient recv 1 = -1 ENOTANERRNO\n", "t.case:3:20:", "expected an errno name after -1" },
	{ HEAD "client socket\nclient recv 1 = ECONNRESET\n", "t.case:3:17:", "expected a number, a range" },
	{ HEAD "client socket\nclient recv 1 = 5..2\n", "t.case:3:17:", "expected a number, a range" },
	{ HEAD "client socket\nclient recv 1 = -5..5\n", "t.case:3:17:", "-1 needs its errno name" },
	{ HEAD "client socket\nclient getsockopt SO_ERROR = BOGUS\n", "t.case:3:30:", "expected 0 or an errno name" },
	{ HEAD "client socket\nclient state = OPEN\n", "t.case:3:16:", "expected a TCP state name" },
	{ HEAD "client socket = sock\n", "t.case:2:17:", "expected fd or -1 ERRNAME" },
	/* asynchronous calls */
	{ HEAD "client start kill SIGKILL\n", "t.case:2:8:", "only socket calls can be started" },
	{ HEAD "client socket\nclient start recv 1 = 0\n", "t.case:3:21:", "a started call has no result yet" },
	{ HEAD "client socket\nclient start recv 1\nclient send 1\n", "t.case:4:1:", "has a call in progress (started at line 3)" },
	{ HEAD "client finish = 0\n", "t.case:2:8:", "client has no call in progress" },
	{ HEAD "client blocked 10 = blocked\n", "t.case:2:8:", "client has no call in progress" },
	{ HEAD "client socket\nclient start recv 1\nclient blocked = blocked\n", "t.case:4:16:", "expected a count" },
	{ HEAD "client socket\nclient start recv 1\nclient blocked 5 = returned\n", "t.case:4:20:", "expected 'blocked'" },
	/* processes and hosts */
	{ HEAD "client kill KILL\n", "t.case:2:13:", "expected a signal name" },
	{ HEAD "client socket\nclient kill SIGKILL\nclient recv 1\n", "t.case:4:1:", "client has no socket yet" },
	{ HEAD "bob poweroff\n", "t.case:2:1:", "'poweroff' acts on a host" },
	{ HEAD "client.s poweroff\n", "t.case:2:8:", "client has no socket named 's'" },
	{ HEAD "server poweroff\nserver poweroff\n", "t.case:3:8:", "already powered off" },
	{ HEAD "server poweron\n", "t.case:2:8:", "already powered on" },
	{ HEAD "server poweroff\nserver listen 7000\n", "t.case:3:1:", "host server is powered off (line 2)" },
	{ HEAD "server link eth0 sideways\n", "t.case:2:18:", "expected up or down" },
	{ HEAD "server link = 0\n", "t.case:2:13:", "expected an interface of server (eth0)" },
	{ HEAD "client sleep 100\n", "t.case:2:1:", "'sleep' must say why" },
	/* calls */
	{ HEAD "client socket\nclient poll IN|WRITE 10\n", "t.case:3:16:", "expected poll events" },
	{ HEAD "client socket\nclient poll IN\n", "t.case:3:15:", "expected a count" },
	{ HEAD "client socket\nclient poll IN 10 = READ\n", "t.case:3:21:", "expected poll events" },
	{ HEAD "client socket\nclient wait state CLOSE soon\n", "t.case:3:25:", "expected a count" },
	/* expectations: durations and kernel guards */
	{ HEAD "client socket\nclient recv 1 = 0 after 5\n", "t.case:3:25:", "expected a duration range after 'after'" },
	{ HEAD "client socket\nclient recv 1 = 0 after 9..1 ms\n", "t.case:3:25:", "expected a duration range" },
	{ HEAD "client socket\nclient recv 1 = 0 if kernel ~ 6.1\n", "t.case:3:29:", "expected one of < <= >= > ==" },
	{ HEAD "client socket\nclient recv 1 = 0 if kernel >= six\n", "t.case:3:32:", "expected a kernel version" },
	{ HEAD "client socket\nclient recv 1 = 0 if linux >= 6.1\n", "t.case:3:22:", "expected 'kernel OP VERSION'" },
	{ HEAD "= 0 if kernel < 5.0\n", "t.case:2:1:", "an expectation line must follow a step that has one" },
	{ HEAD "client socket\nclient recv 1 = 0\n= 1\n", "t.case:4:1:", "a further expectation needs 'if kernel OP VERSION', 'if family NAME', 'if BRANCH' or 'branch NAME'" },
	{ HEAD "client socket\nclient recv 1 = 0 if family ipx\n", "t.case:3:29:", "expected ipv4 or ipv6 after 'family'" },
	{ HEAD "client socket\nclient recv 1 = 0 if family ipv6 and\n", "t.case:3:37:", "expected 'kernel OP VERSION' or 'family" },
	{ HEAD "client socket\nclient recv 1 = 0\n= 1 if kernel < 5.0 extra\n", "t.case:4:21:", "unexpected words after the expected result" },
	/* error-queue fields */
	{ HEAD "client socket\nclient recv 1 = 0 with type 3\n", "t.case:3:19:", "'with' describes an error-queue read" },
	{ HEAD "client socket\nclient errqueue = 0 with origin space\n", "t.case:3:33:", "expected local, icmp or icmp6" },
	{ HEAD "client socket\nclient errqueue = 0 with code x\n", "t.case:3:31:", "expected a number after 'code'" },
	{ HEAD "client socket\nclient errqueue = 0 with\n", "t.case:3:25:", "expected origin, type, code or info" },
	/* firewall */
	{ HEAD "server firewall add R input tcp drop\n", "t.case:2:21:", "expected a new rule name" },
	{ HEAD "server firewall add r prerouting tcp drop\n", "t.case:2:23:", "expected input, output or forward" },
	{ HEAD "server firewall add r input udp drop\n", "t.case:2:29:", "expected all, tcp, tcp dport PORT" },
	{ HEAD "server firewall add r input tcp dport 0 drop\n", "t.case:2:39:", "expected a port" },
	{ HEAD "server firewall add r input tcp reject\n", "t.case:2:33:", "expected drop, tcp-reset" },
	{ HEAD "server firewall add r input all tcp-reset\n", "t.case:2:33:", "tcp-reset answers TCP only" },
	{ HEAD "server firewall add r input tcp drop\nserver firewall add r output tcp drop\n", "t.case:3:21:", "expected a new rule name" },
	{ HEAD "server firewall del r\n", "t.case:2:21:", "expected the name of a rule added on server" },
	{ HEAD "server firewall add r input tcp drop\nclient firewall del r\n", "t.case:3:21:", "added on client" },
	{ HEAD "server firewall add r input tcp drop\nserver firewall del r\nserver firewall del r\n", "t.case:4:21:", "and not deleted" },
	{ HEAD "server firewall add r input once tcp drop\n", "t.case:2:29:", "expected MATCH and ACTION before once" },
	{ HEAD "server firewall add r input tcp dport 7000 once drop\n", "t.case:2:44:", "expected drop, tcp-reset, net-unreachable, host-unreachable, port-unreachable or admin-prohibited before once" },
	{ HEAD "server firewall add r input tcp drop twice\n", "t.case:2:38:", "expected once or the end of the line after the ACTION" },
	{ HEAD "server firewall add r input tcp drop once once\n", "t.case:2:43:", "unexpected word" },
	{ HEAD "backends pf\n", "t.case:2:10:", "expected nft, iptables-nft or iptables-legacy" },
	{ HEAD "neighbours sometimes\n", "t.case:2:12:", "expected static or dynamic" },
	/* directives */
	{ HEAD "require luck\n", "t.case:2:9:", "expected kernel, config, sysctl or tool" },
	{ HEAD "require config INET_DIAG\n", "t.case:2:16:", "expected one option such as CONFIG_" },
	{ HEAD "require tool\n", "t.case:2:13:", "expected one name after 'require tool'" },
	{ HEAD "require kernel >= 6.1 please\n", "t.case:2:23:", "unexpected words after the kernel version" },
	{ HEAD "sysctl mars net.ipv4.x 1\n", "t.case:2:8:", "expected a host of the topology" },
	{ HEAD "sysctl server kernel.panic 1\n", "t.case:2:15:", "expected a network sysctl name" },
	{ HEAD "sysctl server net.ipv4.tcp_syn_retries\n", "t.case:2:39:", "expected one value after the sysctl name" },
	{ HEAD "client socket\nclient recv 1 = 1 | 2 | 3 | 4 | 5\n", "t.case:3:33:", "too many alternatives" },
	/* issue 11: a started coordinator verb on a host once wrote out of bounds */
	{ HEAD "server start poweroff\n", "t.case:2:8:", "only socket calls can be started: 'poweroff'" },
	{ HEAD "server start firewall add r input tcp drop\n", "t.case:2:8:", "only socket calls can be started" },
	{ HEAD "server start mtu eth0 1500\n", "t.case:2:8:", "only socket calls can be started" },
	/* issue 11: kernel versions: no sign, no suffix, each part 0..255 */
	{ HEAD "require kernel >= -1.0\n", "t.case:2:19:", "expected a kernel version such as 6.1" },
	{ HEAD "require kernel >= 1.-11.1\n", "t.case:2:19:", "expected a kernel version" },
	{ HEAD "require kernel >= 256.1\n", "t.case:2:19:", "each 0..255" },
	{ HEAD "require kernel >= 6.1.999\n", "t.case:2:19:", "each 0..255" },
	{ HEAD "require kernel >= 6.1x\n", "t.case:2:19:", "expected a kernel version" },
	{ HEAD "require kernel >= 6\n", "t.case:2:19:", "expected a kernel version" },
	{ HEAD "client socket\nclient recv 1 = 0 if kernel < -6.1\n", "t.case:3:31:", "expected a kernel version" },
	/* issue 11: sizes, MTU, interfaces, backlog */
	{ HEAD "client socket\nclient send 16777217\n", "t.case:3:13:", "a byte count (at most 16 MiB) must be 0..16777216" },
	{ HEAD "client socket\nclient recv 99999999999999999999\n", "t.case:3:13:", "expected a count" },
	{ HEAD "topology routed\nrouter mtu eth1 4294967297\n", "t.case:3:17:", "an MTU must be 68..65535" },
	{ HEAD "topology routed\nrouter mtu eth1 67\n", "t.case:3:17:", "an MTU must be 68..65535" },
	{ HEAD "server link eth0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx down\n",
	  "t.case:2:13:", "expected an interface of server (eth0)" },
	{ HEAD "server link eth1 down\n", "t.case:2:13:", "expected an interface of server (eth0)" },
	{ HEAD "topology routed\nclient mtu eth1 1280\n", "t.case:3:12:", "expected an interface of client (eth0)" },
	{ HEAD "server listen 7000 4097\n", "t.case:2:20:", "a backlog must be 0..4096" },
	/* issue 11: durations against the variant's bound */
	{ HEAD "client socket\nclient poll IN 110001\n", "t.case:3:16:", "a duration of at most 110000 ms" },
	{ HEAD "client sleep 200000  # long\n", "t.case:2:14:", "a duration of at most 110000 ms" },
	{ HEAD "client socket\nclient wait state CLOSE 999999\n", "t.case:3:25:", "a duration of at most" },
	{ HEAD "client socket\nclient start recv 1\nclient blocked 120000 = blocked\n", "t.case:4:16:", "a duration of at most" },
	{ HEAD "client socket\nclient poll IN 60000\nclient poll IN 60000\n", "t.case:4:1:", "durations add up to more than 110000 ms" },
	{ HEAD "client socket\nclient recv 1 = 0 after 20 s\n", "t.case:3:19:", "'after 20000..' cannot happen" },
	{ HEAD "client socket\nclient recv 1 = 0 after 99999999999999..99999999999999 s\n", "t.case:3:25:", "a duration of at most" },
	{ HEAD "client socket\nclient recv 1 = 0\n= 1 after 30..40 s if family ipv6\n", "t.case:4:5:", "cannot happen" },
	/* issue 11: option values the kernel would take as another value */
	{ HEAD "client socket\nclient setsockopt SO_RCVBUF 4294967296\n", "t.case:3:29:", "fits in an int" },
	{ HEAD "client socket\nclient setsockopt SO_RCVTIMEO -1\n", "t.case:3:31:", "values 0..2147483647" },
	{ HEAD "client socket\nclient setsockopt SO_LINGER 2 0\n", "t.case:3:29:", "on (1) or off (0)" },
	{ HEAD "client socket\nclient errqueue = EHOSTUNREACH with type 256\n", "t.case:3:42:", "0..255" },
	/* issue 12: each verb's result type, and "did you mean" */
	{ HEAD "client socket\nclient getsockopt SO_ERROR = -1 ECONNRESET\n", "t.case:3:30:",
	  "write = ECONNRESET (or = 0), not = -1 ECONNRESET" },
	{ HEAD "client socket\nclient getsockopt SO_ERROR = 104\n", "t.case:3:30:", "not a number" },
	{ HEAD "client socket\nclient getsockopt SO_ERROR = ECONNRESTE\n", "t.case:3:30:", "(did you mean ECONNRESET?)" },
	{ HEAD "client socket\nclient recv 100 = ECONNRESET\n", "t.case:3:19:", "(did you mean -1 ECONNRESET?)" },
	{ HEAD "client socket\nclient accept = ECONNABORTED\n", "t.case:3:17:", "(did you mean -1 ECONNABORTED?)" },
	{ HEAD "client socket\nclient recv 100 = -1 ECONNRESTE\n", "t.case:3:22:", "(did you mean ECONNRESET?)" },
	{ HEAD "client socket\nclient state = CLOSED\n", "t.case:3:16:", "(did you mean CLOSE?)" },
	{ HEAD "client socket\nclient wait state CLOSED\n", "t.case:3:19:", "(did you mean CLOSE?)" },
	{ HEAD "client socket\nclient state = 7\n", "t.case:3:16:", "expected a TCP state name" },
	{ HEAD "client socket\nclient poll IN 10 = IN|RDHPU\n", "t.case:3:24:", "(did you mean RDHUP?)" },
	{ HEAD "client socket\nclient poll IN 10 = 1\n", "t.case:3:21:", "not a number" },
	{ HEAD "client socket\nclient poll IN|RDHPU 10\n", "t.case:3:16:", "(did you mean RDHUP?)" },
	{ HEAD "client socket\nclient recv 1 MSG_PEEK|MSG_DONTWIAT\n", "t.case:3:24:", "(did you mean MSG_DONTWAIT?)" },
	{ HEAD "client socket\nclient getsockopt SO_ERRROR\n", "t.case:3:19:", "(did you mean SO_ERROR?)" },
	{ HEAD "client socket\nclient shutdown SHUT_RDRW\n", "t.case:3:17:", "(did you mean SHUT_RDWR?)" },
	{ HEAD "client kill SIGKIL\n", "t.case:2:13:", "(did you mean SIGKILL?)" },
	{ HEAD "client sned 1\n", "t.case:2:8:", "(did you mean send?)" },
	{ HEAD "client conect server:7000\n", "t.case:2:8:", "(did you mean connect?)" },
	/* wait inq / wait outq */
	{ HEAD "client socket\nclient wait inq 100\n", "t.case:3:17:", "expected '>=', as in: wait inq >= BYTES [MS]" },
	{ HEAD "client socket\nclient wait outq >= 0\n", "t.case:3:18:", "expected '<='" },
	{ HEAD "client socket\nclient wait inq >= lots\n", "t.case:3:20:", "expected a count" },
	{ HEAD "client socket\nclient wait inq >= 1 200000\n", "t.case:3:22:", "a duration of at most" },
	{ HEAD "client wait inq >= 1\n", "t.case:2:1:", "client has no socket yet" },
	{ HEAD "client socket\nclient wait inq >= 1 = ECONNRESET\n", "t.case:3:24:", "did you mean -1 ECONNRESET?" },
	/* branches */
	{ HEAD "client socket\nclient recv 1 = 0 branch b\n", "t.case:3:15:", "a step's first expectation is what it must do" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 branch\n", "t.case:4:12:", "expected a name after 'branch'" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 branch kernel\n", "t.case:4:13:", "not a word of the guard" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 branch a.b\n", "t.case:4:13:", "letters, digits" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 branch b\nclient recv 1 = 0\n = 2 branch b\n", "t.case:6:13:",
	  "branch 'b' is already named on line 4, by another step" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 branch b\n = 2 if b\n", "t.case:5:9:",
	  "branch 'b' is taken by this step itself (line 4)" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 if c\n", "t.case:4:9:",
	  "expected 'kernel OP VERSION', 'family ipv4|ipv6' or a branch an earlier step names" },
	{ HEAD "client socket\nclient recv 1 = 0\n = 1 branch b extra\n", "t.case:4:15:", "unexpected words" },
};

/* `branch NAME` and `if NAME`: a branch line is tried when the plain line
 * does not match; once it matched, lines guarded by its name apply. */
static void test_branches(void)
{
	struct case_file *c = parse_ok(HEAD "client socket\n"
				       "client recv 1 = -1 EAGAIN after 900..1500 ms\n"
				       "              = -1 EAGAIN after 0..899 ms branch early\n"
				       "              = -1 EINTR if family ipv6 branch early\n"
				       "client recv 1 = 5\n"
				       "              = 7 if early and family ipv6\n"
				       "              = 0 if early\n");
	const struct case_step *s = c->steps;
	struct result late = { .ran = true, .ret = -1, .err = EAGAIN, .elapsed_us = 1000000 };
	struct result soon = late, wrong = late, zero = { .ran = true }, five = { .ran = true, .ret = 5 };
	char text[384];
	unsigned taken = 0;
	bool ok;

	soon.elapsed_us = 20000;
	wrong.err = EINTR;
	CU_ASSERT_EQUAL(c->nbranches, 1);
	CU_ASSERT_STRING_EQUAL(c->branches[0], "early");
	CU_ASSERT_EQUAL(s[1].expects[1].branch, 1);
	CU_ASSERT_EQUAL(s[1].expects[2].branch, 1);     /* one branch, two lines */
	CU_ASSERT_EQUAL(s[2].expects[0].guard.branches, 1u);
	/* The plain line matches: no branch taken, the plain follow-up applies. */
	CU_ASSERT_EQUAL(case_judge(&s[1], 6 << 16, FAM_IPV4, &taken, &late, &ok), 0);
	CU_ASSERT(ok && taken == 0);
	CU_ASSERT_EQUAL(case_judge(&s[2], 6 << 16, FAM_IPV4, &taken, &five, &ok), 2);
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(case_judge(&s[2], 6 << 16, FAM_IPV4, &taken, &zero, &ok), 2);
	CU_ASSERT(!ok);
	/* The branch line matches: the branch is taken, its follow-up applies. */
	CU_ASSERT_EQUAL(case_judge(&s[1], 6 << 16, FAM_IPV4, &taken, &soon, &ok), 1);
	CU_ASSERT(ok && taken == 1u);
	soon.expect_idx = 1;
	CU_ASSERT_STRING_EQUAL(case_branch_taken(c, &s[1], &soon), "early");
	CU_ASSERT_EQUAL(case_judge(&s[2], 6 << 16, FAM_IPV4, &taken, &zero, &ok), 1);
	CU_ASSERT(ok);
	CU_ASSERT_EQUAL(case_judge(&s[2], 6 << 16, FAM_IPV6, &taken, &zero, &ok), 0);
	CU_ASSERT(!ok);
	CU_ASSERT_EQUAL(case_judge(&s[2], 6 << 16, FAM_IPV4, &taken, &five, &ok), 1);
	CU_ASSERT(!ok);
	/* Neither matches: judged by the plain line; the report names both. */
	taken = 0;
	wrong.expect_idx = case_judge(&s[1], 6 << 16, FAM_IPV4, &taken, &wrong, &ok);
	wrong.mismatch = !ok;
	CU_ASSERT(!ok && taken == 0 && wrong.expect_idx == 0);
	CU_ASSERT_PTR_NULL(case_branch_taken(c, &s[1], &wrong));
	case_format_judged(c, &s[1], &wrong, text, sizeof(text));
	CU_ASSERT_STRING_EQUAL(text, "-1 EAGAIN after 900..1500 ms, or on branch early: -1 EAGAIN after 0..899 ms"
			       ", or on branch early: -1 EINTR");
	/* A branch line's own guard counts: EINTR is taken only in IPv6. */
	CU_ASSERT_EQUAL(case_judge(&s[1], 6 << 16, FAM_IPV4, &taken, &wrong, &ok), 0);
	CU_ASSERT(!ok && taken == 0);
	CU_ASSERT_EQUAL(case_judge(&s[1], 6 << 16, FAM_IPV6, &taken, &wrong, &ok), 2);
	CU_ASSERT(ok && taken == 1u);
}

static void test_malformed(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		parse_bad(bad[i].text, bad[i].pos, bad[i].what);
}

/* The forms that are right must still parse: the hints and checks above
 * refuse only what cannot run. */
static void test_typed_forms(void)
{
	struct case_file *c = parse_ok(HEAD "client socket\nclient getsockopt SO_ERROR = ECONNRESET | 0\n"
				       "client getsockopt SO_ERROR = -1 EBADF\nclient errqueue = -1 EAGAIN\n"
				       "client wait inq >= 100\nclient wait outq <= 0 500 = 0 | -1 ETIMEDOUT\n"
				       "client send 16777216\nclient setsockopt SO_RCVBUF -1\n"
				       "client poll IN 60000 = 0\nclient poll IN 30000 = 0\n"
				       "client recv 1 = 0 after 9 s\nclient recv 1 = 0 if kernel >= 6.18.255\n");

	CU_ASSERT_EQUAL(c->steps[4].verb->id, VERB_WAIT_INQ);
	CU_ASSERT_EQUAL(c->steps[4].arg[0], 100);
	CU_ASSERT_EQUAL(c->steps[4].wait_ms, 3000);
	CU_ASSERT_EQUAL(c->steps[5].verb->id, VERB_WAIT_OUTQ);
	CU_ASSERT_EQUAL(c->steps[5].arg[0], 0);
	CU_ASSERT_EQUAL(c->steps[5].wait_ms, 500);
	CU_ASSERT_EQUAL(c->steps[11].expects[0].guard.version, 6 << 16 | 18 << 8 | 255);
	c = parse_ok(HEAD "topology routed\nrouter mtu eth1 68\nrouter mtu eth0 65535\nrouter link eth1 down\n");
	CU_ASSERT_STRING_EQUAL(c->steps[0].word, "eth1");
	CU_ASSERT_EQUAL(c->steps[1].arg[0], 65535);
}

/* The whole front end from bytes: what case_load hands over. */
static void test_front_end_bytes(void)
{
	static struct case_file c;
	static char big[CASE_FILE_MAX_BYTES + 2];
	const char nul[] = HEAD "client so\0cket\n";
	char err[512] = "";

	CU_ASSERT_EQUAL(case_parse_bytes("t.case", "", 0, &c, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "t.case:1:1: the file is empty");
	CU_ASSERT_EQUAL(case_parse_bytes("t.case", nul, sizeof(nul) - 1, &c, err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "t.case:2:10: a NUL byte: a case file is text");
	memset(big, '#', sizeof(big) - 1);
	CU_ASSERT_EQUAL(case_parse_bytes("t.case", big, sizeof(big) - 1, &c, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "t.case:1:1: the file has"));
	CU_ASSERT_EQUAL(case_parse_bytes("t.case", HEAD "client socket\n", strlen(HEAD "client socket\n"), &c, err,
					 sizeof(err)), 0);
}

/* Family x backend: the variants the runner starts, from the language. */
static void test_plan(void)
{
	struct variant v[PLAN_MAX_VARIANTS];
	struct case_file *c = parse_ok(HEAD "client socket\n");

	CU_ASSERT_EQUAL(plan_case_variants(c, FAM_IPV4 | FAM_IPV6, v), 2);
	CU_ASSERT_EQUAL(v[0].family, FAM_IPV4);
	CU_ASSERT_EQUAL(v[0].backend, -1);
	CU_ASSERT_EQUAL(plan_case_variants(c, FAM_IPV6, NULL), 1);
	c = parse_ok(HEAD "server firewall add r input tcp drop\n");
	CU_ASSERT_EQUAL(plan_case_variants(c, FAM_IPV4 | FAM_IPV6, v), 6);
	CU_ASSERT_EQUAL(v[5].family, FAM_IPV6);
	CU_ASSERT_EQUAL(v[5].backend, FW_IPTABLES_LEGACY);
	c = parse_ok(HEAD "family ipv6\nbackends nft\nserver firewall add r input tcp drop\n");
	CU_ASSERT_EQUAL(plan_case_variants(c, FAM_IPV4 | FAM_IPV6, v), 1);
	CU_ASSERT_EQUAL(v[0].backend, FW_NFT);
	CU_ASSERT_EQUAL(plan_case_variants(c, FAM_IPV4, v), 0);
}

/* The distance behind "did you mean", and when a hint is given at all. */
static void test_suggest(void)
{
	struct suggest sg;
	char hint[80];

	CU_ASSERT_EQUAL(suggest_distance("CLOSED", "CLOSE"), 1);
	CU_ASSERT_EQUAL(suggest_distance("ECONNRESTE", "ECONNRESET"), 1);     /* a swap is one edit */
	CU_ASSERT_EQUAL(suggest_distance("close", "CLOSE"), 0);
	CU_ASSERT_EQUAL(suggest_distance("", "abc"), 3);
	suggest_init(&sg, "FOO");
	names_suggest(NAMES_TCP_STATE, &sg);
	CU_ASSERT_STRING_EQUAL(suggest_hint(&sg, hint, sizeof(hint)), "");
	suggest_init(&sg, "established");
	names_suggest(NAMES_TCP_STATE, &sg);
	CU_ASSERT_STRING_EQUAL(suggest_hint(&sg, hint, sizeof(hint)), " (did you mean ESTABLISHED?)");
	suggest_init(&sg, "ETIMEOUT");
	names_suggest(NAMES_ERRNO, &sg);
	CU_ASSERT_STRING_EQUAL(suggest_hint(&sg, hint, sizeof(hint)), " (did you mean ETIMEDOUT?)");
}

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(err_name(ECONNRESET), "ECONNRESET");
	CU_ASSERT_EQUAL(err_value("EPIPE"), EPIPE);
	CU_ASSERT_EQUAL(err_value("EBOGUS"), -1);
	CU_ASSERT_STRING_EQUAL(err_name(9999), "E<9999>");
	CU_ASSERT_STRING_EQUAL(names_tcp_state(TCP_CLOSE_WAIT), "CLOSE_WAIT");
	CU_ASSERT_EQUAL(names_tcp_state_value("TIME_WAIT"), TCP_TIME_WAIT);
	CU_ASSERT_STRING_EQUAL(names_tcp_state(99), "UNKNOWN_STATE");
}

int test_parser_register(void)
{
	static const struct test_def tests[] = {
		{ "header directives", test_header },
		{ "defaults: pair, both families, must-succeed", test_defaults },
		{ "steps, arguments and expectations", test_steps_and_args },
		{ "socket slots resolved at parse time", test_socket_slots },
		{ "actor directive", test_actor_directive },
		{ "firewall rules and backends", test_firewall_forms },
		{ "which processes a step ends", test_ended_processes },
		{ "async calls, processes, hosts, guards, requirements", test_engine_forms },
		{ "every malformed form: file:line:col and what was expected", test_malformed },
		{ "branches: taken when the plain line does not match, then guard later lines", test_branches },
		{ "errno and state names", test_names },
		{ "typed expectations and bounds: the right forms still parse", test_typed_forms },
		{ "front end from bytes: empty, NUL, too long", test_front_end_bytes },
		{ "plan: family x backend variants", test_plan },
		{ "did you mean: distance and threshold", test_suggest },
		{ NULL, NULL },
	};

	return tests_add_suite("parser", tests);
}
