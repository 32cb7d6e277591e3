// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests mlock(2) and munlock(2) in the model (mm/mlock.c, the population
 * in mm/gup.c): VM_LOCKED on exactly the range (VMAs split at its edges),
 * population with write faults that break COW after fork in a private
 * writable mapping and read faults elsewhere, fork not inheriting the
 * lock, MADV_PAGEOUT, MADV_COLD and MADV_DONTNEED refusing a locked VMA,
 * reclaim leaving a locked page mapped, and munlock undoing the lock.
 */
#include <signal.h>

#include "tests/unit/model-helpers.h"

#include "linux/swap.h"

static struct vm_area_struct *vma_at(struct sim *sim, int mm,
				     unsigned long addr)
{
	struct vm_area_struct *vma = vma_lookup(sim->mms[mm], addr);

	assert_non_null(vma);
	return vma;
}

static bool locked(struct sim *sim, int mm, unsigned long addr)
{
	return vma_at(sim, mm, addr)->vm_flags & VM_LOCKED;
}

static void mlock_middle_page_splits_vma(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 3);
	struct vm_area_struct *vma;

	assert_int_equal(sim_mlock(sim, 0, addr + PAGE_SIZE, 1, true), 0);
	assert_int_equal(sim->mms[0]->map_count, 3);
	assert_false(locked(sim, 0, addr));
	assert_true(locked(sim, 0, addr + PAGE_SIZE));
	assert_false(locked(sim, 0, addr + 2 * PAGE_SIZE));
	vma = vma_at(sim, 0, addr + PAGE_SIZE);
	assert_int_equal(vma->vm_start, addr + PAGE_SIZE);
	assert_int_equal(vma->vm_end, addr + 2 * PAGE_SIZE);
	/* The protection is untouched. */
	assert_true(vma->vm_flags & VM_WRITE);
	assert_sim_clean(sim);
}

/* Private writable: write faults, so every page is a new exclusive page. */
static void mlock_populates_writable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	struct sim_pte_info info;
	int i;

	assert_int_equal(sim_mlock(sim, 0, addr, 2, true), 0);
	for (i = 0; i < 2; i++) {
		info = query_pte(sim, 0, addr + i * PAGE_SIZE);
		assert_int_equal(info.kind, SIM_PTE_PRESENT);
		assert_true(info.writable);
		assert_true(info.exclusive);
	}
	assert_sim_clean(sim);
}

/* Read-only: read faults, which map the shared zero page. */
static void mlock_populates_readonly_with_zero_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_anon(sim, 0, 1, PROT_READ);

	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_ZEROPAGE);
	assert_true(locked(sim, 0, addr));
	assert_sim_clean(sim);
}

/*
 * After fork both map the page R/O; the parent's mlock write-faults it:
 * the parent gets an exclusive copy, the child keeps the original.
 */
static void mlock_after_fork_breaks_cow(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info parent, child;
	unsigned long copies;
	int c;

	assert_int_equal(sim_store(sim, 0, addr, 0x11), 0);
	c = sim_fork(sim, 0);
	assert_true(c > 0);
	assert_int_equal(query_pte(sim, 0, addr).mapcount, 2);
	copies = sim_event_count(sim, SIM_COW_COPY);
	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), 0);
	assert_int_equal(sim_event_count(sim, SIM_COW_COPY), copies + 1);
	parent = query_pte(sim, 0, addr);
	child = query_pte(sim, c, addr);
	assert_true(parent.pfn != child.pfn);
	assert_true(parent.writable && parent.exclusive);
	assert_int_equal(parent.mapcount, 1);
	assert_int_equal(child.mapcount, 1);
	assert_false(child.writable);
	assert_int_equal(load_val(sim, 0, addr), 0x11);
	assert_int_equal(load_val(sim, c, addr), 0x11);
	assert_sim_clean(sim);
}

/* dup_mmap clears VM_LOCKED in the child: it can page out. */
static void fork_child_not_locked(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	int c;

	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), 0);
	c = sim_fork(sim, 0);
	assert_true(c > 0);
	assert_true(locked(sim, 0, addr));
	assert_false(locked(sim, c, addr));
	assert_int_equal(sim_store(sim, c, addr, 0x22), 0);
	assert_int_equal(sim_swapout(sim, c, addr, 1), 0);
	assert_int_equal(query_pte(sim, c, addr).kind, SIM_PTE_SWAP);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	assert_sim_clean(sim);
}

/* can_madv_lru_vma, madvise_dontneed_free_valid_vma. */
static void madvise_on_locked_is_einval(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);

	assert_int_equal(sim_store(sim, 0, addr, 0x33), 0);
	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), -EINVAL);
	assert_int_equal(sim_madvise(sim, 0, addr, 1, MADV_COLD), -EINVAL);
	assert_int_equal(sim_madvise(sim, 0, addr, 1, MADV_DONTNEED), -EINVAL);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	assert_int_equal(load_val(sim, 0, addr), 0x33);
	assert_sim_clean(sim);
}

/* Reclaim reaching a locked page leaves it mapped (try_to_unmap_one). */
static void reclaim_keeps_locked_page_mapped(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct folio *folio;

	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), 0);
	folio = page_folio(page_at(sim, 0, addr));
	/* Isolate it, as the LRU scan would. */
	folio_get(folio);
	folio_clear_lru(folio);
	assert_int_equal(reclaim_pages(sim, &folio, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_sim_clean(sim);
}

static void munlock_clears_flag_and_allows_pageout(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);

	assert_int_equal(sim_mlock(sim, 0, addr, 2, true), 0);
	assert_int_equal(sim_mlock(sim, 0, addr, 1, false), 0);
	assert_false(locked(sim, 0, addr));
	assert_true(locked(sim, 0, addr + PAGE_SIZE));
	/* munlock leaves the pages mapped. */
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_SWAP);
	assert_int_equal(sim_swapout(sim, 0, addr + PAGE_SIZE, 1), -EINVAL);
	assert_sim_clean(sim);
}

static void mlock_hole_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long high = map_rw(sim, 0, 1), low = map_rw(sim, 0, 1);

	assert_true(low + PAGE_SIZE < high);
	assert_int_equal(sim_mlock(sim, 0, high - PAGE_SIZE, 2, true), -ENOMEM);
	assert_false(locked(sim, 0, high));
	assert_int_equal(sim_mlock(sim, 0, high, 1, false), 0);
	assert_int_equal(sim_mlock(sim, 0, high, 2, false), -ENOMEM);
	assert_sim_clean(sim);
}

/* PROT_NONE is locked but cannot be populated: -EFAULT becomes -ENOMEM. */
static void mlock_prot_none_is_enomem(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_anon(sim, 0, 1, PROT_NONE);

	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), -ENOMEM);
	assert_true(locked(sim, 0, addr));
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	assert_sim_clean(sim);
}

/* A swapped-out page is faulted back in. */
static void mlock_swaps_in(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	assert_int_equal(sim_store(sim, 0, addr, 0x44), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_SWAP);
	assert_int_equal(sim_mlock(sim, 0, addr, 1, true), 0);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_true(info.writable && info.exclusive);
	assert_int_equal(load_val(sim, 0, addr), 0x44);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(mlock_middle_page_splits_vma),
		test_with_sim(mlock_populates_writable),
		test_with_sim(mlock_populates_readonly_with_zero_page),
		test_with_sim(mlock_after_fork_breaks_cow),
		test_with_sim(fork_child_not_locked),
		test_with_sim(madvise_on_locked_is_einval),
		test_with_sim(reclaim_keeps_locked_page_mapped),
		test_with_sim(munlock_clears_flag_and_allows_pageout),
		test_with_sim(mlock_hole_is_enomem),
		test_with_sim(mlock_prot_none_is_enomem),
		test_with_sim(mlock_swaps_in),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
