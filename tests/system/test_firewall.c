/* SPDX-License-Identifier: GPL-2.0-only */
/* Tests of actions/firewall.c: argument checks without privileges, then live
 * tests (root) that prove each backend's rules by their effect on connect()
 * inside a namespace of their own, and that the initial namespace's rulesets
 * are the same after the suite as before it. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "tests/tests.h"
#include "util/errnames.h"
#include "util/proc.h"
#include "actions/firewall.h"
#include "engine/case_files.h"
#include "engine/runner.h"
#include "netns/ns.h"
#include "report/report.h"

#define FW_PORT 7000

static const char NFT_REJECT[] =
	"add table inet nsf; "
	"add chain inet nsf in { type filter hook input priority 0; }; "
	"add rule inet nsf in tcp dport 7000 reject with tcp reset";
static const char IPT_REJECT[] = "-A INPUT -p tcp --dport 7000 -j REJECT --reject-with tcp-reset";

/* ---- the initial namespace, seen through the tools themselves ---- */

/* Verification only: what the host's own tools report, "#" lines (dates,
 * warnings) left out. */
static const char *const snapshot_cmds[] = {
	"nft list ruleset 2>&1",
	"iptables-legacy-save 2>&1", "ip6tables-legacy-save 2>&1",
	"iptables-nft-save 2>&1", "ip6tables-nft-save 2>&1",
};

static char *initial_rules;

static int snapshot_one(const char *cmd, FILE *into)
{
	char line[4096];
	FILE *p = popen(cmd, "r");

	if (!p)
		return -1;
	fprintf(into, "== %s\n", cmd);
	while (fgets(line, sizeof(line), p))
		if (line[0] != '#')
			fputs(line, into);
	return pclose(p) == -1 ? -1 : 0;
}

static char *snapshot(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return NULL;
	for (size_t i = 0; i < sizeof(snapshot_cmds) / sizeof(snapshot_cmds[0]); i++) {
		if (snapshot_one(snapshot_cmds[i], m) < 0) {
			fclose(m);
			free(text);
			return NULL;
		}
	}
	if (fclose(m) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void test_record_initial(void)
{
	free(initial_rules);
	initial_rules = snapshot();
	CU_ASSERT_PTR_NOT_NULL(initial_rules);
}

static void test_initial_unchanged(void)
{
	char *now = snapshot();

	CU_ASSERT_PTR_NOT_NULL_FATAL(initial_rules);
	CU_ASSERT_PTR_NOT_NULL_FATAL(now);
	if (strcmp(initial_rules, now) != 0)
		TEST_FAILF("initial namespace changed:\n--- before\n%s\n--- after\n%s", initial_rules, now);
	free(now);
	free(initial_rules);
	initial_rules = NULL;
}

/* ---- a namespace with listeners on 127.0.0.1 and ::1 ---- */

struct fw_env {
	struct ns ns;
	int lfd[2];		/* IPv4, IPv6 listeners */
};

static socklen_t loopback_addr(int family, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons(FW_PORT);
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return sizeof(*a);
	}
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	a6->sin6_family = AF_INET6;
	a6->sin6_port = htons(FW_PORT);
	a6->sin6_addr = in6addr_loopback;
	return sizeof(*a6);
}

/* Runs inside the namespace, so the socket belongs to it. */
static int listen_in(void *arg)
{
	int family = *(int *)arg, one = 1;
	struct sockaddr_storage ss;
	socklen_t len = loopback_addr(family, &ss);
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&ss, len) < 0 || listen(fd, 16) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int env_open(struct fw_env *env, const char *name)
{
	static const int families[2] = { AF_INET, AF_INET6 };
	struct nl_error e = { 0 };

	env->lfd[0] = env->lfd[1] = -1;
	if (!test_netns_usable())
		return -1;
	if (ns_create(&env->ns, name, &e) < 0) {
		TEST_FAILF("ns_create %s: %s", name, e.text);
		return -1;
	}
	for (int i = 0; i < 2; i++) {
		env->lfd[i] = ns_within(&env->ns, listen_in, (void *)&families[i], &e);
		if (env->lfd[i] < 0) {
			TEST_FAILF("listening on port %d (family %d) in %s: %s", FW_PORT, families[i],
				 name, e.err ? e.text : err_name(errno));
			return -1;
		}
	}
	return 0;
}

static void env_close(struct fw_env *env)
{
	for (int i = 0; i < 2; i++)
		if (env->lfd[i] >= 0)
			close(env->lfd[i]);
	ns_destroy(&env->ns);
}

/* ---- connect() from a child inside the namespace ---- */

#define CHILD_SETUP_FAILED 255

static int connect_child(const struct ns *ns, int family)
{
	struct timeval tv = { .tv_sec = 3 };	/* bounds connect() if packets vanish */
	struct sockaddr_storage ss;
	socklen_t len = loopback_addr(family, &ss);
	int fd;

	if (ns_enter(ns) < 0)
		return CHILD_SETUP_FAILED;
	fd = socket(family, SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) < 0)
		return CHILD_SETUP_FAILED;
	return connect(fd, (struct sockaddr *)&ss, len) == 0 ? 0 : errno;
}

/* Returns 0 when connect() succeeded, else its errno; -1 if that is unknown. */
static int connect_result(const struct ns *ns, int family)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(connect_child(ns, family));
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == CHILD_SETUP_FAILED)
		return -1;
	return WEXITSTATUS(status);
}

static void expect_connect(const struct fw_env *env, int family, int want, const char *when)
{
	int got = connect_result(&env->ns, family);
	const char *fam = family == AF_INET ? "127.0.0.1" : "::1";

	if (got != want)
		TEST_FAILF("connect to %s port %d %s: got %s, want %s", fam, FW_PORT, when,
			 got < 0 ? "no result" : got ? err_name(got) : "success",
			 want ? err_name(want) : "success");
}

/* ---- live: rules proven by behaviour ---- */

static bool backend_usable(enum fw_backend b)
{
	char err[512];

	if (fw_available(b, err, sizeof(err)))
		return true;
	/* The one case a missing backend passes: the machine lacks it. */
	printf("\n    note: skipping %s: %s\n", fw_backend_name(b), err);
	return false;
}

static bool apply_ok(struct fw_env *env, enum fw_backend b, bool ipv6, const char *cmd)
{
	char err[1024];

	if (fw_apply(&env->ns, b, ipv6, cmd, err, sizeof(err)) == 0)
		return true;
	TEST_FAILF("fw_apply %s: %s", fw_backend_name(b), err);
	return false;
}

static void expect_dump_has(struct fw_env *env, enum fw_backend b, bool ipv6, const char *want)
{
	char buf[8192], err[1024];

	if (fw_dump(&env->ns, b, ipv6, buf, sizeof(buf), err, sizeof(err)) < 0) {
		TEST_FAILF("fw_dump %s: %s", fw_backend_name(b), err);
		return;
	}
	if (!strstr(buf, want))
		TEST_FAILF("fw_dump %s%s lacks \"%s\":\n%s", fw_backend_name(b), ipv6 ? " (ipv6)" : "",
			 want, buf);
}

static void reject_nft(struct fw_env *env)
{
	if (!apply_ok(env, FW_NFT, false, NFT_REJECT))
		return;
	expect_connect(env, AF_INET, ECONNREFUSED, "with the inet reject rule");
	expect_connect(env, AF_INET6, ECONNREFUSED, "with the inet reject rule");
	expect_dump_has(env, FW_NFT, false, "tcp dport 7000 reject with tcp reset");
}

/* The IPv4 rule must leave IPv6 alone: each tool has its own tables. */
static void reject_iptables(struct fw_env *env, enum fw_backend b)
{
	if (!apply_ok(env, b, false, IPT_REJECT))
		return;
	expect_connect(env, AF_INET, ECONNREFUSED, "with the iptables reject rule");
	expect_connect(env, AF_INET6, 0, "with only the iptables (IPv4) rule");
	if (!apply_ok(env, b, true, IPT_REJECT))
		return;
	expect_connect(env, AF_INET6, ECONNREFUSED, "with the ip6tables reject rule");
	expect_dump_has(env, b, false, "--dport 7000 -j REJECT --reject-with tcp-reset");
	expect_dump_has(env, b, true, "--dport 7000 -j REJECT --reject-with tcp-reset");
}

static void reject_live(enum fw_backend b)
{
	struct fw_env env;

	if (!backend_usable(b))
		return;
	if (env_open(&env, "fw-reject") == 0) {
		/* Without the rule the listeners answer: a refusal later is the rule's. */
		expect_connect(&env, AF_INET, 0, "before any rule");
		expect_connect(&env, AF_INET6, 0, "before any rule");
		if (b == FW_NFT)
			reject_nft(&env);
		else
			reject_iptables(&env, b);
	}
	env_close(&env);
}

static void test_reject_nft(void) { reject_live(FW_NFT); }
static void test_reject_iptables_nft(void) { reject_live(FW_IPTABLES_NFT); }
static void test_reject_iptables_legacy(void) { reject_live(FW_IPTABLES_LEGACY); }

/* ---- live: a `once` rule, through the whole engine ---- */

/* Checks how the once case at path went with backend b; it must PASS: its
 * counts (two SYNs, one ICMP) fail when the rule acts on a second packet,
 * on none, or lets an unmatched packet take its one token. */
static void once_verdict(const struct case_file *c, const struct variant *v, const struct outcome *o)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (o->verdict == VERDICT_SKIP) {
		tests_skip("%s %s: %s", c->path, fw_backend_name((enum fw_backend)v->backend), o->reason);
		return;
	}
	f = open_memstream(&text, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	report_text_case(f, c, v, o, false);
	fclose(f);
	if (o->verdict != VERDICT_PASS)
		TEST_FAILF("%s with %s must pass:\n%s", c->path, fw_backend_name((enum fw_backend)v->backend), text);
	free(text);
}

/* Both families' once cases with every usable backend, all at once: each
 * variant waits out a 1 s SYN retransmission. */
static void test_once(void)
{
	static struct case_file cases[2];
	static struct outcome o[2 * FW_NBACKENDS];
	static const char *const paths[2] = { "tests/meta/once-ipv4.case", "tests/meta/once-ipv6.case" };
	const struct case_file *c[2 * FW_NBACKENDS];
	struct variant v[2 * FW_NBACKENDS];
	const struct coord_opts opts = { 0 };
	char err[512];
	int n = 0;

	if (!test_netns_usable())
		return;
	for (int i = 0; i < 2; i++)
		if (case_load(paths[i], &cases[i], err, sizeof(err)) < 0) {
			TEST_FAILF("%s", err);
			return;
		}
	for (int b = 0; b < FW_NBACKENDS; b++) {
		if (!backend_usable((enum fw_backend)b))
			continue;
		for (int i = 0; i < 2; i++) {
			c[n] = &cases[i];
			v[n++] = (struct variant){ i ? FAM_IPV6 : FAM_IPV4, b };
		}
	}
	run_variants(c, v, n, &opts, o);
	for (int i = 0; i < n; i++)
		once_verdict(c[i], &v[i], &o[i]);
}

/* ---- a rule the kernel refuses: a skip that names it, not a failure ---- */

/* Over iptables-legacy's binary, in a mount namespace of the child's own: a
 * script that answers as a kernel without xt_limit (or, with refuse_all,
 * without anything) makes iptables-legacy answer, and runs the real binary
 * (a copy) for everything else. */
static const char refusing_tool[] =
	"set -e; multi=$(realpath /usr/sbin/iptables-legacy); cp \"$multi\" \"$D/real\"; "
	"for t in iptables-legacy ip6tables-legacy iptables-legacy-save ip6tables-legacy-save; do "
	"ln -s real \"$D/$t\"; done; "
	"printf '#!/bin/sh\\ncase \" $* \" in %s) echo \"%s\" >&2; exit 1 ;; esac\\n"
	"exec %s/$(basename \"$0\") \"$@\"\\n' \"$REFUSE\" \"$REFUSAL\" \"$D\" >\"$D/wrap\"; "
	"chmod 755 \"$D/wrap\"; mount --bind \"$D/wrap\" \"$multi\"";

struct refusal {
	const char *pattern;    /* the arguments the tool refuses, as a case pattern */
	struct outcome *o;
};

/* In the child: the refusing tool, then the once case's iptables-legacy
 * variant through the whole engine. Exits 0 when it ran (o says how), 3
 * when this environment cannot stand in a tool, 4 on a broken test. */
static int refused_child(void *arg)
{
	struct refusal *r = arg;
	static struct case_file c;
	const struct coord_opts opts = { 0 };
	const struct variant v = { FAM_IPV4, FW_IPTABLES_LEGACY };
	char err[512], dir[] = "/tmp/nsfault-refuse.XXXXXX", rm[64];
	int rc = 0;

	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) {
		dprintf(STDOUT_FILENO, "a mount namespace: %s\n", err_name(errno));
		return 3;
	}
	if (!mkdtemp(dir) || setenv("D", dir, 1) < 0 || setenv("REFUSE", r->pattern, 1) < 0 ||
	    setenv("REFUSAL", "iptables: No chain/target/match by that name.", 1) < 0) {
		dprintf(STDOUT_FILENO, "a directory for the tool: %s\n", err_name(errno));
		return 4;
	}
	if (system(refusing_tool) != 0) {
		dprintf(STDOUT_FILENO, "could not bind a script over iptables-legacy's binary\n");
		rc = 3;
	} else if (case_load("tests/meta/once-ipv4.case", &c, err, sizeof(err)) < 0) {
		dprintf(STDOUT_FILENO, "%s\n", err);
		rc = 4;
	} else {
		run_variant(&c, &v, &opts, r->o);
	}
	snprintf(rm, sizeof(rm), "rm -rf %s", dir);
	return system(rm) == 0 ? rc : 4;
}

/* Runs the child with the outcome in shared memory; false (and a skip or a
 * failure said) when it did not run. */
static bool run_refused(const char *pattern, struct outcome *o)
{
	char out[512] = "", how[64];
	struct proc_out po = { out, sizeof(out), false };
	struct proc_end end = { 0 };
	struct refusal r = { pattern, o };

	memset(o, 0, sizeof(*o));
	if (proc_run(refused_child, &r, &po, NULL, 60000, &end) < 0 || end.how != PROC_EXITED || end.code == 4) {
		TEST_FAILF("the child: %s: %s", proc_end_text(&end, how, sizeof(how)), out);
		return false;
	}
	if (end.code == 3) {
		tests_skip("cannot stand in for iptables-legacy here: %s", out);
		return false;
	}
	return true;
}

/* `once` refused, a plain drop applied: a skip that says what the kernel
 * refused and the tool's words. Everything refused (the backend itself is
 * broken): still a failure. */
static void test_refused_rule_skips(void)
{
	struct outcome *o = mmap(NULL, sizeof(*o), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	CU_ASSERT_FATAL(o != MAP_FAILED);
	if (!test_netns_usable() || !backend_usable(FW_IPTABLES_LEGACY) || !run_refused("*\" -m limit \"*", o))
		goto out;
	if (o->verdict != VERDICT_SKIP || !strstr(o->reason, "failed on a rule the kernel refuses, so not a verdict: "
						  "this kernel refuses `once` (a limit match) with iptables-legacy") ||
	    !strstr(o->reason, "No chain/target/match by that name"))
		TEST_FAILF("a refused once rule: want a skip naming it; got verdict %d: %s", o->verdict, o->reason);
	if (!run_refused("*", o))
		goto out;
	if (o->verdict != VERDICT_FAIL)
		TEST_FAILF("every rule refused: want a failure; got verdict %d: %s", o->verdict, o->reason);
out:
	munmap(o, sizeof(*o));
}

/* ---- live: errors carry the tool's own words ---- */

/* err must name the backend, the namespace, the command's start and hold
 * tool_text. */
static void expect_apply_error(struct fw_env *env, enum fw_backend b, bool ipv6, const char *cmd,
			       const char *tool_text)
{
	char err[1024] = "", start[16];
	int rc = fw_apply(&env->ns, b, ipv6, cmd, err, sizeof(err));

	snprintf(start, sizeof(start), "%s", cmd);
	if (rc != -1 || !strstr(err, tool_text) || !strstr(err, fw_backend_name(b)) ||
	    !strstr(err, env->ns.name) || !strstr(err, start))
		TEST_FAILF("fw_apply %s \"%s\": rc %d, err \"%s\"; want -1 with \"%s\"",
			 fw_backend_name(b), cmd, rc, err, tool_text);
}

static void syntax_errors(struct fw_env *env, enum fw_backend b)
{
	if (b == FW_NFT) {
		expect_apply_error(env, b, false, "add table inet nsf; add chain inet nsf in "
				   "{ type filter hook input priority 0; }; "
				   "add rule inet nsf in tcp dport 7000 rejekt", "syntax error");
		expect_apply_error(env, b, false, "add rule inet nosuch in tcp dport 7000 drop",
				   "No such file or directory");
		return;
	}
	expect_apply_error(env, b, false, "-A INPUT -p tcp --dprot 7000 -j DROP",
			   "unknown option \"--dprot\"");
	/* "ip6tables v1.8.9 (...): unknown option": the IPv6 tool's own words. */
	expect_apply_error(env, b, true, "-A INPUT -p tcp --dprot 7000 -j DROP", "ip6tables v");
	/* Never reaches the tool. */
	expect_apply_error(env, b, false, "-A INPUT -m comment --comment \"open -j DROP",
			   "unterminated double quote");
	expect_apply_error(env, b, false, "-A INPUT -j DROP\n-A INPUT -j ACCEPT", "line break");
}

static void test_syntax_errors(void)
{
	struct fw_env env;

	if (env_open(&env, "fw-errors") == 0)
		for (int b = 0; b < FW_NBACKENDS; b++)
			if (backend_usable(b))
				syntax_errors(&env, b);
	env_close(&env);
}

/* A double-quoted word with a blank reaches the tool as one argument. */
static void test_quoted_comment(void)
{
	static const char cmd[] = "-A INPUT -p tcp --dport 7001 -m comment --comment \"nsf two words\" -j ACCEPT";
	struct fw_env env;

	if (env_open(&env, "fw-quote") == 0) {
		for (int b = FW_IPTABLES_NFT; b <= FW_IPTABLES_LEGACY; b++) {
			if (!backend_usable(b) || !apply_ok(&env, b, false, cmd))
				continue;
			expect_dump_has(&env, b, false, "--comment \"nsf two words\" -j ACCEPT");
		}
	}
	env_close(&env);
}

/* ---- no privileges needed ---- */

static void test_names(void)
{
	CU_ASSERT_STRING_EQUAL(fw_backend_name(FW_NFT), "nft");
	CU_ASSERT_STRING_EQUAL(fw_backend_name(FW_IPTABLES_NFT), "iptables-nft");
	CU_ASSERT_STRING_EQUAL(fw_backend_name(FW_IPTABLES_LEGACY), "iptables-legacy");
}

/* Without a namespace nothing may run: it would hit the caller's own. */
static void test_no_namespace(void)
{
	struct ns zeroed = { 0 }, failed = { .fd = -1 };
	char err[256], buf[64];

	for (int b = 0; b < FW_NBACKENDS; b++) {
		CU_ASSERT_EQUAL(fw_apply(NULL, b, false, "-A INPUT -j DROP", err, sizeof(err)), -1);
		CU_ASSERT_EQUAL(fw_apply(&zeroed, b, false, "-A INPUT -j DROP", err, sizeof(err)), -1);
		CU_ASSERT_EQUAL(fw_apply(&failed, b, false, "-A INPUT -j DROP", err, sizeof(err)), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, "no namespace"));
		CU_ASSERT_EQUAL(fw_dump(&failed, b, false, buf, sizeof(buf), err, sizeof(err)), -1);
	}
	CU_ASSERT_EQUAL(fw_apply(&failed, FW_NBACKENDS, false, "x", err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "does not exist"));
}

int test_firewall_register(void)
{
	/* Order matters: the first and last bracket the live tests. */
	static const struct test_def tests[] = {
		{ "record the initial namespace's rulesets", test_record_initial },
		{ "backend names", test_names },
		{ "no namespace, no rule", test_no_namespace },
		{ "live: nft reject with tcp reset", test_reject_nft },
		{ "live: iptables-nft REJECT tcp-reset", test_reject_iptables_nft },
		{ "live: iptables-legacy REJECT tcp-reset", test_reject_iptables_legacy },
		{ "live: a once rule rejects exactly the first packet it matches", test_once },
		{ "live: a rule the kernel refuses skips, naming it; all refused fails", test_refused_rule_skips },
		{ "live: errors carry the tool's message", test_syntax_errors },
		{ "live: double-quoted comment", test_quoted_comment },
		{ "initial namespace's rulesets unchanged", test_initial_unchanged },
		{ NULL, NULL },
	};

	return tests_add_suite("firewall", tests);
}
