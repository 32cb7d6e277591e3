// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests swap-out, swap-in, fork, zap and swapoff of the model
 * (docs/kernel-rules.md: Swap, fork.nonpresent): the swap PTE's exclusive bit
 * is set exactly when the page was PageAnonExclusive at swap-out, fork clears
 * it in the parent, the slot's use count and SWAP_HAS_CACHE follow every PTE
 * and the swap cache, do_swap_page maps pages as swapin.fault says on a swap
 * file, a zram-like device and a device with stable writes, and nothing is left
 * in use after a teardown.  Clones of a state with swapped pages are equal and
 * independent.
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

/* The slot of the swap PTE at @addr, which must be one. */
static unsigned long slot_at(struct sim *sim, int mm, unsigned long addr)
{
	struct sim_pte_info in = query_pte(sim, mm, addr);

	assert_int_equal(in.kind, SIM_PTE_SWAP);
	assert_int_equal(in.swp_type, 0);
	assert_true(in.swp_offset > 0 && in.swp_offset < si0(sim)->max);
	return in.swp_offset;
}

static unsigned char map_of(struct sim *sim, unsigned long off)
{
	return swap_slot_map(si0(sim), off);
}

static struct page *cache_of(struct sim *sim, unsigned long off)
{
	return swap_slot_cache(si0(sim), off);
}

static void store(struct sim *sim, int mm, unsigned long addr, uint64_t val)
{
	assert_int_equal(sim_store(sim, mm, addr, val), 0);
}

static void swapout(struct sim *sim, int mm, unsigned long addr,
		    unsigned long n)
{
	assert_int_equal(sim_swapout(sim, mm, addr, n), 0);
}

/* One private page written by process 0. */
static unsigned long written_page(struct sim *sim, uint64_t val)
{
	unsigned long addr = map_rw(sim, 0, 1);

	store(sim, 0, addr, val);
	return addr;
}

/* A written page that was shared by fork and is mapped once again. */
static unsigned long previously_shared_page(struct sim *sim, uint64_t val)
{
	unsigned long addr = written_page(sim, val);
	int child = sim_fork(sim, 0);

	assert_true(child > 0);
	assert_int_equal(sim_exit(sim, child), 0);
	assert_false(query_pte(sim, 0, addr).exclusive);
	assert_int_equal(query_pte(sim, 0, addr).mapcount, 1);
	return addr;
}

static void swapout_of_exclusive_page_sets_the_bit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x11), off;
	struct page *page = page_at(sim, 0, addr);
	struct sim_pte_info in;

	assert_true(PageAnonExclusive(page));
	swapout(sim, 0, addr, 1);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.kind, SIM_PTE_SWAP);
	assert_true(in.swp_exclusive);
	assert_true(in.pte & _PAGE_SWP_EXCLUSIVE);
	off = slot_at(sim, 0, addr);
	/* One PTE uses the slot; the page stays in the swap cache. */
	assert_int_equal(map_of(sim, off), 1 | SWAP_HAS_CACHE);
	assert_ptr_equal(cache_of(sim, off), page);
	assert_true(folio_test_swapcache(page_folio(page)));
	assert_int_equal(page->private, swp_entry(0, off).val);
	/* The exclusivity moved into the PTE: the page is no longer AE. */
	assert_false(PageAnonExclusive(page));
	assert_int_equal(page_mapcount(page), 0);
	assert_int_equal(page_ref_count(page), 1);
	assert_int_equal(sim->mms[0]->rss_stat[MM_SWAPENTS], 1);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 0);
	assert_sim_clean(sim);
}

static void swapout_of_previously_shared_page_has_no_bit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = previously_shared_page(sim, 0x22);
	struct sim_pte_info in;

	swapout(sim, 0, addr, 1);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.kind, SIM_PTE_SWAP);
	assert_false(in.swp_exclusive);
	assert_false(in.pte & _PAGE_SWP_EXCLUSIVE);
	assert_int_equal(map_of(sim, in.swp_offset), 1 | SWAP_HAS_CACHE);
	assert_sim_clean(sim);
}

/* Page by page: the bit is set iff the page was AE at swap-out. */
static void swp_exclusive_bit_iff_anon_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 4), i;
	bool was_exclusive[4];
	int child;

	for (i = 0; i < 4; i++)
		store(sim, 0, addr + i * PAGE_SIZE, 0x30 + i);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(sim_exit(sim, child), 0);
	/* A write reuses pages 0 and 2 and makes them AE again. */
	store(sim, 0, addr, 0x40);
	store(sim, 0, addr + 2 * PAGE_SIZE, 0x42);
	for (i = 0; i < 4; i++)
		was_exclusive[i] =
			query_pte(sim, 0, addr + i * PAGE_SIZE).exclusive;
	assert_true(was_exclusive[0] && was_exclusive[2]);
	assert_false(was_exclusive[1] || was_exclusive[3]);
	swapout(sim, 0, addr, 4);
	for (i = 0; i < 4; i++) {
		struct sim_pte_info in =
			query_pte(sim, 0, addr + i * PAGE_SIZE);

		assert_int_equal(in.kind, SIM_PTE_SWAP);
		assert_int_equal(in.swp_exclusive, was_exclusive[i]);
	}
	assert_sim_clean(sim);
}

static void swap_duplicate_and_swap_free_count_users(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = previously_shared_page(sim, 0x50), off;
	swp_entry_t entry;
	int i;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	entry = swp_entry(0, off);
	assert_int_equal(__swap_count(sim, entry), 1);
	assert_sim_clean(sim);
	assert_int_equal(swap_duplicate(sim, entry), 0);
	assert_int_equal(__swap_count(sim, entry), 2);
	assert_int_equal(map_of(sim, off), 2 | SWAP_HAS_CACHE);
	/* One user more than swap PTEs: the checker sees it. */
	assert_only_violation(sim, SIM_V_SWAP);
	swap_free(sim, entry);
	assert_int_equal(map_of(sim, off), 1 | SWAP_HAS_CACHE);
	assert_sim_clean(sim);

	/*
	 * Past SWAP_MAP_MAX users the count continues: swap_map's digit
	 * starts again with COUNT_CONTINUED, the rest counts in units of
	 * SWAP_MAP_MAX + 1, and freeing borrows back.
	 */
	for (i = 1; i < SWAP_MAP_MAX; i++)
		assert_int_equal(swap_duplicate(sim, entry), 0);
	assert_int_equal(__swap_count(sim, entry), SWAP_MAP_MAX);
	assert_int_equal(map_of(sim, off), SWAP_MAP_MAX | SWAP_HAS_CACHE);
	assert_int_equal(swap_duplicate(sim, entry), 0);
	assert_int_equal(map_of(sim, off), COUNT_CONTINUED | SWAP_HAS_CACHE);
	assert_int_equal(__swap_count(sim, entry), SWAP_MAP_MAX + 1);
	for (i = 0; i < 2 * SWAP_MAP_MAX; i++)
		assert_int_equal(swap_duplicate(sim, entry), 0);
	assert_int_equal(__swap_count(sim, entry), 3 * SWAP_MAP_MAX + 1);
	for (i = 0; i < 3 * SWAP_MAP_MAX; i++)
		swap_free(sim, entry);
	assert_int_equal(__swap_count(sim, entry), 1);
	assert_int_equal(map_of(sim, off), 1 | SWAP_HAS_CACHE);
	assert_sim_clean(sim);

	/* A free slot, the header slot and a missing device. */
	assert_int_equal(swap_duplicate(sim, swp_entry(0, off + 1)), -ENOENT);
	assert_int_equal(swap_duplicate(sim, swp_entry(0, 0)), -ENOENT);
	assert_int_equal(swap_duplicate(sim, swp_entry(3, 1)), -EINVAL);
	assert_int_equal(__swap_count(sim, swp_entry(0, off + 1)), 0);
	assert_sim_clean(sim);
	/* Freeing an unused entry is a bug the model reports. */
	swap_free(sim, swp_entry(0, off + 1));
	assert_only_violation(sim, SIM_V_VM_WARN);
	assert_int_equal(map_of(sim, off + 1), 0);
}

/* The last user and the swap cache gone, the slot is free again. */
static void slot_is_released_with_its_last_user(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x60), off;
	struct page *page = page_at(sim, 0, addr);
	struct swap_info_struct *si = si0(sim);

	assert_int_equal(si->inuse_pages, 0);
	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	assert_int_equal(si->inuse_pages, 1);
	assert_false(PageBuddy(page));
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	/* free_swap_and_cache: the unmapped swap-cache page goes too. */
	assert_int_equal(map_of(sim, off), 0);
	assert_null(cache_of(sim, off));
	assert_int_equal(si->inuse_pages, 0);
	assert_true(PageBuddy(page));
	assert_int_equal(sim->mms[0]->rss_stat[MM_SWAPENTS], 0);
	assert_sim_clean(sim);
	/*
	 * The allocator goes on from where it stopped (the next offset of
	 * the device's cluster), not back to the freed slot.
	 */
	addr = written_page(sim, 0x61);
	swapout(sim, 0, addr, 1);
	assert_int_equal(slot_at(sim, 0, addr), off + 1);
	assert_sim_clean(sim);
}

/* A zapped swap PTE keeps the swap cache of a page mapped elsewhere. */
static void zap_keeps_swap_cache_of_a_mapped_page(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x70), off;
	struct page *page;
	int child;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	page = cache_of(sim, off);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(load_val(sim, child, addr), 0x70);
	assert_ptr_equal(page_at(sim, child, addr), page);
	assert_int_equal(map_of(sim, off), 1 | SWAP_HAS_CACHE);
	assert_int_equal(sim_munmap(sim, 0, addr, 1), 0);
	assert_int_equal(map_of(sim, off), SWAP_HAS_CACHE);
	assert_ptr_equal(cache_of(sim, off), page);
	assert_true(folio_test_swapcache(page_folio(page)));
	assert_sim_clean(sim);
	assert_int_equal(sim_exit(sim, child), 0);
	assert_sim_clean(sim);
}

/* 70 processes share a swapped-out page: the count continues past 62. */
static void fork_past_swap_map_max_continues_the_count(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x81), off;
	int child[69], i;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	for (i = 0; i < 69; i++) {
		child[i] = sim_fork(sim, 0);
		assert_true(child[i] > 0);
	}
	assert_int_equal(__swap_count(sim, swp_entry(0, off)), 70);
	assert_true(map_of(sim, off) & COUNT_CONTINUED);
	assert_int_equal(query_pte(sim, child[68], addr).swp_offset, off);
	assert_sim_clean(sim);
	/* The last child swaps it in from the cache: 69 swap PTEs left. */
	assert_int_equal(load_val(sim, child[68], addr), 0x81);
	assert_int_equal(__swap_count(sim, swp_entry(0, off)), 69);
	assert_sim_clean(sim);
	for (i = 0; i < 69; i++)
		assert_int_equal(sim_exit(sim, child[i]), 0);
	assert_int_equal(__swap_count(sim, swp_entry(0, off)), 1);
	assert_false(map_of(sim, off) & COUNT_CONTINUED);
	assert_sim_clean(sim);
}

static void fork_clears_parent_exclusive_bit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x80), off;
	struct sim_pte_info p, c;
	int child;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	assert_true(query_pte(sim, 0, addr).swp_exclusive);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	p = query_pte(sim, 0, addr);
	c = query_pte(sim, child, addr);
	assert_int_equal(p.kind, SIM_PTE_SWAP);
	assert_int_equal(c.kind, SIM_PTE_SWAP);
	assert_false(p.swp_exclusive);
	assert_false(c.swp_exclusive);
	assert_int_equal(c.swp_type, p.swp_type);
	assert_int_equal(c.swp_offset, off);
	assert_int_equal(p.swp_offset, off);
	assert_int_equal(map_of(sim, off), 2 | SWAP_HAS_CACHE);
	assert_int_equal(sim->mms[0]->rss_stat[MM_SWAPENTS], 1);
	assert_int_equal(sim->mms[child]->rss_stat[MM_SWAPENTS], 1);
	assert_int_equal(sim->mms[child]->rss_stat[MM_ANONPAGES], 0);
	assert_int_equal(sim_check_fork(sim, 0, child, NULL, NULL), 0);
	assert_sim_clean(sim);
	/* Two users: nobody can take the page exclusive on a read. */
	assert_int_equal(load_val(sim, 0, addr), 0x80);
	p = query_pte(sim, 0, addr);
	assert_false(p.exclusive);
	assert_false(p.writable);
	assert_int_equal(map_of(sim, off), 1 | SWAP_HAS_CACHE);
	assert_sim_clean(sim);
}

static void read_swapin_is_a_swap_cache_hit(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x90), off;
	struct page *page = page_at(sim, 0, addr);
	unsigned int gen = page->sim_gen;
	unsigned long faults = sim_event_count(sim, SIM_PGFAULT);
	struct sim_pte_info in;
	pte_t pte;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	assert_int_equal(load_val(sim, 0, addr), 0x90);
	assert_int_equal(sim_event_count(sim, SIM_PGFAULT), faults + 1);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.kind, SIM_PTE_PRESENT);
	assert_int_equal(in.pfn, page_to_pfn(page));
	assert_int_equal(in.gen, gen);
	assert_true(in.exclusive);
	/* v6.11+: writable on a read fault, but not dirty. */
	pte = *pte_of(sim, 0, addr);
	assert_true(pte_write(pte));
	assert_false(pte_dirty(pte));
	/* The slot has no PTE user left; the swap cache stays. */
	assert_int_equal(map_of(sim, off), SWAP_HAS_CACHE);
	assert_ptr_equal(cache_of(sim, off), page);
	assert_int_equal(page_ref_count(page), 2);
	assert_int_equal(sim->mms[0]->rss_stat[MM_SWAPENTS], 0);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 1);
	assert_sim_clean(sim);
	/* The store needs no fault: the PTE is writable already. */
	store(sim, 0, addr, 0x91);
	assert_int_equal(sim_event_count(sim, SIM_PGFAULT), faults + 1);
	assert_true(pte_dirty(*pte_of(sim, 0, addr)));
	assert_sim_clean(sim);
}

static void read_swapin_without_bit_is_readonly(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = previously_shared_page(sim, 0xa0), off;
	struct page *page = page_at(sim, 0, addr);
	struct sim_pte_info in;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	assert_int_equal(load_val(sim, 0, addr), 0xa0);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.pfn, page_to_pfn(page));
	assert_false(in.exclusive);
	assert_false(in.writable);
	assert_ptr_equal(cache_of(sim, off), page);
	assert_sim_clean(sim);
	/* The write frees the unused swap cache and reuses the page. */
	store(sim, 0, addr, 0xa1);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.pfn, page_to_pfn(page));
	assert_true(in.exclusive);
	assert_true(in.writable);
	assert_int_equal(map_of(sim, off), 0);
	assert_false(folio_test_swapcache(page_folio(page)));
	assert_true(PageDirty(page));
	assert_sim_clean(sim);
}

static void write_swapin_frees_swap_cache(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0xb0), off;
	struct page *page = page_at(sim, 0, addr);
	unsigned long copies = sim_event_count(sim, SIM_COW_COPY);
	struct sim_pte_info in;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	store(sim, 0, addr, 0xb1);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.pfn, page_to_pfn(page));
	assert_true(in.exclusive);
	assert_true(in.writable);
	assert_int_equal(sim_event_count(sim, SIM_COW_COPY), copies);
	assert_int_equal(map_of(sim, off), 0);
	assert_null(cache_of(sim, off));
	assert_int_equal(si0(sim)->inuse_pages, 0);
	assert_int_equal(page_ref_count(page), 1);
	assert_true(pte_dirty(*pte_of(sim, 0, addr)));
	assert_sim_clean(sim);
}

/*
 * origin.swp-exclusive: the FOLL_GET|FOLL_WRITE reference must not lose
 * its write.
 */
static void swp_exclusive_foll_get_write_is_not_lost(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0xc0);
	struct page *page = page_at(sim, 0, addr);
	struct sim_pte_info in;
	uint64_t val;
	int h;

	h = sim_gup(sim, 0, addr, SIM_GUP_WRITE);
	assert_true(h >= 0);
	swapout(sim, 0, addr, 1);
	assert_true(query_pte(sim, 0, addr).swp_exclusive);
	assert_int_equal(load_val(sim, 0, addr), 0xc0);
	store(sim, 0, addr, 0xc1);
	in = query_pte(sim, 0, addr);
	assert_int_equal(in.pfn, page_to_pfn(page));
	assert_true(in.exclusive);
	assert_int_equal(sim_dma_write(sim, h, 0xc2), 0);
	assert_int_equal(load_val(sim, 0, addr), 0xc2);
	assert_int_equal(sim_dma_read(sim, h, &val), 0);
	assert_int_equal(val, 0xc2);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

/* The same without the swap-PTE bit: the write copies, DMA is lost. */
static void swp_exclusive_without_the_bit_loses_the_write(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct page *page;
	int h;

	assert_int_equal(sim_set_policy(sim, "latest,swp_exclusive=off"), 0);
	addr = written_page(sim, 0xd0);
	page = page_at(sim, 0, addr);
	h = sim_gup(sim, 0, addr, SIM_GUP_WRITE);
	assert_true(h >= 0);
	swapout(sim, 0, addr, 1);
	assert_false(query_pte(sim, 0, addr).swp_exclusive);
	assert_int_equal(load_val(sim, 0, addr), 0xd0);
	assert_false(query_pte(sim, 0, addr).exclusive);
	store(sim, 0, addr, 0xd1);
	assert_int_not_equal(query_pte(sim, 0, addr).pfn, page_to_pfn(page));
	assert_int_equal(sim_dma_write(sim, h, 0xd2), 0);
	assert_int_equal(load_val(sim, 0, addr), 0xd1);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void pinned_page_is_not_swapped_out(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0xe0);
	struct page *page = page_at(sim, 0, addr);
	pte_t before = *pte_of(sim, 0, addr);
	int h = sim_gup(sim, 0, addr, SIM_GUP_PIN);

	assert_true(h >= 0);
	swapout(sim, 0, addr, 1);
	assert_int_equal(pte_val(*pte_of(sim, 0, addr)),
			 pte_val(pte_mkold(before)));
	assert_true(PageAnonExclusive(page));
	assert_false(folio_test_swapcache(page_folio(page)));
	assert_int_equal(si0(sim)->inuse_pages, 0);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

/* A pin taken while the page is in the swap cache: try_to_unmap fails. */
static void pinned_page_in_swap_cache_stays_mapped(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0xe8), off;
	struct page *page;
	int h;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	assert_int_equal(load_val(sim, 0, addr), 0xe8);
	page = page_at(sim, 0, addr);
	h = sim_gup(sim, 0, addr, SIM_GUP_PIN);
	assert_true(h >= 0);
	swapout(sim, 0, addr, 1);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	assert_true(PageAnonExclusive(page));
	/* try_to_unmap_one gave back the count it took. */
	assert_int_equal(map_of(sim, off), SWAP_HAS_CACHE);
	assert_sim_clean(sim);
	assert_int_equal(sim_unpin(sim, h), 0);
}

static void sync_device_skips_swap_cache(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, off, allocated;
	struct page *page;
	struct sim_pte_info in;

	assert_int_equal(sim_swapdev(sim, 0, true, false, false), 0);
	assert_true(si0(sim)->flags & SWP_SYNCHRONOUS_IO);
	addr = previously_shared_page(sim, 0xf0);
	page = page_at(sim, 0, addr);
	allocated = sim->nr_allocated;
	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	/* The write completed at once: the page is freed. */
	assert_int_equal(sim->nr_allocated, allocated - 1);
	assert_true(PageBuddy(page));
	assert_int_equal(map_of(sim, off), 1);
	assert_null(cache_of(sim, off));
	assert_sim_clean(sim);
	assert_int_equal(load_val(sim, 0, addr), 0xf0);
	in = query_pte(sim, 0, addr);
	/* A fresh folio never in the swap cache: certainly exclusive. */
	assert_true(in.exclusive);
	assert_true(in.writable);
	assert_false(folio_test_swapcache(page_folio(page_at(sim, 0, addr))));
	assert_int_equal(map_of(sim, off), 0);
	assert_int_equal(si0(sim)->inuse_pages, 0);
	assert_sim_clean(sim);
}

static void sync_device_shared_slot_uses_swap_cache(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, off;
	struct page *page;
	int child;

	assert_int_equal(sim_swapdev(sim, 0, true, false, false), 0);
	addr = written_page(sim, 0xf8);
	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(map_of(sim, off), 2);
	assert_int_equal(load_val(sim, child, addr), 0xf8);
	page = page_at(sim, child, addr);
	assert_ptr_equal(cache_of(sim, off), page);
	assert_int_equal(map_of(sim, off), 1 | SWAP_HAS_CACHE);
	assert_false(PageAnonExclusive(page));
	assert_sim_clean(sim);
}

static void stable_writes_under_writeback_not_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr, off;
	struct page *page;

	assert_int_equal(sim_swapdev(sim, 0, false, true, true), 0);
	assert_true(si0(sim)->flags & SWP_STABLE_WRITES);
	addr = written_page(sim, 0x100);
	page = page_at(sim, 0, addr);
	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	assert_true(PageWriteback(page));
	assert_true(query_pte(sim, 0, addr).swp_exclusive);
	assert_int_equal(load_val(sim, 0, addr), 0x100);
	assert_false(query_pte(sim, 0, addr).exclusive);
	assert_false(query_pte(sim, 0, addr).writable);
	assert_sim_clean(sim);
	sim_writeback_done(sim);
	assert_false(PageWriteback(page));
	store(sim, 0, addr, 0x101);
	assert_ptr_equal(page_at(sim, 0, addr), page);
	assert_true(PageAnonExclusive(page));
	assert_int_equal(map_of(sim, off), 0);
	assert_sim_clean(sim);
}

static void writeback_without_stable_writes_is_exclusive(void **state)
{
	struct sim *sim = *state;
	unsigned long addr;
	struct page *page;

	assert_int_equal(sim_swapdev(sim, 0, false, false, true), 0);
	addr = written_page(sim, 0x108);
	page = page_at(sim, 0, addr);
	swapout(sim, 0, addr, 1);
	assert_true(PageWriteback(page));
	assert_int_equal(load_val(sim, 0, addr), 0x108);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_true(query_pte(sim, 0, addr).writable);
	assert_sim_clean(sim);
}

static void swapoff_maps_back_readonly_exclusive_iff_bit(void **state)
{
	struct sim *sim = *state;
	/* b first: its fork must not make a shared too. */
	unsigned long b = previously_shared_page(sim, 0x111);
	unsigned long a = written_page(sim, 0x110);
	struct sim_pte_info ia, ib;

	swapout(sim, 0, a, 1);
	swapout(sim, 0, b, 1);
	assert_true(query_pte(sim, 0, a).swp_exclusive);
	assert_false(query_pte(sim, 0, b).swp_exclusive);
	assert_int_equal(sim_swapoff(sim), 0);
	assert_null(sim->swap_info[0]);
	assert_int_equal(sim->nr_swapfiles, 0);
	ia = query_pte(sim, 0, a);
	ib = query_pte(sim, 0, b);
	assert_int_equal(ia.kind, SIM_PTE_PRESENT);
	assert_int_equal(ib.kind, SIM_PTE_PRESENT);
	assert_false(ia.writable);
	assert_false(ib.writable);
	assert_true(ia.exclusive);
	assert_false(ib.exclusive);
	assert_false(pte_young(*pte_of(sim, 0, a)));
	assert_false(folio_test_swapcache(page_folio(page_at(sim, 0, a))));
	assert_int_equal(sim->mms[0]->rss_stat[MM_SWAPENTS], 0);
	assert_int_equal(sim->mms[0]->rss_stat[MM_ANONPAGES], 2);
	assert_sim_clean(sim);
	/* No device left: pageout keeps the page. */
	swapout(sim, 0, a, 1);
	assert_int_equal(query_pte(sim, 0, a).kind, SIM_PTE_PRESENT);
	assert_int_equal(load_val(sim, 0, a), 0x110);
	assert_int_equal(load_val(sim, 0, b), 0x111);
	assert_sim_clean(sim);
}

/* sim_swapdev swaps everything back in before it replaces the device. */
static void swapdev_brings_pages_back_first(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = written_page(sim, 0x120);

	swapout(sim, 0, addr, 1);
	assert_int_equal(sim_swapdev(sim, 0, true, false, false), 0);
	assert_int_equal(query_pte(sim, 0, addr).kind, SIM_PTE_PRESENT);
	assert_true(query_pte(sim, 0, addr).exclusive);
	assert_int_equal(si0(sim)->inuse_pages, 0);
	assert_true(si0(sim)->flags & SWP_SYNCHRONOUS_IO);
	assert_int_equal(load_val(sim, 0, addr), 0x120);
	assert_sim_clean(sim);
}

static void rss_swapents_follow_swap_ptes(void **state)
{
	struct sim *sim = *state;
	unsigned long addr = map_rw(sim, 0, 3);
	struct mm_struct *mm = sim->mms[0];
	int child, i;

	for (i = 0; i < 3; i++)
		store(sim, 0, addr + i * PAGE_SIZE, 0x130 + i);
	swapout(sim, 0, addr, 2);
	assert_int_equal(mm->rss_stat[MM_SWAPENTS], 2);
	assert_int_equal(mm->rss_stat[MM_ANONPAGES], 1);
	child = sim_fork(sim, 0);
	assert_true(child > 0);
	assert_int_equal(sim->mms[child]->rss_stat[MM_SWAPENTS], 2);
	assert_int_equal(sim->mms[child]->rss_stat[MM_ANONPAGES], 1);
	assert_int_equal(load_val(sim, 0, addr), 0x130);
	assert_int_equal(mm->rss_stat[MM_SWAPENTS], 1);
	assert_int_equal(mm->rss_stat[MM_ANONPAGES], 2);
	assert_int_equal(
		sim_madvise(sim, child, addr + PAGE_SIZE, 1, MADV_DONTNEED), 0);
	assert_int_equal(sim->mms[child]->rss_stat[MM_SWAPENTS], 1);
	assert_sim_clean(sim);
}

/* A state with swap of every kind, for teardown and clones. */
struct swap_layout {
	unsigned long a, s;
	int child, get;
};

static void build_swap_state(struct sim *sim, struct swap_layout *l)
{
	int i;

	l->a = map_rw(sim, 0, 5);
	for (i = 0; i < 5; i++)
		store(sim, 0, l->a + i * PAGE_SIZE, 0x200 + i);
	/* A FOLL_GET reference keeps page 4 in the swap cache. */
	l->get = sim_gup(sim, 0, l->a + 4 * PAGE_SIZE, SIM_GUP_WRITE);
	assert_true(l->get >= 0);
	swapout(sim, 0, l->a, 5);
	/* Page 0 read back, page 1 written back in. */
	assert_int_equal(load_val(sim, 0, l->a), 0x200);
	store(sim, 0, l->a + PAGE_SIZE, 0x211);
	/* The child shares slots 2..4 and page 0. */
	l->child = sim_fork(sim, 0);
	assert_true(l->child > 0);
	assert_int_equal(load_val(sim, l->child, l->a + 2 * PAGE_SIZE), 0x202);
	l->s = map_rw(sim, l->child, 1);
	store(sim, l->child, l->s, 0x220);
	swapout(sim, l->child, l->s, 1);
	assert_sim_clean(sim);
}

static void teardown_leaves_no_used_slot(void **state)
{
	struct sim *sim = *state;
	struct swap_layout l;
	struct swap_info_struct *si;
	unsigned long off;

	build_swap_state(sim, &l);
	si = si0(sim);
	assert_true(si->inuse_pages > 0);
	assert_int_equal(sim_teardown(sim), 0);
	for (off = 1; off < si->max; off++) {
		assert_int_equal(swap_slot_map(si, off), 0);
		assert_null(swap_slot_cache(si, off));
	}
	assert_int_equal(si->inuse_pages, 0);
	assert_int_equal(si->swap_map[0], SWAP_MAP_BAD);
	assert_sim_clean(sim);
}

/* Also with writeback in flight and a zram-like device. */
static void teardown_of_slow_and_sync_devices(void **state)
{
	struct sim *sim = *state;
	struct swap_layout l;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		struct sim *s = pass ? sim_create() : sim;

		assert_non_null(s);
		assert_int_equal(sim_swapdev(s, 0, pass, true, !pass), 0);
		build_swap_state(s, &l);
		assert_int_equal(sim_teardown(s), 0);
		assert_int_equal(si0(s)->inuse_pages, 0);
		assert_sim_clean(s);
		if (pass)
			sim_destroy(s);
	}
}

static void clone_of_swapped_state_is_equal_and_independent(void **state)
{
	struct sim *sim = *state, *copy;
	struct swap_info_struct *csi;
	struct swap_layout l;
	unsigned long off;
	int i;

	build_swap_state(sim, &l);
	copy = sim_clone(sim);
	assert_non_null(copy);
	assert_true(sim_equal(sim, copy));
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	assert_sim_clean(copy);
	/* The clone's swap cache holds the clone's pages. */
	csi = si0(copy);
	for (off = 1; off < csi->max; off++) {
		assert_int_equal(swap_slot_map(csi, off),
				 swap_slot_map(si0(sim), off));
		if (!swap_slot_cache(si0(sim), off)) {
			assert_null(swap_slot_cache(csi, off));
			continue;
		}
		assert_ptr_not_equal(swap_slot_cache(csi, off),
				     swap_slot_cache(si0(sim), off));
		assert_ptr_equal(swap_slot_cache(csi, off),
				 pfn_to_page(copy, page_to_pfn(swap_slot_cache(
							   si0(sim), off))));
	}
	for (i = 0; i < 5; i++) {
		struct sim_pte_info a = query_pte(sim, 0, l.a + i * PAGE_SIZE);
		struct sim_pte_info b = query_pte(copy, 0, l.a + i * PAGE_SIZE);

		assert_memory_equal(&a, &b, sizeof(a));
	}
	/* A swap-in on the clone only: they differ. */
	assert_int_equal(load_val(copy, 0, l.a + 3 * PAGE_SIZE), 0x203);
	assert_false(sim_equal(sim, copy));
	assert_int_equal(query_pte(sim, 0, l.a + 3 * PAGE_SIZE).kind,
			 SIM_PTE_SWAP);
	/* The same on the original: equal again. */
	assert_int_equal(load_val(sim, 0, l.a + 3 * PAGE_SIZE), 0x203);
	assert_true(sim_equal(sim, copy));
	assert_int_equal(sim_hash(sim), sim_hash(copy));
	/* The original goes; the clone swaps everything in and tears down. */
	sim_destroy(sim);
	*state = NULL;
	for (i = 0; i < 5; i++)
		assert_int_equal(load_val(copy, 0, l.a + i * PAGE_SIZE),
				 i == 1 ? 0x211 : 0x200 + (uint64_t)i);
	assert_int_equal(load_val(copy, l.child, l.s), 0x220);
	assert_sim_clean(copy);
	assert_int_equal(sim_teardown(copy), 0);
	assert_int_equal(si0(copy)->inuse_pages, 0);
	sim_destroy(copy);
}

static void equal_sees_swap_state(void **state)
{
	struct sim *sim = *state, *copy;
	unsigned long addr = written_page(sim, 0x300), off;
	pte_t *ptep;

	swapout(sim, 0, addr, 1);
	off = slot_at(sim, 0, addr);
	copy = sim_clone(sim);
	assert_true(sim_equal(sim, copy));
	/* The exclusive bit of the swap PTE is state. */
	ptep = pte_of(copy, 0, addr);
	*ptep = pte_swp_clear_exclusive(*ptep);
	assert_false(sim_equal(sim, copy));
	*ptep = pte_swp_mkexclusive(*ptep);
	assert_true(sim_equal(sim, copy));
	/* So is what the slot holds. */
	si0(copy)->sim_data[off]++;
	assert_false(sim_equal(sim, copy));
	si0(copy)->sim_data[off]--;
	assert_true(sim_equal(sim, copy));
	/* And the device kind. */
	sim_destroy(copy);
	copy = sim_clone(sim);
	si0(copy)->flags |= SWP_STABLE_WRITES;
	assert_false(sim_equal(sim, copy));
	sim_destroy(copy);
}

/*
 * The allocator's bookkeeping follows the slots: each cluster counts its
 * used slots (the header and the slots past the end included) and is on
 * the list its count says (free when empty, full when full), after
 * random swap-outs, swap-ins and zaps of small pages on a swap file and
 * on zram, under each allocator (policy swap_alloc; under v6.12 a device
 * of 1024 pages has 6.12's slots cache on, whose slots count as used and
 * keep SWAP_HAS_CACHE with no folio, which the checker allows); every
 * slot handed out was free.
 */
static void cluster_counts(struct sim *sim)
{
	struct swap_info_struct *si = si0(sim);
	unsigned int c, n = swap_nr_clusters(si);
	unsigned long off, used;

	if (!si->cluster_info)
		return;
	for (c = 0; c < n; c++) {
		struct swap_cluster_info *ci = &si->cluster_info[c];

		used = 0;
		for (off = c * SWAPFILE_CLUSTER;
		     off < (c + 1) * SWAPFILE_CLUSTER; off++)
			used += off >= si->max || swap_slot_map(si, off) != 0;
		assert_int_equal(ci->count, used);
		if (ci->flags == CLUSTER_FLAG_FREE)
			assert_int_equal(used, 0);
		if (ci->flags == CLUSTER_FLAG_FULL)
			assert_int_equal(used, SWAPFILE_CLUSTER);
		assert_true(ci->flags != CLUSTER_FLAG_NONE);
	}
}

static void allocator_follows_slots(const char *policy, bool sync,
				    unsigned int pages)
{
	struct sim *sim = sim_create();
	unsigned long addr, i, step;
	unsigned int seed = 1;
	const unsigned long n = 700;

	assert_int_equal(sim_set_policy(sim, policy), 0);
	assert_int_equal(sim_swapdev(sim, pages, sync, false, false), 0);
	addr = map_rw(sim, 0, n);
	for (i = 0; i < n; i++)
		store(sim, 0, addr + i * PAGE_SIZE, i + 1);
	for (step = 0; step < 3000; step++) {
		unsigned long a;

		seed = seed * 1103515245 + 12345;
		a = addr + ((seed >> 8) % n) * PAGE_SIZE;
		switch ((seed >> 20) % 4) {
		case 0:
		case 1:
			assert_int_equal(sim_swapout(sim, 0, a, 1), 0);
			break;
		case 2:
			assert_int_equal(sim_store(sim, 0, a, seed), 0);
			break;
		default:
			assert_int_equal(
				sim_madvise(sim, 0, a, 1, MADV_DONTNEED), 0);
			break;
		}
		if (!(step % 50)) {
			cluster_counts(sim);
			assert_sim_clean(sim);
		}
	}
	cluster_counts(sim);
	assert_sim_clean(sim);
	sim_destroy(sim);
}

static void allocator_bookkeeping_follows_slots(void **state)
{
	(void)state;
	allocator_follows_slots("latest", false, 1024);
	allocator_follows_slots("latest", true, 1024);
	allocator_follows_slots("latest", true, 300);
	allocator_follows_slots("v6.12", false, 1024);
	allocator_follows_slots("v6.12", true, 1024);
	allocator_follows_slots("v6.12", true, 300);
	allocator_follows_slots("v6.12", false, 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		test_with_sim(swapout_of_exclusive_page_sets_the_bit),
		test_with_sim(swapout_of_previously_shared_page_has_no_bit),
		test_with_sim(swp_exclusive_bit_iff_anon_exclusive),
		test_with_sim(swap_duplicate_and_swap_free_count_users),
		test_with_sim(slot_is_released_with_its_last_user),
		cmocka_unit_test(allocator_bookkeeping_follows_slots),
		test_with_sim(zap_keeps_swap_cache_of_a_mapped_page),
		test_with_sim(fork_past_swap_map_max_continues_the_count),
		test_with_sim(fork_clears_parent_exclusive_bit),
		test_with_sim(read_swapin_is_a_swap_cache_hit),
		test_with_sim(read_swapin_without_bit_is_readonly),
		test_with_sim(write_swapin_frees_swap_cache),
		test_with_sim(swp_exclusive_foll_get_write_is_not_lost),
		test_with_sim(swp_exclusive_without_the_bit_loses_the_write),
		test_with_sim(pinned_page_is_not_swapped_out),
		test_with_sim(pinned_page_in_swap_cache_stays_mapped),
		test_with_sim(sync_device_skips_swap_cache),
		test_with_sim(sync_device_shared_slot_uses_swap_cache),
		test_with_sim(stable_writes_under_writeback_not_exclusive),
		test_with_sim(writeback_without_stable_writes_is_exclusive),
		test_with_sim(swapoff_maps_back_readonly_exclusive_iff_bit),
		test_with_sim(swapdev_brings_pages_back_first),
		test_with_sim(rss_swapents_follow_swap_ptes),
		test_with_sim(teardown_leaves_no_used_slot),
		test_with_sim(teardown_of_slow_and_sync_devices),
		test_with_sim(clone_of_swapped_state_is_equal_and_independent),
		test_with_sim(equal_sees_swap_state),
	};

	cmocka_set_message_output(CM_OUTPUT_TAP);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
