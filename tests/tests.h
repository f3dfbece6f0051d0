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
int test_wire_register(void);
int test_dispatch_register(void);
int test_case_files_register(void);
int test_mutate_register(void);
int test_mutate_run_register(void);

/* A failed assertion with a formatted message (CU_FAIL would print its
 * argument's source text; CUnit copies the message). */
#define TEST_FAILF(...)                                                         \
	do {                                                                    \
		char msg_[16384];                                               \
		snprintf(msg_, sizeof(msg_), __VA_ARGS__);                      \
		CU_assertImplementation(CU_FALSE, __LINE__, msg_, __FILE__, "", CU_FALSE); \
	} while (0)

/* Whether this machine has what a freezer method needs (a cgroup2 mount, or
 * a cgroup v1 mount with the freezer controller; SIGSTOP always), read from
 * /proc/self/mountinfo without the code under test. A test of an absent
 * method says so on stderr and passes over it: a machine with only cgroup v2
 * (Debian 12's default) has no v1 freezer to test. A present one must work. */
bool test_freezer_present(int method);
/* test_freezer_present, and if absent says so: "(no cgroup v1 freezer here: not tested)". */
bool test_freezer_skip(int method);

/* Registers every suite, runs them, prints CUnit's summary. Returns the exit
 * status: 0 when every test that ran passed. */
int tests_run(int (*const registers[])(void), size_t n);

/* Registers tests[] (NULL-terminated by name) as a suite. */
struct test_def { const char *name; CU_TestFunc fn; };
int tests_add_suite(const char *suite, const struct test_def *tests);

#endif
