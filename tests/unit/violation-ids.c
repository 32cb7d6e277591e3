// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the table of violation ids (harness/violation.c): every id has a
 * name and a class, no two share a name, and the checker leaves out the
 * rules of the PG_anon_exclusive design under a policy without it.
 */
#include "tests/unit/helpers.h"

#include "harness/harness.h"
#include "harness/policy.h"

static void every_id_has_a_name_and_a_class(void **state)
{
	int id;

	(void)state;
	for (id = 0; id < NR_SIM_VIOLATIONS; id++) {
		enum sim_violation_class class = sim_violation_class(id);

		assert_non_null(sim_violation_name(id));
		assert_true(sim_violation_name(id)[0] != '\0');
		assert_true(class == SIM_VC_INVARIANT ||
			    class == SIM_VC_PROPERTY ||
			    class == SIM_VC_WARNING);
		assert_int_equal(sim_violation_is_property(id),
				 class == SIM_VC_PROPERTY);
	}
}

static void names_are_unique(void **state)
{
	int a, b;

	(void)state;
	for (a = 0; a < NR_SIM_VIOLATIONS; a++)
		for (b = a + 1; b < NR_SIM_VIOLATIONS; b++)
			assert_string_not_equal(sim_violation_name(a),
						sim_violation_name(b));
}

static void no_id_has_no_name(void **state)
{
	(void)state;
	assert_null(sim_violation_name(NR_SIM_VIOLATIONS));
	assert_null(sim_violation_name((enum sim_violation_id) - 1));
	assert_int_equal(sim_violation_class(NR_SIM_VIOLATIONS), 0);
	assert_false(sim_violation_is_property(NR_SIM_VIOLATIONS));
}

/* The names the scenario runner prints, which the corpus output pins. */
static void names_and_classes_of_some_ids(void **state)
{
	(void)state;
	assert_string_equal(sim_violation_name(SIM_V_I1), "I1");
	assert_string_equal(sim_violation_name(SIM_V_I10), "I10");
	assert_string_equal(sim_violation_name(SIM_V_PT_MM), "pt_mm");
	assert_string_equal(sim_violation_name(SIM_V_PROP_STALE),
			    "property pin coherence (STALE)");
	assert_int_equal(sim_violation_class(SIM_V_LEAK), SIM_VC_INVARIANT);
	assert_int_equal(sim_violation_class(SIM_V_PROP_LEAK), SIM_VC_PROPERTY);
	assert_int_equal(sim_violation_class(SIM_V_VM_WARN), SIM_VC_WARNING);
	assert_int_equal(sim_violation_class(SIM_V_PGFLAGS), SIM_VC_WARNING);
}

static struct sim_policy policy(const char *spec)
{
	struct sim_policy p;
	char err[160];

	assert_int_equal(sim_policy_parse(spec, &p, err, sizeof(err)), 0);
	return p;
}

static void design_rules_follow_the_policy(void **state)
{
	const enum sim_violation_id ae[] = { SIM_V_I1, SIM_V_I2, SIM_V_I3,
					     SIM_V_I4, SIM_V_I6 };
	struct sim_policy v57 = policy("v5.7");
	struct sim_policy no_swp = policy("v5.19,swp_exclusive=off");
	struct sim_policy latest = policy("latest");
	size_t i;
	int id;

	(void)state;
	for (i = 0; i < sizeof(ae) / sizeof(ae[0]); i++) {
		assert_false(sim_violation_checked(&v57, ae[i]));
		assert_true(sim_violation_checked(&no_swp, ae[i]));
	}
	assert_false(sim_violation_checked(&v57, SIM_V_I7));
	assert_false(sim_violation_checked(&no_swp, SIM_V_I7));
	assert_true(sim_violation_checked(&v57, SIM_V_I5));
	assert_true(sim_violation_checked(&v57, SIM_V_PT_MM));
	assert_true(sim_violation_checked(&v57, SIM_V_VM_WARN));
	for (id = 0; id < NR_SIM_VIOLATIONS; id++)
		assert_true(sim_violation_checked(&latest, id));
	assert_false(sim_violation_checked(&latest, NR_SIM_VIOLATIONS));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_id_has_a_name_and_a_class),
		cmocka_unit_test(names_are_unique),
		cmocka_unit_test(no_id_has_no_name),
		cmocka_unit_test(names_and_classes_of_some_ids),
		cmocka_unit_test(design_rules_follow_the_policy),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
