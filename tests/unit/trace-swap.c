// SPDX-License-Identifier: GPL-2.0-only
/*
 * The trace must say what the model did.  Under a policy without the
 * swap-PTE exclusive bit (swp_exclusive=off) try_to_unmap_one does not set
 * it, so its trace line must not claim "(exclusive bit)".
 */
#include "tests/unit/helpers.h"

struct seen {
	int unmap_lines;
	int claims_bit;
};

static void watch(void *ctx, const char *msg)
{
	struct seen *s = ctx;

	if (!strstr(msg, "try_to_unmap_one:"))
		return;
	s->unmap_lines++;
	if (strstr(msg, "exclusive bit"))
		s->claims_bit++;
}

static void unmap_trace_matches_swap_pte(void **state)
{
	struct sim *sim = *state;
	struct seen s = { 0 };
	struct sim_pte_info in;
	unsigned long addr;

	assert_int_equal(sim_set_policy(sim, "latest,swp_exclusive=off"), 0);
	addr = map_rw(sim, 0, 1);
	assert_int_equal(sim_store(sim, 0, addr, 0x11), 0);
	sim_set_trace(sim, watch, &s);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.kind, SIM_PTE_SWAP);
	assert_false(in.swp_exclusive);
	assert_int_equal(s.unmap_lines, 1);
	/* It once said "(exclusive bit)" for a PTE without it. */
	assert_int_equal(s.claims_bit, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(unmap_trace_matches_swap_pte),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
