// SPDX-License-Identifier: GPL-2.0-only
/*
 * sim_equal() and sim_hash() must see everything that decides what the
 * state does next.  The swap device's slow-writeback setting does: the
 * same MADV_PAGEOUT leaves PG_writeback set on one device and not on the
 * other.  Two states equal before the same operation must stay equal.
 */
#include "tests/unit/helpers.h"

#include "linux/mm.h"
#include "linux/sim_machine.h"

static void equal_states_stay_equal_under_swapout(void **state)
{
	struct sim *a = *state, *b = sim_create();
	unsigned long addr_a, addr_b;

	assert_non_null(b);
	assert_int_equal(sim_swapdev(a, 0, false, false, false), 0);
	assert_int_equal(sim_swapdev(b, 0, false, false, true), 0);
	addr_a = map_rw(a, 0, 1);
	addr_b = map_rw(b, 0, 1);
	assert_int_equal(addr_a, addr_b);
	assert_int_equal(sim_store(a, 0, addr_a, 0x11), 0);
	assert_int_equal(sim_store(b, 0, addr_b, 0x11), 0);
	if (sim_equal(a, b)) {
		assert_int_equal(sim_swapout(a, 0, addr_a, 1), 0);
		assert_int_equal(sim_swapout(b, 0, addr_b, 1), 0);
		/* Only b's page would still be under writeback. */
		assert_true(sim_equal(a, b));
	}
	sim_destroy(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(equal_states_stay_equal_under_swapout),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
