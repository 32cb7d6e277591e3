// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMD-sized THPs in the model (mm/huge_memory.c, linux/huge_mm.h): the
 * folio helpers on a new THP and after a split, freeing, pins counted in
 * _pincount, the two decisions where v6.12 and latest (6.18) differ, the
 * folio invariants of harness/check.c (a corruption of each is reported
 * under its name by both checks), and the state of large folios in
 * sim_clone/sim_equal.
 */
#include "tests/unit/model-helpers.h"

#include "linux/huge_mm.h"

/* A THP-eligible region of one PMD in process 0 (mmap ... thp). */
static unsigned long map_thp(struct sim *sim)
{
	unsigned long addr = map_rw(sim, 0, HPAGE_PMD_NR);

	assert_int_equal(addr & ~HPAGE_PMD_MASK, 0);
	assert_int_equal(sim_madvise(sim, 0, addr, HPAGE_PMD_NR, MADV_HUGEPAGE),
			 0);
	return addr;
}

/* The huge PMD of @addr in process @mm, which must be one. */
static pmd_t *huge_pmd_of(struct sim *sim, int mm, unsigned long addr)
{
	pmd_t *pmd = pmd_offset_map(sim->mms[mm], addr, false);

	assert_non_null(pmd);
	assert_true(pmd_trans_huge(*pmd));
	return pmd;
}

/* A written THP of process 0: its address, and its folio. */
static struct folio *written_thp(struct sim *sim, unsigned long *addr)
{
	*addr = map_thp(sim);
	assert_int_equal(sim_store(sim, 0, *addr, 0x11), 0);
	return page_folio(
		pfn_to_page(sim, pmd_pfn(*huge_pmd_of(sim, 0, *addr))));
}

static void new_thp_folio_helpers(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);
	struct page *tail = folio_page(folio, 5);
	struct sim_pte_info info = query_pte(sim, 0, addr + 5 * PAGE_SIZE);

	assert_true(folio_test_large(folio));
	assert_int_equal(folio_order(folio), HPAGE_PMD_ORDER);
	assert_int_equal(folio_nr_pages(folio), HPAGE_PMD_NR);
	assert_true(page_folio(tail) == folio);
	assert_true(PageTail(tail) && !PageHead(tail));
	assert_int_equal(folio_page_idx(folio, tail), 5);
	assert_int_equal(page_to_pfn(tail), page_to_pfn(&folio->page) + 5);
	assert_int_equal(folio_entire_mapcount(folio), 1);
	assert_int_equal(folio_large_mapcount(folio), 1);
	assert_int_equal(folio_mapcount(folio), 1);
	assert_int_equal(page_mapcount(tail), 1);
	assert_int_equal(folio->_nr_pages_mapped, ENTIRELY_MAPPED);
	assert_int_equal(folio_ref_count(folio), 1);
	assert_int_equal(page_ref_count(tail), 0);
	assert_false(folio_maybe_dma_pinned(folio));
	assert_true(PageAnon(tail));
	assert_true(PageAnonExclusive(&folio->page));
	assert_false(PageAnonExclusive(tail));
	assert_true(info.thp && info.pmd && info.exclusive && info.writable);
	assert_int_equal(info.order, HPAGE_PMD_ORDER);
	assert_sim_clean(sim);
}

static void split_gives_each_page_its_mapping(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, i;
	struct folio *folio = written_thp(sim, &addr);

	assert_int_equal(sim_split(sim, 0, addr + 7 * PAGE_SIZE), 0);
	assert_false(pmd_trans_huge(*pmd_offset_map(sim->mms[0], addr, false)));
	assert_int_equal(folio_entire_mapcount(folio), 0);
	assert_int_equal(folio_large_mapcount(folio), HPAGE_PMD_NR);
	assert_int_equal(folio->_nr_pages_mapped, HPAGE_PMD_NR);
	assert_int_equal(folio_ref_count(folio), HPAGE_PMD_NR);
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		struct page *page = folio_page(folio, i);

		assert_int_equal(page_mapcount(page), 1);
		assert_true(PageAnonExclusive(page));
		assert_true(page_at(sim, 0, addr + i * PAGE_SIZE) == page);
	}
	assert_sim_clean(sim);
	/* Nothing to split any more. */
	assert_int_equal(sim_split(sim, 0, addr), 0);
	assert_sim_clean(sim);
}

/* split_huge_page: 512 small folios, the caller's reference on its page. */
static void split_huge_page_makes_small_folios(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);
	struct page *page = folio_page(folio, 3), *head = &folio->page;

	assert_int_equal(sim_store(sim, 0, addr + 3 * PAGE_SIZE, 0x33), 0);
	folio_get(folio);
	assert_int_equal(split_huge_page(page), 0);
	assert_false(folio_test_large(page_folio(page)));
	assert_false(PageCompound(head) || PageCompound(page));
	assert_true(page_folio(page) == (struct folio *)page);
	assert_int_equal(page->_refcount, 2);
	assert_int_equal(head->_refcount, 1);
	assert_int_equal(page_mapcount(page), 1);
	assert_true(PageAnon(page) && PageAnonExclusive(page));
	assert_int_equal(page->index, head->index + 3);
	assert_false(query_pte(sim, 0, addr).pmd);
	assert_int_equal(load_val(sim, 0, addr), 0x11);
	/* A page of zeros is the shared zero page now, and freed. */
	assert_int_equal(query_pte(sim, 0, addr + PAGE_SIZE).kind,
			 SIM_PTE_ZEROPAGE);
	assert_true(PageBuddy(folio_page(folio, 1)));
	folio_put(page_folio(page));
	assert_sim_clean(sim);
}

/* A pin is a reference can_split_folio cannot account for. */
static void split_huge_page_refuses_pinned(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);
	int h = sim_gup(sim, 0, addr + 3 * PAGE_SIZE,
			SIM_GUP_PIN | SIM_GUP_WRITE);

	assert_true(h >= 0);
	folio_get(folio);
	assert_int_equal(split_huge_page(folio_page(folio, 3)), -EAGAIN);
	assert_true(folio_test_large(folio));
	assert_true(query_pte(sim, 0, addr).pmd);
	folio_put(folio);
	assert_int_equal(sim_unpin(sim, h), 0);
	assert_sim_clean(sim);
}

static void unmapped_thp_frees_every_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, before = sim->nr_allocated, pfn, i;
	struct folio *folio = written_thp(sim, &addr);

	pfn = page_to_pfn(&folio->page);
	assert_true(sim->nr_allocated >= before + HPAGE_PMD_NR);
	assert_int_equal(sim_split(sim, 0, addr), 0);
	assert_int_equal(sim_munmap(sim, 0, addr, HPAGE_PMD_NR), 0);
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		struct page *page = pfn_to_page(sim, pfn + i);

		assert_true(PageBuddy(page));
		assert_false(PageHead(page) || PageTail(page));
	}
	assert_sim_clean(sim);
	assert_int_equal(sim_teardown(sim), 0);
}

static void pin_counts_in_pincount(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);
	int h = sim_gup(sim, 0, addr + 3 * PAGE_SIZE,
			SIM_GUP_PIN | SIM_GUP_WRITE);

	assert_true(h >= 0);
	assert_int_equal(folio->_pincount, 1);
	assert_int_equal(folio_ref_count(folio), 2);
	assert_true(folio_maybe_dma_pinned(folio));
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
	assert_int_equal(folio->_pincount, 0);
	assert_int_equal(folio_ref_count(folio), 1);
	assert_sim_clean(sim);
}

/* A read, then a write, on the huge zero PMD under @policy. */
static struct sim_pte_info huge_zero_write(const char *policy)
{
	struct sim *sim = sim_create();
	struct sim_pte_info info;
	unsigned long addr;

	assert_int_equal(sim_set_policy(sim, policy), 0);
	addr = map_thp(sim);
	assert_int_equal(load_val(sim, 0, addr), 0);
	assert_true(query_pte(sim, 0, addr).pmd);
	assert_int_equal(sim_store(sim, 0, addr + PAGE_SIZE, 7), 0);
	info = query_pte(sim, 0, addr + PAGE_SIZE);
	assert_true(info.exclusive && info.writable);
	assert_sim_clean(sim);
	assert_int_equal(sim_teardown(sim), 0);
	sim_destroy(sim);
	return info;
}

static void huge_zero_write_maps_thp_only_latest(void **state)
{
	struct sim_pte_info latest = huge_zero_write("latest");
	struct sim_pte_info v6_12 = huge_zero_write("v6.12");

	(void)state;
	/* 6.13+: do_huge_zero_wp_pmd maps a THP. */
	assert_true(latest.thp && latest.pmd);
	/* v6.12: the PMD is split and 4 KiB copied. */
	assert_false(v6_12.thp || v6_12.pmd);
}

/*
 * A PTE-mapped THP shared with a child that then exits: a write fault in
 * the parent reuses the folio under latest (6.15+), copies under v6.12.
 */
static bool large_folio_reused(const char *policy)
{
	struct sim *sim = sim_create();
	unsigned long addr;
	struct folio *folio;
	struct page *page;
	bool reused;
	int child;

	assert_int_equal(sim_set_policy(sim, policy), 0);
	folio = written_thp(sim, &addr);
	assert_int_equal(sim_split(sim, 0, addr), 0);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_false(query_pte(sim, 0, addr + PAGE_SIZE).exclusive);
	/* While the child maps it, both designs copy. */
	assert_int_equal(sim_store(sim, 0, addr + 2 * PAGE_SIZE, 5), 0);
	assert_false(query_pte(sim, 0, addr + 2 * PAGE_SIZE).thp);
	assert_int_equal(sim_exit(sim, child), 0);
	assert_int_equal(sim_store(sim, 0, addr + PAGE_SIZE, 9), 0);
	page = page_at(sim, 0, addr + PAGE_SIZE);
	reused = page_folio(page) == folio;
	assert_true(PageAnonExclusive(page));
	assert_sim_clean(sim);
	assert_int_equal(sim_teardown(sim), 0);
	sim_destroy(sim);
	return reused;
}

static void large_folio_reuse_only_latest(void **state)
{
	(void)state;
	assert_true(large_folio_reused("latest"));
	assert_false(large_folio_reused("v6.12"));
}

/* Corruptions: each reported as "folio" by both checks, then undone. */
static void folio_entire_mapcount_off(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);

	assert_sim_clean(sim);
	folio->_entire_mapcount++;
	folio->_large_mapcount++;
	sim_touch_page(folio_page(folio, 1));
	assert_only_violation(sim, SIM_V_FOLIO);
	folio->_entire_mapcount--;
	folio->_large_mapcount--;
	sim_touch_page(folio_page(folio, 1));
	assert_sim_clean(sim);
}

static void folio_tail_exclusive_while_pmd_mapped(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);

	assert_sim_clean(sim);
	SetPageAnonExclusive(folio_page(folio, 9));
	assert_only_violation(sim, SIM_V_FOLIO);
	ClearPageAnonExclusive(folio_page(folio, 9));
	assert_sim_clean(sim);
}

static void folio_pincount_without_pin(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);

	assert_sim_clean(sim);
	folio->_pincount = 1;
	sim_touch_page(&folio->page);
	assert_only_violation(sim, SIM_V_FOLIO);
	folio->_pincount = 0;
	sim_touch_page(&folio->page);
	assert_sim_clean(sim);
}

static void i1_huge_zero_pmd_writable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_thp(sim);
	pmd_t *pmd, old;

	assert_int_equal(load_val(sim, 0, addr), 0);
	pmd = huge_pmd_of(sim, 0, addr);
	old = *pmd;
	assert_sim_clean(sim);
	set_pmd_at(sim->mms[0], addr, pmd, pmd_mkwrite_novma(old));
	assert_only_violation(sim, SIM_V_I1);
	set_pmd_at(sim->mms[0], addr, pmd, old);
	assert_sim_clean(sim);
}

static void i1_shared_thp_pmd_writable(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	pmd_t *pmd, old;

	written_thp(sim, &addr);
	assert_true(sim_fork(sim, 0) > 0);
	pmd = huge_pmd_of(sim, 0, addr);
	old = *pmd;
	assert_sim_clean(sim);
	set_pmd_at(sim->mms[0], addr, pmd, pmd_mkwrite_novma(old));
	assert_only_violation(sim, SIM_V_I1);
	set_pmd_at(sim->mms[0], addr, pmd, old);
	assert_sim_clean(sim);
}

/* I6 right after fork: a THP the child shares is R/O and not AE. */
static void i6_fork_left_shared_thp_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);
	struct violations vs;
	int child = sim_fork(sim, 0);

	assert_true(child > 0);
	assert_true(pmd_pfn(*huge_pmd_of(sim, child, addr)) ==
		    page_to_pfn(&folio->page));
	memset(&vs, 0, sizeof(vs));
	assert_int_equal(sim_check_fork(sim, 0, child, collect_violation, &vs),
			 0);
	SetPageAnonExclusive(&folio->page);
	assert_int_equal(sim_check_fork(sim, 0, child, collect_violation, &vs),
			 1);
	assert_int_equal(vs.ids[0], SIM_V_I6);
	ClearPageAnonExclusive(&folio->page);
	assert_sim_clean(sim);
}

/*
 * The same THPs reached with other PFNs (pages allocated and freed
 * before in one machine only) are the same state.
 */
static void thp_state_equal_when_only_pfns_differ(void **state)
{
	struct sim *a = *state, *b = sim_create();
	unsigned long scratch = map_rw(a, 0, 520), pa, pb, i;

	/* Past the first chunk: a's THP takes the next one. */
	for (i = 0; i < 520; i++)
		assert_int_equal(sim_store(a, 0, scratch + i * PAGE_SIZE, 1),
				 0);
	assert_int_equal(sim_munmap(a, 0, scratch, 520), 0);
	written_thp(a, &pa);
	written_thp(b, &pb);
	assert_int_equal(pa, pb);
	assert_int_equal(sim_split(a, 0, pa + 3 * PAGE_SIZE), 0);
	assert_int_equal(sim_split(b, 0, pb), 0);
	assert_true(query_pte(a, 0, pa).pfn != query_pte(b, 0, pb).pfn);
	assert_true(sim_equal(a, b));
	assert_int_equal(sim_hash(a), sim_hash(b));
	assert_int_equal(sim_store(b, 0, pb + 8 * PAGE_SIZE, 3), 0);
	assert_false(sim_equal(a, b));
	assert_int_not_equal(sim_hash(a), sim_hash(b));
	sim_destroy(b);
}

/* sim_clone copies large folios; a tail page's bit is state. */
static void clone_of_thp_is_equal_and_tails_are_state(void **state)
{
	struct sim *sim = *state, *copy;
	unsigned long addr;
	struct folio *folio;

	written_thp(sim, &addr);
	assert_int_equal(sim_split(sim, 0, addr), 0);
	assert_true(sim_fork(sim, 0) > 0);
	copy = sim_clone(sim);
	assert_true(sim_equal(sim, copy));
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	assert_sim_clean(copy);
	folio = page_folio(page_at(copy, 0, addr + 20 * PAGE_SIZE));
	assert_true(folio_test_large(folio));
	folio_page(folio, 20)->sim_content ^= 1;
	assert_false(sim_equal(sim, copy));
	assert_int_not_equal(sim_hash(sim), sim_hash(copy));
	folio_page(folio, 20)->sim_content ^= 1;
	assert_true(sim_equal(sim, copy));
	folio_page(folio, 30)->_mapcount++;
	assert_false(sim_equal(sim, copy));
	folio_page(folio, 30)->_mapcount--;
	sim_destroy(copy);
}

/*
 * mTHP: with 64 KiB enabled (order 4), a write fault in a MADV_HUGEPAGE
 * region maps a 16-page folio by 16 PTEs, each page exclusive with its
 * own mapcount; fork shares every page; a PMD-aligned region of 32 pages
 * never gets the PMD order.
 */
static void mthp_fault_maps_exclusive_ptes(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 32), i;
	struct folio *folio;

	assert_int_equal(sim_thp_orders(sim, BIT(4)), 0);
	assert_int_equal(sim_madvise(sim, 0, addr, 32, MADV_HUGEPAGE), 0);
	assert_int_equal(sim_store(sim, 0, addr + 17 * PAGE_SIZE, 7), 0);
	folio = page_folio(page_at(sim, 0, addr + 17 * PAGE_SIZE));
	assert_int_equal(folio_order(folio), 4);
	assert_int_equal(page_to_pfn(&folio->page) & 15, 0);
	assert_true(page_at(sim, 0, addr + 16 * PAGE_SIZE) == &folio->page);
	assert_int_equal(folio_large_mapcount(folio), 16);
	assert_int_equal(folio_entire_mapcount(folio), 0);
	assert_int_equal(folio->_nr_pages_mapped, 16);
	assert_int_equal(folio_ref_count(folio), 16);
	for (i = 0; i < 16; i++) {
		assert_true(PageAnonExclusive(folio_page(folio, i)));
		assert_int_equal(folio_page(folio, i)->_mapcount, 0);
	}
	assert_int_equal(sim_event_count(sim, SIM_THP_FAULT_ALLOC), 1);
	assert_int_equal(query_pte(sim, 0, addr).pfn, 0);
	assert_sim_clean(sim);
	assert_true(sim_fork(sim, 0) > 0);
	for (i = 0; i < 16; i++)
		assert_false(PageAnonExclusive(folio_page(folio, i)));
	assert_int_equal(folio_large_mapcount(folio), 32);
	assert_sim_clean(sim);
	assert_int_equal(sim_thp_orders(sim, BIT(1)), -EINVAL);
}

/* Orders whose block has a PTE already, or a uffd-armed VMA: one page. */
static void mthp_falls_back_below_a_mapped_pte(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 32);

	assert_int_equal(sim_thp_orders(sim, BIT(2) | BIT(4)), 0);
	assert_int_equal(sim_madvise(sim, 0, addr, 32, MADV_HUGEPAGE), 0);
	/* A read maps the zero page: never an mTHP. */
	{
		uint64_t v;

		assert_int_equal(sim_load(sim, 0, addr + 5 * PAGE_SIZE, &v), 0);
	}
	assert_int_equal(query_pte(sim, 0, addr + 5 * PAGE_SIZE).pfn, 0);
	/* Order 4's block holds that PTE: order 2's does not. */
	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	assert_int_equal(folio_order(page_folio(page_at(sim, 0, addr))), 2);
	/* Order 2's block of page 5 is not none either: one page. */
	assert_int_equal(sim_store(sim, 0, addr + 6 * PAGE_SIZE, 1), 0);
	assert_false(PageCompound(page_at(sim, 0, addr + 6 * PAGE_SIZE)));
	assert_sim_clean(sim);
}

/*
 * Swap-out of a THP splits it: the written pages go to swap with their
 * exclusive bit, the zero-filled ones map the zero page; a pinned THP
 * cannot be split and stays whole.
 */
static void swapout_splits_thp(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct folio *folio = written_thp(sim, &addr);
	struct sim_pte_info info;
	int h;

	h = sim_gup(sim, 0, addr + PAGE_SIZE, SIM_GUP_PIN | SIM_GUP_LONGTERM);
	assert_true(h >= 0);
	assert_int_equal(sim_swapout(sim, 0, addr, HPAGE_PMD_NR), 0);
	assert_true(pmd_trans_huge(*huge_pmd_of(sim, 0, addr)));
	assert_int_equal(folio_order(folio), HPAGE_PMD_ORDER);
	assert_int_equal(sim_unpin(sim, h), 0);
	assert_int_equal(sim_store(sim, 0, addr + 7 * PAGE_SIZE, 0x77), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, HPAGE_PMD_NR), 0);
	info = query_pte(sim, 0, addr);
	assert_true(info.kind == SIM_PTE_SWAP && info.swp_exclusive);
	info = query_pte(sim, 0, addr + 7 * PAGE_SIZE);
	assert_true(info.kind == SIM_PTE_SWAP && info.swp_exclusive);
	info = query_pte(sim, 0, addr + 8 * PAGE_SIZE);
	assert_int_equal(info.kind, SIM_PTE_ZEROPAGE);
	assert_sim_clean(sim);
}

/*
 * zram takes a 64 KiB mTHP whole: 16 contiguous slots, the first aligned
 * to 16, each swap PTE exclusive (thp_swpout for the size).  A fault
 * reads it back whole on 6.12+ (alloc_swap_folio: an order-4 folio, every
 * page exclusive, the slots freed), one page under v6.1.
 */
static unsigned int mthp_swapin_order(const char *policy)
{
	struct sim *sim = sim_create();
	struct sim_pte_info info;
	unsigned long addr, i;
	unsigned int order;
	uint64_t v;

	assert_int_equal(sim_set_policy(sim, policy), 0);
	addr = map_rw(sim, 0, 16);
	assert_int_equal(sim_thp_orders(sim, BIT(4)), 0);
	assert_int_equal(sim_madvise(sim, 0, addr, 16, MADV_HUGEPAGE), 0);
	/*
	 * Two clusters: the first, with the header, is not free, so the
	 * mTHP goes to the second (cluster_alloc_swap_entry).
	 */
	assert_int_equal(sim_swapdev(sim, 1024, true, false, false), 0);
	assert_int_equal(sim_store(sim, 0, addr + 3 * PAGE_SIZE, 0x33), 0);
	assert_int_equal(sim_swapout(sim, 0, addr, 16), 0);
	assert_int_equal(sim_thp_event_count(sim, SIM_THP_EV_SWPOUT, 4), 1);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_SWAP);
	assert_int_equal(info.swp_offset, 512);
	for (i = 1; i < 16; i++) {
		struct sim_pte_info next =
			query_pte(sim, 0, addr + i * PAGE_SIZE);

		assert_int_equal(next.kind, SIM_PTE_SWAP);
		assert_true(next.swp_exclusive);
		assert_int_equal(next.swp_offset, info.swp_offset + i);
	}
	assert_sim_clean(sim);
	assert_int_equal(sim_load(sim, 0, addr + 3 * PAGE_SIZE, &v), 0);
	assert_int_equal(v, 0x33);
	order = folio_order(page_folio(page_at(sim, 0, addr + 3 * PAGE_SIZE)));
	if (order) {
		struct folio *folio = page_folio(page_at(sim, 0, addr));

		for (i = 0; i < 16; i++)
			assert_true(PageAnonExclusive(folio_page(folio, i)));
		assert_int_equal(folio_ref_count(folio), 16);
		assert_int_equal(sim_thp_event_count(sim, SIM_THP_EV_SWPIN, 4),
				 1);
	}
	assert_sim_clean(sim);
	sim_destroy(sim);
	return order;
}

static void mthp_swapin_large_from_v6_12(void **state)
{
	(void)state;
	assert_int_equal(mthp_swapin_order("latest"), 4);
	assert_int_equal(mthp_swapin_order("v6.12"), 4);
	assert_int_equal(mthp_swapin_order("v6.1"), 0);
}

/*
 * MADV_COLLAPSE: a pin makes it EAGAIN and changes nothing; without, a
 * PTE-mapped THP becomes a new exclusive PMD-mapped THP with the same
 * contents, the old folio freed.
 */
static void collapse_copies_into_new_thp(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, before;
	struct folio *old = written_thp(sim, &addr), *new;
	int h;

	assert_int_equal(sim_store(sim, 0, addr + 9 * PAGE_SIZE, 0x99), 0);
	assert_int_equal(sim_split(sim, 0, addr), 0);
	h = sim_gup(sim, 0, addr + PAGE_SIZE, SIM_GUP_PIN | SIM_GUP_LONGTERM);
	assert_true(h >= 0);
	assert_int_equal(sim_madvise(sim, 0, addr, HPAGE_PMD_NR, MADV_COLLAPSE),
			 -EAGAIN);
	assert_true(page_folio(page_at(sim, 0, addr)) == old);
	assert_int_equal(sim_unpin(sim, h), 0);
	before = sim->nr_allocated;
	assert_int_equal(sim_madvise(sim, 0, addr, HPAGE_PMD_NR, MADV_COLLAPSE),
			 0);
	new = page_folio(pfn_to_page(sim, pmd_pfn(*huge_pmd_of(sim, 0, addr))));
	assert_true(new != old);
	assert_true(PageAnonExclusive(&new->page));
	assert_int_equal(folio_entire_mapcount(new), 1);
	/* 512 pages in, 512 out, and the PTE table freed. */
	assert_int_equal(sim->nr_allocated, before - 1);
	assert_int_equal(folio_page(new, 9)->sim_content, 0x99);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(new_thp_folio_helpers),
		test_with_sim(split_gives_each_page_its_mapping),
		test_with_sim(split_huge_page_makes_small_folios),
		test_with_sim(split_huge_page_refuses_pinned),
		test_with_sim(unmapped_thp_frees_every_page),
		test_with_sim(pin_counts_in_pincount),
		cmocka_unit_test(huge_zero_write_maps_thp_only_latest),
		cmocka_unit_test(large_folio_reuse_only_latest),
		test_with_sim(folio_entire_mapcount_off),
		test_with_sim(folio_tail_exclusive_while_pmd_mapped),
		test_with_sim(folio_pincount_without_pin),
		test_with_sim(i1_huge_zero_pmd_writable),
		test_with_sim(i1_shared_thp_pmd_writable),
		test_with_sim(i6_fork_left_shared_thp_exclusive),
		test_with_sim(thp_state_equal_when_only_pfns_differ),
		test_with_sim(clone_of_thp_is_equal_and_tails_are_state),
		test_with_sim(mthp_fault_maps_exclusive_ptes),
		test_with_sim(mthp_falls_back_below_a_mapped_pte),
		test_with_sim(swapout_splits_thp),
		test_with_sim(collapse_copies_into_new_thp),
		cmocka_unit_test(mthp_swapin_large_from_v6_12),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
