// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests linux/page-flags.h (docs/kernel-rules.md ae.meaning, page.flags,
 * page.types): the v6.12 flag bits and their aliases (PG_anon_exclusive shares
 * bit 11 with PG_mappedtodisk; PG_has_hwpoisoned does not), the
 * VM_BUG_ON_PGFLAGS preconditions of the PG_anon_exclusive accessors, which the
 * model records for the page (page_sim_bug()) for sim_check() to report
 * as "PGFLAGS" instead of crashing, and the page types kept in the top byte
 * of page_type.
 */
#include "tests/unit/helpers.h"

#include "linux/mm.h"
#include "linux/sim_machine.h"

/* A pagecache (shmem) page, mapped once in process 0. */
static struct page *shmem_page(struct sim *sim)
{
	unsigned long addr;
	struct sim_pte_info info;

	assert_int_equal(
		sim_mmap(sim, 0, 1, PROT_READ | PROT_WRITE, true, &addr), 0);
	assert_int_equal(sim_store(sim, 0, addr, 0x5a), 0);
	info = query_pte(sim, 0, addr);
	assert_int_equal(info.kind, SIM_PTE_PRESENT);
	assert_false(info.anon);
	return pfn_to_page(sim, info.pfn);
}

/* An exclusive anon page, mapped writable once in process 0. */
static struct page *anon_page(struct sim *sim)
{
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;

	assert_int_equal(sim_store(sim, 0, addr, 0xa5), 0);
	info = query_pte(sim, 0, addr);
	assert_true(info.exclusive);
	return pfn_to_page(sim, info.pfn);
}

static void anon_exclusive_is_bit_11_shared_with_mappedtodisk(void **state)
{
	(void)state;
	assert_int_equal(PG_owner_2, 11);
	assert_int_equal(PG_anon_exclusive, PG_owner_2);
	assert_int_equal(PG_mappedtodisk, PG_owner_2);
}

static void has_hwpoisoned_is_not_the_exclusive_bit(void **state)
{
	(void)state;
	assert_int_equal(PG_has_hwpoisoned, PG_active);
	assert_int_equal(PG_has_hwpoisoned, 8);
	assert_int_not_equal(PG_has_hwpoisoned, PG_anon_exclusive);
}

static void swapcache_is_owner_priv_1(void **state)
{
	(void)state;
	assert_int_equal(PG_owner_priv_1, 10);
	assert_int_equal(PG_swapcache, PG_owner_priv_1);
}

static void flags_follow_v612_enum_order(void **state)
{
	(void)state;
	assert_int_equal(PG_locked, 0);
	assert_int_equal(PG_dirty, 4);
	assert_int_equal(PG_lru, 5);
	assert_int_equal(PG_reserved, 13);
	assert_int_equal(PG_swapbacked, 17);
	assert_int_equal(PG_hwpoison, 20);
	assert_int_equal(PG_large_rmappable, PG_workingset);
	assert_int_equal(PG_partially_mapped, PG_reclaim);
}

static void exclusive_bit_reads_as_mappedtodisk(void **state)
{
	struct page *page = anon_page(*state);

	assert_true(PageMappedToDisk(page));
	ClearPageAnonExclusive(page);
	assert_false(PageMappedToDisk(page));
	assert_null(page_sim_bug(page));
	SetPageAnonExclusive(page);
}

static void exclusive_accessors_on_anon_page_record_nothing(void **state)
{
	struct sim *sim = *state;
	struct page *page = anon_page(sim);

	assert_true(PageAnonExclusive(page));
	ClearPageAnonExclusive(page);
	assert_false(PageAnonExclusive(page));
	SetPageAnonExclusive(page);
	assert_true(PageAnonExclusive(page));
	assert_null(page_sim_bug(page));
	assert_sim_clean(sim);
}

static void set_exclusive_on_pagecache_page_is_pgflags(void **state)
{
	struct sim *sim = *state;
	struct page *page = shmem_page(sim);
	struct violations vs[NR_CHECK_MODES];
	int mode;

	assert_sim_clean(sim);
	SetPageAnonExclusive(page);
	assert_non_null(page_sim_bug(page));
	assert_string_equal(page_sim_bug(page), "SetPageAnonExclusive");
	/* Recorded, not refused: the bit is set, as the kernel would. */
	assert_true(test_bit_flags(PG_anon_exclusive, page));

	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(vs[mode].n, 1);
		assert_int_equal(vs[mode].ids[0], SIM_V_PGFLAGS);
		assert_non_null(
			strstr(vs[mode].msg[0], "SetPageAnonExclusive"));
	}

	ClearPageMappedToDisk(page);
	assert_sim_clean(sim);
}

static void test_exclusive_on_pagecache_page_is_pgflags(void **state)
{
	struct sim *sim = *state;
	struct page *page = shmem_page(sim);

	assert_sim_clean(sim);
	assert_false(PageAnonExclusive(page));
	assert_string_equal(page_sim_bug(page), "PageAnonExclusive");
	assert_only_violation(sim, SIM_V_PGFLAGS);
}

static void clear_exclusive_on_pagecache_page_is_pgflags(void **state)
{
	struct sim *sim = *state;
	struct page *page = shmem_page(sim);

	assert_sim_clean(sim);
	ClearPageAnonExclusive(page);
	assert_string_equal(page_sim_bug(page), "ClearPageAnonExclusive");
	assert_only_violation(sim, SIM_V_PGFLAGS);
}

static void set_exclusive_on_ksm_page_is_pgflags(void **state)
{
	struct sim *sim = *state;
	struct folio *folio;
	struct page *page;

	assert_sim_clean(sim);
	folio = folio_alloc(sim);
	page = &folio->page;
	page->mapping = 0x1000 | PAGE_MAPPING_KSM;
	sim_touch_page(page);
	assert_true(PageAnon(page));
	assert_true(PageKsm(page));
	SetPageAnonExclusive(page);
	assert_string_equal(page_sim_bug(page), "SetPageAnonExclusive");

	page->mapping = 0;
	sim_touch_page(page);
	folio_put(folio);
	assert_true(PageBuddy(page));
	/* Reported even though the page has been freed since. */
	assert_only_violation(sim, SIM_V_PGFLAGS);
	assert_sim_clean(sim);
}

static void clear_exclusive_on_ksm_page_is_pgflags(void **state)
{
	struct sim *sim = *state;
	struct folio *folio;
	struct page *page;

	assert_sim_clean(sim);
	folio = folio_alloc(sim);
	page = &folio->page;
	page->mapping = 0x1000 | PAGE_MAPPING_KSM;
	sim_touch_page(page);
	ClearPageAnonExclusive(page);
	assert_string_equal(page_sim_bug(page), "ClearPageAnonExclusive");
	page->mapping = 0;
	sim_touch_page(page);
	folio_put(folio);
	assert_only_violation(sim, SIM_V_PGFLAGS);
}

/* Only "not anon" is checked by the test: a KSM page is anon. */
static void test_exclusive_on_ksm_page_is_allowed(void **state)
{
	struct sim *sim = *state;
	struct folio *folio = folio_alloc(sim);
	struct page *page = &folio->page;

	page->mapping = 0x1000 | PAGE_MAPPING_KSM;
	assert_false(PageAnonExclusive(page));
	assert_null(page_sim_bug(page));
	page->mapping = 0;
	folio_put(folio);
	assert_sim_clean(sim);
}

static void first_pgflags_violation_is_kept(void **state)
{
	struct sim *sim = *state;
	struct page *page = shmem_page(sim);

	assert_sim_clean(sim);
	ClearPageAnonExclusive(page);
	SetPageAnonExclusive(page);
	assert_string_equal(page_sim_bug(page), "ClearPageAnonExclusive");
	ClearPageMappedToDisk(page);
	assert_only_violation(sim, SIM_V_PGFLAGS);
	assert_null(page_sim_bug(page));
}

static void mapping_low_bits_tell_anon_and_ksm(void **state)
{
	struct sim *sim = *state;
	struct folio *folio = folio_alloc(sim);
	struct page *page = &folio->page;

	page->mapping = 0x1000;
	assert_false(PageAnon(page));
	assert_false(PageKsm(page));
	page->mapping = 0x1000 | PAGE_MAPPING_ANON;
	assert_true(PageAnon(page));
	assert_false(PageKsm(page));
	page->mapping = 0x1000 | PAGE_MAPPING_MOVABLE;
	assert_false(PageAnon(page));
	assert_false(PageKsm(page));
	page->mapping = 0x1000 | PAGE_MAPPING_KSM;
	assert_true(PageAnon(page));
	assert_true(PageKsm(page));
	page->mapping = 0;
	folio_put(folio);
	assert_sim_clean(sim);
}

static void swapcache_needs_swapbacked(void **state)
{
	struct sim *sim = *state;
	struct folio *folio = folio_alloc(sim);

	folio->flags &= ~SIM_PAGE_FLAGS_MASK;
	folio->flags |= BIT(PG_swapcache);
	assert_false(folio_test_swapcache(folio));
	folio->flags |= BIT(PG_swapbacked);
	assert_true(folio_test_swapcache(folio));
	folio->flags &= ~SIM_PAGE_FLAGS_MASK;
	folio_put(folio);
}

static void page_table_type_is_in_top_byte(void **state)
{
	struct sim *sim = *state;
	struct page *pgd = sim->mms[0]->pgd;

	assert_int_equal(pgd->page_type >> 24, PGTY_table);
	assert_int_equal(pgd->page_type & 0xffffff, 0);
	assert_true(page_has_type(pgd));
	assert_true(PageTable(pgd));
	assert_false(PageBuddy(pgd));
	assert_ptr_equal(pgd->pt_mm, sim->mms[0]);
}

static void typed_page_has_mapcount_0(void **state)
{
	struct sim *sim = *state;
	struct page *pgd = sim->mms[0]->pgd;

	/* The raw word is a large negative _mapcount... */
	assert_true(pgd->_mapcount < -1);
	/* ...which page_mapcount() reads as "not mapped". */
	assert_int_equal(page_mapcount(pgd), 0);
	assert_false(folio_mapped(page_folio(pgd)));
}

static void allocated_page_has_no_type(void **state)
{
	struct sim *sim = *state;
	struct folio *folio = folio_alloc(sim);

	assert_int_equal(folio->page_type, UINT32_MAX);
	assert_int_equal(folio->_mapcount, -1);
	assert_false(page_has_type(&folio->page));
	assert_false(PageBuddy(&folio->page));
	assert_int_equal(page_mapcount(&folio->page), 0);
	assert_int_equal(folio_ref_count(folio), 1);
	folio_put(folio);
}

/*
 * A page never handed out is not in the memory map yet (nothing reads a
 * PFN at or above nr_pfns): the next allocation makes it, a page as a
 * freed one would be once allocated, and it is buddy when freed.
 */
static void never_used_page_comes_clean_and_frees_to_buddy(void **state)
{
	struct sim *sim = *state;
	unsigned long pfn = sim->nr_pfns;
	struct folio *folio;

	assert_true(sim->nr_pfns < SIM_CHUNK_PAGES);
	folio = folio_alloc(sim);
	assert_int_equal(page_to_pfn(&folio->page), pfn);
	assert_int_equal(sim->nr_pfns, pfn + 1);
	assert_int_equal(folio->page.flags & SIM_PAGE_FLAGS_MASK, 0);
	assert_false(page_has_type(&folio->page));
	assert_int_equal(page_mapcount(&folio->page), 0);
	assert_int_equal(folio_ref_count(folio), 1);
	assert_int_equal(folio->page.mapping, 0);
	assert_int_equal(folio->page.sim_gen, 1);
	folio_put(folio);
	assert_true(PageBuddy(&folio->page));
	assert_int_equal(folio->page.page_type >> 24, PGTY_buddy);
}

static void freed_anon_page_is_buddy_with_flags_wiped(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 1);
	struct sim_pte_info info;
	struct page *page;

	assert_int_equal(sim_store(sim, 0, addr, 1), 0);
	info = query_pte(sim, 0, addr);
	page = pfn_to_page(sim, info.pfn);
	assert_false(PageBuddy(page));
	assert_true(PageAnonExclusive(page));

	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_true(PageBuddy(page));
	assert_int_equal(page->flags & SIM_PAGE_FLAGS_MASK, 0);
	assert_int_equal(page_to_pfn(page), info.pfn);
	assert_int_equal(page->mapping, 0);
	assert_int_equal(page->_refcount, 0);
	assert_int_equal(page_mapcount(page), 0);
	assert_sim_clean(sim);
}

static void set_type_on_untyped_word_is_pgflags(void **state)
{
	struct sim *sim = *state;
	struct page *page = anon_page(sim);

	assert_sim_clean(sim);
	/* A mapped page: its word holds _mapcount 0, not "no type". */
	__page_set_type(page, PGTY_table);
	assert_string_equal(page_sim_bug(page), "__page_set_type");
	page->_mapcount = 0;
	sim_touch_page(page);
	assert_only_violation(sim, SIM_V_PGFLAGS);
	assert_sim_clean(sim);
}

/*
 * The violations are kept for a few pages (struct sim's page_bugs): past
 * them only a count, and both checks report every page, the last ones
 * together.
 */
static void pgflags_on_many_pages_all_reported(void **state)
{
	struct sim *sim = *state;
	unsigned int n = ARRAY_SIZE(sim->page_bugs) + 3, i;
	struct page *pages[ARRAY_SIZE(sim->page_bugs) + 3];
	struct violations vs[NR_CHECK_MODES];
	int mode, k;

	for (i = 0; i < n; i++)
		pages[i] = shmem_page(sim);
	assert_sim_clean(sim);
	for (i = 0; i < n; i++)
		SetPageAnonExclusive(pages[i]);
	assert_string_equal(page_sim_bug(pages[0]), "SetPageAnonExclusive");
	assert_null(page_sim_bug(pages[n - 1]));
	assert_int_equal(sim->page_bugs_lost, 3);

	check_collect_both(sim, vs);
	for (mode = 0; mode < NR_CHECK_MODES; mode++) {
		assert_int_equal(vs[mode].n, ARRAY_SIZE(sim->page_bugs) + 1);
		for (k = 0; k < vs[mode].n; k++)
			assert_int_equal(vs[mode].ids[k], SIM_V_PGFLAGS);
		assert_non_null(
			strstr(vs[mode].msg[vs[mode].n - 1], "3 more calls"));
	}
	/* Reported: forgotten. */
	for (i = 0; i < n; i++) {
		assert_null(page_sim_bug(pages[i]));
		ClearPageMappedToDisk(pages[i]);
	}
	assert_int_equal(sim->page_bugs_lost, 0);
	assert_sim_clean(sim);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
			anon_exclusive_is_bit_11_shared_with_mappedtodisk),
		cmocka_unit_test(has_hwpoisoned_is_not_the_exclusive_bit),
		cmocka_unit_test(swapcache_is_owner_priv_1),
		cmocka_unit_test(flags_follow_v612_enum_order),
		test_with_sim(exclusive_bit_reads_as_mappedtodisk),
		test_with_sim(exclusive_accessors_on_anon_page_record_nothing),
		test_with_sim(set_exclusive_on_pagecache_page_is_pgflags),
		test_with_sim(test_exclusive_on_pagecache_page_is_pgflags),
		test_with_sim(clear_exclusive_on_pagecache_page_is_pgflags),
		test_with_sim(set_exclusive_on_ksm_page_is_pgflags),
		test_with_sim(clear_exclusive_on_ksm_page_is_pgflags),
		test_with_sim(test_exclusive_on_ksm_page_is_allowed),
		test_with_sim(first_pgflags_violation_is_kept),
		test_with_sim(mapping_low_bits_tell_anon_and_ksm),
		test_with_sim(swapcache_needs_swapbacked),
		test_with_sim(page_table_type_is_in_top_byte),
		test_with_sim(typed_page_has_mapcount_0),
		test_with_sim(allocated_page_has_no_type),
		test_with_sim(never_used_page_comes_clean_and_frees_to_buddy),
		test_with_sim(freed_anon_page_is_buddy_with_flags_wiped),
		test_with_sim(set_type_on_untyped_word_is_pgflags),
		test_with_sim(pgflags_on_many_pages_all_reported),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
