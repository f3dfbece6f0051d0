/* SPDX-License-Identifier: GPL-2.0-only */
/* The verb table and the dispatch agree: every verb id has its row, and
 * exactly one handler, of the kind its row says (agent or coordinator). */
#include <string.h>
#include "engine/dispatch.h"
#include "lang/verbs.h"
#include "tests/tests.h"

static void test_rows_by_id(void)
{
	for (int id = 0; id < VERB_COUNT; id++) {
		const struct verb *v = &verb_table[id];

		if (!v->name || v->id != (enum verb_id)id)
			TEST_FAILF("verb id %d: row %s has id %d", id, v->name ? v->name : "(none)", (int)v->id);
	}
	CU_ASSERT_PTR_NULL(verb_table[VERB_COUNT].name);
}

static void test_one_handler_each(void)
{
	for (int id = 0; id < VERB_COUNT; id++) {
		const struct verb *v = &verb_table[id];
		bool agent = dispatch_agent((enum verb_id)id) != NULL;
		bool coord = dispatch_coord((enum verb_id)id) != NULL;

		if (agent == coord)
			TEST_FAILF("verb %s: %s", v->name, agent ? "two handlers" : "no handler");
		else if (agent != (v->where == VERB_IN_AGENT))
			TEST_FAILF("verb %s runs in the %s but its handler is the %s's", v->name,
				   v->where == VERB_IN_AGENT ? "agent" : "coordinator", agent ? "agent" : "coordinator");
	}
	CU_ASSERT_PTR_NULL(dispatch_agent(VERB_COUNT));
	CU_ASSERT_PTR_NULL(dispatch_coord(VERB_COUNT));
	CU_ASSERT_PTR_NULL(dispatch_coord((enum verb_id)-1));
}

/* A host has no process to answer: host verbs run in the coordinator. */
static void test_where_fits_the_schema(void)
{
	for (const struct verb *v = verb_table; v->name; v++)
		if (v->subject == SUBJ_HOST && v->where != VERB_IN_COORD)
			TEST_FAILF("host verb %s must run in the coordinator", v->name);
}

int test_dispatch_register(void)
{
	static const struct test_def tests[] = {
		{ "every verb id has its row", test_rows_by_id },
		{ "every verb has exactly one handler, of its kind", test_one_handler_each },
		{ "host verbs run in the coordinator", test_where_fits_the_schema },
		{ NULL, NULL },
	};

	return tests_add_suite("dispatch", tests);
}
