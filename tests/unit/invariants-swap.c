// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the swap and migration invariants of harness/check.c, as
 * tests/unit/invariants.c does for the others: a valid state built through
 * the public API checks clean, is broken on purpose by poking the model's
 * internals, recorded as the model's write paths record theirs, and must
 * be reported under exactly that name by both checks (I3: a swap PTE
 * leads to an exclusive swap-cache page; I7: a swap PTE with the exclusive
 * bit shares its slot; swap: slot counts against swap PTEs, SWAP_HAS_CACHE
 * against the swap cache, leaked slots, PTEs without a device; rss:
 * MM_SWAPENTS; VM_WARN: a migration entry left behind).  The breakage is
 * undone and the state checks clean again.
 */
#include "tests/unit/model-helpers.h"

#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

static struct swap_info_struct *si0(struct sim *sim)
{
	assert_non_null(sim->swap_info[0]);
	return sim->swap_info[0];
}

/* A page of process 0 swapped out to the default swap file. */
static unsigned long swapped_page(struct sim *sim, uint64_t val, bool exclusive,
				  unsigned long *off)
{
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info in;

	assert_int_equal(sim_store(sim, 0, addr, val), 0);
	if (!exclusive) {
		int child = sim_fork(sim, 0);

		assert_true(child > 0);
		assert_int_equal(sim_exit(sim, child), 0);
	}
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.kind, SIM_PTE_SWAP);
	assert_int_equal(in.swp_exclusive, exclusive);
	*off = in.swp_offset;
	return addr;
}

static void i3_swap_pte_leads_to_exclusive_page(void **state)
{
	struct sim *sim = *state;
	unsigned long off;
	struct page *page;

	swapped_page(sim, 0x11, true, &off);
	page = si0(sim)->sim_cache[off];
	assert_non_null(page);
	assert_sim_clean(sim);
	SetPageAnonExclusive(page);
	assert_null(page_sim_bug(page));
	assert_only_violation(sim, SIM_V_I3);
	ClearPageAnonExclusive(page);
	assert_sim_clean(sim);
}

/* A KSM page in the swap cache is never exclusive: no I3 for it. */
static void i3_not_for_ksm_page(void **state)
{
	struct sim *sim = *state;
	unsigned long off;
	struct page *page;

	swapped_page(sim, 0x12, false, &off);
	page = si0(sim)->sim_cache[off];
	assert_sim_clean(sim);
	/* Not SetPageAnonExclusive(), whose precondition is PGFLAGS. */
	page->flags |= BIT(PG_anon_exclusive);
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_I3);
	page->mapping |= PAGE_MAPPING_MOVABLE;
	sim_touch_page(page);
	assert_true(PageKsm(page));
	assert_sim_clean(sim);
	page->mapping &= ~PAGE_MAPPING_MOVABLE;
	page->flags &= ~BIT(PG_anon_exclusive);
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void i7_exclusive_bit_on_shared_slot(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, off;
	pte_t *ptep;
	int child;

	addr = swapped_page(sim, 0x21, true, &off);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(swap_count(si0(sim)->swap_map[off]), 2);
	assert_sim_clean(sim);
	ptep = pte_of(sim, child, addr);
	set_pte_at(sim->mms[child], addr, ptep, pte_swp_mkexclusive(*ptep));
	assert_only_violation(sim, SIM_V_I7);
	set_pte_at(sim->mms[child], addr, ptep, pte_swp_clear_exclusive(*ptep));
	assert_sim_clean(sim);
	/* The parent's bit, which fork cleared, counts the same. */
	ptep = pte_of(sim, 0, addr);
	set_pte_at(sim->mms[0], addr, ptep, pte_swp_mkexclusive(*ptep));
	assert_only_violation(sim, SIM_V_I7);
	set_pte_at(sim->mms[0], addr, ptep, pte_swp_clear_exclusive(*ptep));
	assert_sim_clean(sim);
}

/* The bit on the slot's only user is fine; after fork it is not. */
static void i7_exclusive_bit_on_sole_user_is_valid(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, off;
	pte_t *ptep;

	addr = swapped_page(sim, 0x22, false, &off);
	ptep = pte_of(sim, 0, addr);
	set_pte_at(sim->mms[0], addr, ptep, pte_swp_mkexclusive(*ptep));
	assert_sim_clean(sim);
	assert_true(sim_fork(sim, 0) > 0);
	assert_false(pte_swp_exclusive(*pte_of(sim, 0, addr)));
	assert_sim_clean(sim);
}

static void swap_count_above_swap_ptes(void **state)
{
	struct sim *sim = *state;
	unsigned long off;

	swapped_page(sim, 0x31, false, &off);
	assert_sim_clean(sim);
	si0(sim)->swap_map[off]++;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_only_violation(sim, SIM_V_SWAP);
	si0(sim)->swap_map[off]--;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_sim_clean(sim);
}

static void swap_count_below_swap_ptes(void **state)
{
	struct sim *sim = *state;
	unsigned long off;
	int child;

	swapped_page(sim, 0x32, false, &off);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(si0(sim)->swap_map[off], 2 | SWAP_HAS_CACHE);
	assert_sim_clean(sim);
	si0(sim)->swap_map[off]--;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_only_violation(sim, SIM_V_SWAP);
	si0(sim)->swap_map[off]++;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_sim_clean(sim);
}

/* A shmem page written to swap: the mapping's entry, the PTE none. */
static struct address_space *shmem_swapped_page(struct sim *sim,
						unsigned long *off)
{
	struct address_space *mapping;
	unsigned long addr;

	assert_int_equal(sim_mmap_shmem(sim, 0, 1, PROT_READ | PROT_WRITE, true,
					&addr),
			 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x71), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 1), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_NONE);
	mapping = vma_lookup(sim->mms[0], addr)->vm_mapping;
	assert_true(mapping->swap[0].val != 0);
	*off = swp_offset(mapping->swap[0]);
	return mapping;
}

/* A shmem swap entry is a user of its slot, as a swap PTE is. */
static void swap_count_counts_shmem_entry(void **state)
{
	struct sim *sim = *state;
	struct address_space *mapping;
	unsigned long off;

	mapping = shmem_swapped_page(sim, &off);
	assert_int_equal(swap_count(si0(sim)->swap_map[off]), 1);
	assert_sim_clean(sim);
	si0(sim)->swap_map[off]++;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_only_violation(sim, SIM_V_SWAP);
	si0(sim)->swap_map[off]--;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_sim_clean(sim);
	assert_int_equal(swp_offset(mapping->swap[0]), off);
}

/* A shmem object that forgets its swap entry leaves a leaked slot. */
static void swap_shmem_entry_lost(void **state)
{
	struct sim *sim = *state;
	struct address_space *mapping;
	swp_entry_t entry;
	unsigned long off;

	mapping = shmem_swapped_page(sim, &off);
	assert_sim_clean(sim);
	entry = mapping->swap[0];
	mapping->swap[0].val = 0;
	sim_touch_shmem_swap(sim, entry, -1);
	assert_only_violation(sim, SIM_V_SWAP);
	mapping->swap[0] = entry;
	sim_touch_shmem_swap(sim, entry, 1);
	assert_sim_clean(sim);
}

static void swap_has_cache_without_cached_folio(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, off;

	/* A zram-like device frees the page: no swap cache. */
	assert_int_equal(sim_swapdev(sim, 0, true, false, false), 0);
	addr = swapped_page(sim, 0x41, true, &off);
	assert_int_equal(si0(sim)->swap_map[off], 1);
	assert_null(si0(sim)->sim_cache[off]);
	assert_sim_clean(sim);
	si0(sim)->swap_map[off] |= SWAP_HAS_CACHE;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_only_violation(sim, SIM_V_SWAP);
	si0(sim)->swap_map[off] &= ~SWAP_HAS_CACHE;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_sim_clean(sim);
	assert_int_equal(load_val(sim, 0, addr), 0x41);
}

static void swap_cached_folio_without_has_cache(void **state)
{
	struct sim *sim = *state;
	unsigned long off;

	swapped_page(sim, 0x42, true, &off);
	assert_non_null(si0(sim)->sim_cache[off]);
	assert_sim_clean(sim);
	si0(sim)->swap_map[off] &= ~SWAP_HAS_CACHE;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_only_violation(sim, SIM_V_SWAP);
	si0(sim)->swap_map[off] |= SWAP_HAS_CACHE;
	sim_touch_slot(sim, swp_entry(0, off));
	assert_sim_clean(sim);
}

/* The cache forgets its folio: the slot says cached, the folio leaks. */
static void swap_cache_entry_lost(void **state)
{
	struct sim *sim = *state;
	struct violations vs[NR_CHECK_MODES];
	unsigned long off;
	struct page *page;
	int mode;

	swapped_page(sim, 0x43, true, &off);
	assert_sim_clean(sim);
	page = si0(sim)->sim_cache[off];
	si0(sim)->sim_cache[off] = NULL;
	sim_touch_cache(sim, page, NULL);
	sim_touch_slot(sim, swp_entry(0, off));
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		if (vs[mode].n != 2)
			violations_print(&vs[mode]);
		assert_int_equal(vs[mode].n, 2);
		assert_int_equal(violations_count(&vs[mode], SIM_V_SWAP), 1);
		assert_int_equal(violations_count(&vs[mode], SIM_V_LEAK), 1);
	}
	si0(sim)->sim_cache[off] = page;
	sim_touch_cache(sim, NULL, page);
	sim_touch_slot(sim, swp_entry(0, off));
	assert_sim_clean(sim);
}

static void swap_cached_folio_without_pg_swapcache(void **state)
{
	struct sim *sim = *state;
	unsigned long off;
	struct folio *folio;

	swapped_page(sim, 0x44, true, &off);
	folio = page_folio(si0(sim)->sim_cache[off]);
	assert_true(folio_test_swapcache(folio));
	assert_sim_clean(sim);
	folio_clear_swapcache(folio);
	assert_only_violation(sim, SIM_V_SWAP);
	folio_set_swapcache(folio);
	assert_sim_clean(sim);
	/* The folio must name its own slot. */
	folio->private = swp_entry(0, off + 1).val;
	sim_touch_page(&folio->page);
	assert_only_violation(sim, SIM_V_SWAP);
	folio->private = swp_entry(0, off).val;
	sim_touch_page(&folio->page);
	assert_sim_clean(sim);
}

/* A slot in use that no swap PTE and no cache refers to: leaked. */
static void swap_leaked_slot(void **state)
{
	struct sim *sim = *state;
	struct violations vs[NR_CHECK_MODES];
	unsigned long off;
	int mode;

	swapped_page(sim, 0x51, true, &off);
	assert_sim_clean(sim);
	/* Only the slots looked at so far have room (swap_slot_room()). */
	swap_slot_room(sim, si0(sim), off + 1);
	si0(sim)->swap_map[off + 1] = 1;
	sim_touch_slot(sim, swp_entry(0, off + 1));
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(vs[mode].n, 1);
		assert_int_equal(vs[mode].ids[0], SIM_V_SWAP);
		assert_non_null(
			strstr(vs[mode].msg[0], "count 1 but 0 swap PTEs"));
	}
	si0(sim)->swap_map[off + 1] = 0;
	sim_touch_slot(sim, swp_entry(0, off + 1));
	assert_sim_clean(sim);
}

/* A swap PTE whose device does not exist. */
static void swap_pte_without_device(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	struct mm_struct *mm = sim->mms[0];
	pte_t *ptep;

	assert_int_equal(sim_store(sim, 0, addr, 0x52), 0);
	ptep = pte_of(sim, 0, addr + PAGE_SIZE);
	assert_true(pte_none(*ptep));
	assert_sim_clean(sim);
	set_pte_at(mm, addr + PAGE_SIZE, ptep,
		   swp_entry_to_pte(swp_entry(3, 1)));
	/* Not counted as a swap entry of any device: MM_SWAPENTS is 0. */
	assert_only_violation(sim, SIM_V_SWAP);
	set_pte_at(mm, addr + PAGE_SIZE, ptep, __pte(0));
	assert_int_equal(mm->rss_stat[MM_SWAPENTS], 0);
	assert_sim_clean(sim);
}

static void rss_swapents_off_by_one(void **state)
{
	struct sim *sim = *state;
	struct mm_struct *mm = sim->mms[0];
	unsigned long off;

	swapped_page(sim, 0x61, true, &off);
	assert_int_equal(mm->rss_stat[MM_SWAPENTS], 1);
	assert_sim_clean(sim);
	inc_mm_counter(mm, MM_SWAPENTS);
	assert_only_violation(sim, SIM_V_RSS);
	add_mm_counter(mm, MM_SWAPENTS, -2);
	assert_only_violation(sim, SIM_V_RSS);
	inc_mm_counter(mm, MM_SWAPENTS);
	assert_sim_clean(sim);
}

/* Counts per mm: a child's swap PTE is not the parent's. */
static void rss_swapents_per_mm(void **state)
{
	struct sim *sim = *state;
	struct violations vs[NR_CHECK_MODES];
	unsigned long off;
	int child, mode;

	swapped_page(sim, 0x62, true, &off);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_sim_clean(sim);
	inc_mm_counter(sim->mms[0], MM_SWAPENTS);
	dec_mm_counter(sim->mms[child], MM_SWAPENTS);
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(vs[mode].n, 2);
		assert_int_equal(violations_count(&vs[mode], SIM_V_RSS), 2);
	}
	dec_mm_counter(sim->mms[0], MM_SWAPENTS);
	inc_mm_counter(sim->mms[child], MM_SWAPENTS);
	assert_sim_clean(sim);
}

/*
 * A migration entry must not outlive the operation that made it.  While
 * it exists the page is held only by the migration (the caller's
 * isolation reference) and no present PTE maps it, so "leak" and "rss"
 * see it too; VM_WARN names the cause.
 */
static void vm_warn_migration_entry_left(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct violations vs[NR_CHECK_MODES];
	struct folio *folio;
	pte_t *ptep;
	int mode;

	assert_int_equal(sim_store(sim, 0, addr, 0x71), 0);
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, addr);
	folio = page_folio(pfn_to_page(sim, pte_pfn(*ptep)));
	folio_get(folio);
	folio_clear_lru(folio);
	assert_true(try_to_migrate(folio));
	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(violations_count(&vs[mode], SIM_V_VM_WARN), 1);
		assert_non_null(
			strstr(vs[mode].msg[0], "migration entry left"));
	}
	remove_migration_ptes(folio, folio);
	folio_set_lru(folio);
	folio_put(folio);
	assert_sim_clean(sim);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_true(query_pte(sim, 0, addr).writable);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(i3_swap_pte_leads_to_exclusive_page),
		test_with_sim(i3_not_for_ksm_page),
		test_with_sim(i7_exclusive_bit_on_shared_slot),
		test_with_sim(i7_exclusive_bit_on_sole_user_is_valid),
		test_with_sim(swap_count_above_swap_ptes),
		test_with_sim(swap_count_below_swap_ptes),
		test_with_sim(swap_count_counts_shmem_entry),
		test_with_sim(swap_shmem_entry_lost),
		test_with_sim(swap_has_cache_without_cached_folio),
		test_with_sim(swap_cached_folio_without_has_cache),
		test_with_sim(swap_cache_entry_lost),
		test_with_sim(swap_cached_folio_without_pg_swapcache),
		test_with_sim(swap_leaked_slot),
		test_with_sim(swap_pte_without_device),
		test_with_sim(rss_swapents_off_by_one),
		test_with_sim(rss_swapents_per_mm),
		test_with_sim(vm_warn_migration_entry_left),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
