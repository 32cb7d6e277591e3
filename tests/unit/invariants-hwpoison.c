// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests the hwpoison invariant of harness/check.c, as tests/unit/
 * invariants.c does for the others: a state built through the public API
 * (sim_poison) checks clean, is broken on purpose the way the model's own
 * paths write (set_pte_at, the page-flag accessors, sim_touch_page), and
 * must be reported as hwpoison, and only that, by both checks
 * (assert_only_violation): a poisoned page mapped by a present PTE, a
 * poisoned page free in the allocator, a poisoned KSM page still mapped
 * (what KSM merging into it would leave), a hwpoison
 * entry naming a page that is not poisoned.  The breakage is undone and
 * the state checks clean again.  It also tests what memory failure leaves:
 * the caller's signal, the hwpoison entry, the page held for good, a
 * shmem page kept in the page cache.
 */
#include <signal.h>

#include "tests/unit/model-helpers.h"

#include "linux/huge_mm.h"
#include "linux/swapops.h"
#include "linux/sim_machine.h"

/* A written page of process 0 at the returned address. */
static unsigned long written_page(struct sim *sim, uint64_t val)
{
	unsigned long addr = map_rw(sim, 0, 1);

	assert_int_equal(sim_store(sim, 0, addr, val), 0);
	return addr;
}

static void poison_leaves_entry_and_signals_caller(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x11), n = 0;
	unsigned long pfn = page_to_pfn(page_at(sim, 0, addr));
	struct sim_pte_info info;

	assert_int_equal(sim_poison(sim, 0, addr),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_HWPOISON);
	assert_true(info.poisoned);
	assert_int_equal(info.pfn, pfn);
	assert_int_equal(sim_sigbus_count(sim, 0, BUS_MCEERR_AR, &n), 0);
	assert_int_equal(n, 1);
	assert_true(PageHWPoison(pfn_to_page(sim, pfn)));
	assert_sim_clean(sim);
}

/* memory_failure keeps its reference: nothing leaks, nothing is freed. */
static void poisoned_page_held_after_exit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x12);
	struct page *page = page_at(sim, 0, addr);

	assert_int_equal(sim_poison(sim, 0, addr),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_int_equal(sim_exit(sim, 0), 0);
	assert_false(PageBuddy(page));
	assert_int_equal(page->_refcount, 1);
	assert_sim_clean(sim);
	assert_int_equal(sim_teardown(sim), 0);
}

static void poisoned_page_mapped_present(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x13);
	struct page *page = page_at(sim, 0, addr);

	assert_sim_clean(sim);
	/* As memory_failure would, but leaving the PTE present. */
	SetPageHWPoison(page);
	page->_refcount++;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_HWPOISON);
	ClearPageHWPoison(page);
	page->_refcount--;
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void poisoned_page_free_in_allocator(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x14);
	struct page *page = page_at(sim, 0, addr);

	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_true(PageBuddy(page));
	assert_sim_clean(sim);
	page->flags |= BIT(PG_hwpoison);
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_HWPOISON);
	page->flags &= ~BIT(PG_hwpoison);
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void poisoned_ksm_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 2);
	struct page *page;

	assert_int_equal(sim_store(sim, 0, addr, 0x15), 0);
	assert_int_equal(sim_store(sim, 0, addr + PAGE_SIZE, 0x15), 0);
	assert_int_equal(sim_madvise(sim, 0, addr, 2, MADV_MERGEABLE), 0);
	assert_int_equal(sim_ksm(sim, 0), 2);
	page = page_at(sim, 0, addr);
	assert_true(PageKsm(page));
	assert_sim_clean(sim);
	SetPageHWPoison(page);
	page->_refcount++;
	sim_touch_page(page);
	/*
	 * A KSM page mapped while poisoned, memory failure's reference
	 * held: a state of the kernel's, as after KSM merged into it
	 * again (hwpoison.ksm, 4724), not a violation.
	 */
	assert_sim_clean(sim);
	/* Without memory failure's reference it is one. */
	page->_refcount--;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_I5);
	ClearPageHWPoison(page);
	sim_touch_page(page);
	assert_sim_clean(sim);
}

static void hwpoison_entry_names_healthy_page(void **state)
{
	struct sim *sim = *state;
	unsigned long a = written_page(sim, 0x16), b = written_page(sim, 0x17);
	unsigned long healthy = page_to_pfn(page_at(sim, 0, b));
	pte_t *ptep, old;

	assert_int_equal(sim_poison(sim, 0, a),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_sim_clean(sim);
	ptep = pte_of(sim, 0, a);
	old = *ptep;
	set_pte_at(sim->mms[0], a, ptep,
		   swp_entry_to_pte(swp_entry(SWP_HWPOISON, healthy)));
	assert_only_violation(sim, SIM_V_HWPOISON);
	set_pte_at(sim->mms[0], a, ptep, old);
	assert_sim_clean(sim);
}

/* A poisoned page table is held back when freed, not reused. */
static void poisoned_table_held_back(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x18), i;
	const pmd_t *pmdp = pmd_offset_map_ro(sim->mms[0], addr);
	struct page *table;

	assert_non_null(pmdp);
	table = pfn_to_page(sim, pmd_pfn(*pmdp));
	assert_true(PageTable(table));
	assert_int_equal(sim_poison_table(sim, 0, addr), -EBUSY);
	assert_true(PageTable(table));
	assert_true(PageHWPoison(table));
	assert_sim_clean(sim);
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	/* Freed, but neither a table nor free: held back. */
	assert_false(PageTable(table));
	assert_false(PageBuddy(table));
	assert_true(PageHWPoison(table));
	for (i = 0; i < sim->nr_free; i++)
		assert_int_not_equal(sim->free_pfns[i], page_to_pfn(table));
	assert_sim_clean(sim);
}

/*
 * A shmem page (hwpoison.shmem): the PTE becomes a hwpoison entry, the
 * folio stays in the page cache, poisoned, held by the cache and by
 * memory failure; once the file is gone, by memory failure alone.
 */
static void poisoned_shmem_page_stays_in_cache(void **state)
{
	struct sim *sim = *state;
	struct address_space *mapping;
	unsigned long addr;
	struct page *page;

	assert_int_equal(sim_mmap_shmem(sim, 0, 1, PROT_READ | PROT_WRITE, true,
					&addr),
			 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x19), 0);
	page = page_at(sim, 0, addr);
	mapping = vma_lookup(sim->mms[0], addr)->vm_mapping;
	assert_int_equal(sim_poison(sim, 0, addr),
			 SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR));
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_HWPOISON);
	assert_ptr_equal(mapping->pages[0], page);
	assert_true(PageHWPoison(page));
	assert_false(PageLRU(page));
	assert_int_equal(page->_refcount, 2);
	assert_sim_clean(sim);
	assert_int_equal(sim_exit(sim, 0), 0);
	assert_false(PageBuddy(page));
	assert_int_equal(page->_refcount, 1);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(poison_leaves_entry_and_signals_caller),
		test_with_sim(poisoned_page_held_after_exit),
		test_with_sim(poisoned_page_mapped_present),
		test_with_sim(poisoned_page_free_in_allocator),
		test_with_sim(poisoned_ksm_page),
		test_with_sim(hwpoison_entry_names_healthy_page),
		test_with_sim(poisoned_table_held_back),
		test_with_sim(poisoned_shmem_page_stays_in_cache),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
