// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests clear-refs soft-dirty (fs/proc/task_mmu.c: clear_refs_write) and
 * the soft-dirty invariant of harness/check.c: after sim_clear_refs a
 * written page's PTE is write-protected and not soft-dirty, the VMA has
 * tracking on, and the page stays exclusive; a write reuses it and makes
 * the PTE writable and soft-dirty again.  A writable PTE that is not
 * soft-dirty while tracking is on, poked as the model's write paths do
 * (set_pte_at), must be reported as soft-dirty by both checks.  A new VMA
 * is soft-dirty as a whole; bad arguments fail.
 */
#include <errno.h>

#include "tests/unit/model-helpers.h"

#include "linux/sim_machine.h"
#include "linux/mm.h"

static void clear_refs_write_protects_and_write_reuses(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info in;
	unsigned long pfn;

	assert_int_equal(sim_store(sim, 0, addr, 0x11), 0);
	in = query_pte(sim, 0, addr);
	assert_true(in.writable && in.soft_dirty && in.exclusive);
	pfn = in.pfn;
	assert_int_equal(sim_clear_refs(sim, 0, SIM_CLEAR_REFS_SOFT_DIRTY), 0);
	assert_true(vma_soft_dirty_enabled(vma_lookup(sim->mms[0], addr)));
	in = query_pte(sim, 0, addr);
	assert_false(in.writable);
	assert_false(in.soft_dirty);
	assert_true(in.exclusive);
	assert_sim_clean(sim);
	assert_int_equal(sim_store(sim, 0, addr, 0x22), 0);
	in = query_pte(sim, 0, addr);
	assert_true(in.writable && in.soft_dirty && in.exclusive);
	assert_int_equal(in.pfn, pfn);
	assert_sim_clean(sim);
}

static void writable_pte_not_soft_dirty_while_tracking(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	pte_t *ptep, old;

	assert_int_equal(sim_store(sim, 0, addr, 0x11), 0);
	assert_int_equal(sim_clear_refs(sim, 0, SIM_CLEAR_REFS_SOFT_DIRTY), 0);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	old = *ptep;
	set_pte_at(sim->mms[0], addr, ptep, pte_mkwrite_novma(old));
	assert_only_violation(sim, SIM_V_SOFT_DIRTY);
	set_pte_at(sim->mms[0], addr, ptep, old);
	assert_sim_clean(sim);
}

static void new_vma_is_soft_dirty(void **state)
{
	struct sim *sim = *state;
	unsigned long a = map_rw(sim, 0, 1), b;

	assert_int_equal(sim_clear_refs(sim, 0, SIM_CLEAR_REFS_SOFT_DIRTY), 0);
	b = map_rw(sim, 0, 1);
	assert_false(query_pte(sim, 0, a).soft_dirty);
	assert_true(query_pte(sim, 0, b).soft_dirty);
	assert_false(vma_soft_dirty_enabled(vma_lookup(sim->mms[0], b)));
}

static void clear_refs_bad_arguments(void **state)
{
	struct sim *sim = *state;

	assert_int_equal(sim_clear_refs(sim, 0, 1), -EINVAL);
	assert_int_equal(sim_clear_refs(sim, 7, SIM_CLEAR_REFS_SOFT_DIRTY),
			 -ESRCH);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(clear_refs_write_protects_and_write_reuses),
		test_with_sim(writable_pte_not_soft_dirty_while_tracking),
		test_with_sim(new_vma_is_soft_dirty),
		test_with_sim(clear_refs_bad_arguments),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
