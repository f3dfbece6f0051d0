/* SPDX-License-Identifier: GPL-2.0-only */
/* Each tests/{pure,system}/test_*.c file adds one CUnit suite through its register function. */
#ifndef NSF_TESTS_H
#define NSF_TESTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <CUnit/CUnit.h>

/* Each returns 0, or -1 when CUnit could not add the suite or a test. */
int test_netns_register(void);
int test_parser_register(void);
int test_match_register(void);
int test_meta_register(void);
int test_freezer_register(void);
int test_diag_register(void);
int test_firewall_register(void);
int test_fw_rule_register(void);
int test_report_register(void);
int test_results_register(void);
int test_util_register(void);
int test_rewrite_register(void);
int test_version_register(void);
int test_fuzz_findings_register(void);
int test_inject_register(void);
int test_wire_register(void);
int test_dispatch_register(void);
int test_case_files_register(void);
int test_mutate_register(void);
int test_mutate_run_register(void);
int test_containers_register(void);
int test_host_diag_register(void);
int test_capture_register(void);

/* A failed assertion with a formatted message (CU_FAIL would print its
 * argument's source text; CUnit copies the message). */
#define TEST_FAILF(...)                                                         \
	do {                                                                    \
		char msg_[16384];                                               \
		snprintf(msg_, sizeof(msg_), __VA_ARGS__);                      \
		CU_assertImplementation(CU_FALSE, __LINE__, msg_, __FILE__, "", CU_FALSE); \
	} while (0)

/* Skipping: a test that needs a facility this machine lacks (no network
 * namespace can be made, a read-only cgroup mount, ...) records why and
 * returns; it is not a failure. tests_run lists every skip with its reason at
 * the end ("note: skipping SUITE/TEST: reason") and counts them. */
void tests_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define TEST_SKIP(...)                                                          \
	do {                                                                    \
		tests_skip(__VA_ARGS__);                                        \
		return;                                                         \
	} while (0)

/* System tests only: whether network namespaces can be made here (run_probe,
 * which first moves the test program into a user namespace of its own when
 * it lacks CAP_SYS_ADMIN; called once from main before any test). When not,
 * records a skip with the reason and returns false. */
bool test_netns_usable(void);
void test_netns_probe(void);

/* test_netns_usable, and whether every pinned sysctl (actions/pinned.h) can
 * be set in a fresh namespace: where one cannot (a container's read-only
 * /proc/sys in a user namespace), a variant that fails is a SKIP, so a test
 * that needs a case to FAIL cannot run. When not, records a skip with the
 * reason and returns false. */
bool test_pins_settable(void);

/* Whether this machine has what a freezer method needs (a writable cgroup2
 * mount, or a writable cgroup v1 mount with the freezer controller: a
 * container's read-only one is as good as none; SIGSTOP always), read from
 * /proc/self/mountinfo without the code under test. A test of an absent
 * method says so on stderr and passes over it: a machine with only cgroup v2
 * (Debian 12's default) has no v1 freezer to test. A present one must work. */
bool test_freezer_present(int method);
/* test_freezer_present, and if absent records a skip saying why. */
bool test_freezer_skip(int method);

/* Registers every suite, runs them, prints CUnit's summary. Returns the exit
 * status: 0 when every test that ran passed. */
int tests_run(int (*const registers[])(void), size_t n);

/* Registers tests[] (NULL-terminated by name) as a suite. */
struct test_def { const char *name; CU_TestFunc fn; };
int tests_add_suite(const char *suite, const struct test_def *tests);

#endif
