// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the page-table walker (mm/pagewalk.c): pte_entry sees every PTE
 * of an existing PTE table, none ones included; a PMD-sized block with no
 * PTE table is one depth-3 hole; a gap between VMAs is a depth -1 hole
 * with walk->vma NULL; the first nonzero return ends the walk and is
 * returned; ranges the kernel refuses are -EINVAL.
 */
#include "tests/unit/helpers.h"

#include "linux/mm.h"
#include "linux/pagewalk.h"
#include "linux/sim_machine.h"

struct tally {
	unsigned long ptes, present, first, last;
	unsigned long holes[2], hole_bytes[2]; /* [0]: depth -1, [1]: 3 */
	unsigned long stop_after;
	bool hole_had_vma;
};

static int count_pte(pte_t *pte, unsigned long addr, unsigned long next,
		     struct mm_walk *walk)
{
	struct tally *t = walk->private;

	assert_int_equal(next, addr + PAGE_SIZE);
	assert_ptr_equal(pte, pte_offset_map(walk->mm, addr));
	assert_true(walk->vma && addr >= walk->vma->vm_start &&
		    addr < walk->vma->vm_end);
	if (!t->ptes++)
		t->first = addr;
	t->last = addr;
	if (pte_present(*pte))
		t->present++;
	return t->ptes == t->stop_after ? 7 : 0;
}

static int count_hole(unsigned long addr, unsigned long next, int depth,
		      struct mm_walk *walk)
{
	struct tally *t = walk->private;

	assert_true(depth == -1 || depth == 3);
	assert_true(addr < next);
	t->holes[depth == 3]++;
	t->hole_bytes[depth == 3] += next - addr;
	if (depth == -1 && walk->vma)
		t->hole_had_vma = true;
	return 0;
}

static const struct mm_walk_ops tally_ops = {
	.pte_entry = count_pte,
	.pte_hole = count_hole,
};

/* 4 MiB: two PTE tables' worth, of which only the first is populated. */
static void table_and_missing_table(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1024);
	struct vm_area_struct *vma = vma_lookup(sim->mms[0], addr);
	struct tally t = { 0 };

	assert_int_equal(addr & ~PMD_MASK, 0);
	assert_int_equal(sim_store(sim, 0, addr + 5 * PAGE_SIZE, 1), 0);
	assert_int_equal(walk_page_vma(vma, &tally_ops, &t), 0);
	assert_int_equal(t.ptes, PTRS_PER_PTE);
	assert_int_equal(t.present, 1);
	assert_int_equal(t.first, addr);
	assert_int_equal(t.last, addr + PMD_SIZE - PAGE_SIZE);
	assert_int_equal(t.holes[0], 0);
	assert_int_equal(t.holes[1], 1);
	assert_int_equal(t.hole_bytes[1], PMD_SIZE);
}

static void gaps_between_vmas(void **state)
{
	struct sim *sim = *state;
	unsigned long high = map_rw(sim, 0, 1), low = map_rw(sim, 0, 1);
	struct tally t = { 0 };

	assert_int_equal(sim_store(sim, 0, low, 1), 0);
	assert_int_equal(sim_store(sim, 0, high, 2), 0);
	/* A page of gap before @low, then low, the gap, high, a page. */
	assert_int_equal(walk_page_range(sim->mms[0], low - PAGE_SIZE,
					 high + 2 * PAGE_SIZE, &tally_ops, &t),
			 0);
	assert_int_equal(t.ptes, 2);
	assert_int_equal(t.present, 2);
	assert_int_equal(t.holes[0], 3);
	assert_int_equal(t.hole_bytes[0], high + 2 * PAGE_SIZE -
						  (low - PAGE_SIZE) -
						  2 * PAGE_SIZE);
	assert_false(t.hole_had_vma);
}

static void nonzero_return_stops(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 8);
	struct vm_area_struct *vma = vma_lookup(sim->mms[0], addr);
	struct tally t = { .stop_after = 3 };

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(walk_page_range(sim->mms[0], addr,
					 addr + 8 * PAGE_SIZE, &tally_ops, &t),
			 7);
	assert_int_equal(t.ptes, 3);
	assert_int_equal(t.last, addr + 2 * PAGE_SIZE);
	t = (struct tally){ .stop_after = 2 };
	assert_int_equal(walk_page_vma(vma, &tally_ops, &t), 7);
	assert_int_equal(t.ptes, 2);
}

static void refused_ranges(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	struct vm_area_struct *vma = vma_lookup(sim->mms[0], addr);
	struct tally t = { 0 };

	assert_int_equal(walk_page_range(sim->mms[0], addr, addr, &tally_ops,
					 &t),
			 -EINVAL);
	assert_int_equal(walk_page_range_vma(vma, addr, addr + 3 * PAGE_SIZE,
					     &tally_ops, &t),
			 -EINVAL);
	assert_int_equal(walk_page_range_vma(vma, addr - PAGE_SIZE,
					     addr + PAGE_SIZE, &tally_ops, &t),
			 -EINVAL);
	assert_int_equal(t.ptes + t.holes[0] + t.holes[1], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(table_and_missing_table),
		test_with_sim(gaps_between_vmas),
		test_with_sim(nonzero_return_stops),
		test_with_sim(refused_ranges),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
