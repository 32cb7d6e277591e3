// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/swap_state.c at v6.12 for small folios: the swap cache (a
 * folio in it has PG_swapcache, folio->swap, one reference held by the
 * cache, and SWAP_HAS_CACHE in its slot's count), add_to_swap for reclaim
 * and swapin_readahead (VMA readahead) for faults.
 *
 * Deviation: VMA readahead uses a fixed window of 1 << page_cluster = 8
 * pages around the fault (as this machine's 6.18 was measured to do on a
 * first fault) instead of adapting it to readahead hits;
 * no cluster (offset-based) readahead.
 */
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/* swap_cache_get_folio - the cached folio of @entry with a reference. */
struct folio *swap_cache_get_folio(struct sim *sim, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	struct page *page;

	if (!si)
		return NULL;
	page = si->sim_cache[swp_offset(entry)];
	if (!page)
		return NULL;
	folio_get(page_folio(page));
	return page_folio(page);
}

int add_to_swap_cache(struct folio *folio, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(folio_sim(folio), entry);
	unsigned long off = swp_offset(entry);

	if (si->sim_cache[off])
		return -EEXIST;
	folio_ref_add(folio, 1);
	folio_set_swapcache(folio);
	folio->swap = entry;
	sim_touch_page(&folio->page);
	si->sim_cache[off] = &folio->page;
	sim_touch_cache(folio_sim(folio), NULL, &folio->page);
	si->swap_map[off] |= SWAP_HAS_CACHE;
	return 0;
}

/*
 * delete_from_swap_cache - the folio leaves the swap cache: the cache's
 * reference and SWAP_HAS_CACHE go; the slot is free if no PTE uses it.
 */
void delete_from_swap_cache(struct folio *folio)
{
	swp_entry_t entry = folio->swap;
	struct swap_info_struct *si = swp_swap_info(folio_sim(folio), entry);
	unsigned long off = swp_offset(entry);

	si->sim_cache[off] = NULL;
	sim_touch_cache(folio_sim(folio), &folio->page, NULL);
	folio_clear_swapcache(folio);
	folio->swap.val = 0;
	sim_touch_page(&folio->page);
	swapcache_clear(folio_sim(folio), entry);
	folio_put(folio);
}

/*
 * free_swap_cache - a folio that just lost its last mapping need not stay
 * in the swap cache if no swap PTE uses its slot either.
 */
void free_swap_cache(struct folio *folio)
{
	if (folio_test_swapcache(folio) && !folio_mapped(folio))
		folio_free_swap(folio);
}

/*
 * add_to_swap - give a reclaimed anon folio a slot and put it in the swap
 * cache.  It is dirty: its contents are not on the device yet.
 */
bool add_to_swap(struct folio *folio)
{
	swp_entry_t entry = folio_alloc_swap(folio);
	struct swap_info_struct *si;

	if (!entry.val)
		return false;
	si = swp_swap_info(folio_sim(folio), entry);
	/* folio_alloc_swap already set SWAP_HAS_CACHE for us. */
	si->swap_map[swp_offset(entry)] &= ~SWAP_HAS_CACHE;
	add_to_swap_cache(folio, entry);
	folio_set_dirty(folio);
	return true;
}

#define SIM_PAGE_CLUSTER 3

/* One PTE of the readahead window; private: the faulting address. */
static int swap_ra_pte_entry(pte_t *ptep, unsigned long addr,
			     unsigned long next, struct mm_walk *walk)
{
	struct sim *sim = walk->mm->sim;
	swp_entry_t ra;
	struct folio *folio;

	if (addr == *(unsigned long *)walk->private || !is_swap_pte(*ptep))
		return 0;
	ra = pte_to_swp_entry(*ptep);
	if (non_swap_entry(ra) || !swp_swap_info(sim, ra))
		return 0;
	folio = swap_cache_get_folio(sim, ra);
	if (folio) {
		folio_put(folio);
		return 0;
	}
	/* read_swap_cache_async: cached, not mapped. */
	folio = read_swap_cache_async(sim, ra);
	folio_put(folio);
	sim_trace(sim,
		  "swap_vma_readahead: %#lx: %u:%#llx into the "
		  "swap cache",
		  addr, swp_type(ra), (unsigned long long)swp_offset(ra));
	return 0;
}

static const struct mm_walk_ops swap_ra_walk_ops = {
	.pte_entry = swap_ra_pte_entry,
};

/*
 * swap_vma_readahead - read the swap PTEs around the faulting address into
 * the swap cache too (swap_vma_ra_win: a window centred on the fault,
 * within the VMA and its PMD), then return the faulting entry's folio with
 * a reference.  Pages read ahead are only cached, not mapped: a later
 * fault on them is a swap-cache hit, which matters on a
 * SWP_SYNCHRONOUS_IO device, where it is not a fresh (exclusive) page.
 * Deviation: the kernel reads the window's PTEs from the PTE table
 * directly; the model uses walk_page_range_vma() (mm/pagewalk.c).
 */
static struct folio *swap_vma_readahead(struct vm_fault *vmf, swp_entry_t entry)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	unsigned long win = 1UL << SIM_PAGE_CLUSTER, faddr = vmf->address;
	unsigned long left, right;

	left = faddr - (((win - 1) / 2) << PAGE_SHIFT);
	right = left + (win << PAGE_SHIFT);
	if (left > faddr)
		left = 0;
	if (left < vma->vm_start)
		left = vma->vm_start;
	if (left < (faddr & PMD_MASK))
		left = faddr & PMD_MASK;
	if (right > vma->vm_end)
		right = vma->vm_end;
	if (right > (faddr & PMD_MASK) + PMD_SIZE)
		right = (faddr & PMD_MASK) + PMD_SIZE;
	walk_page_range_vma(vma, left, right, &swap_ra_walk_ops, &faddr);
	return read_swap_cache_async(sim, entry);
}

/*
 * read_swap_cache_async - the folio of @entry in the swap cache: the one
 * there already (__read_swap_cache_async looks first: the readahead
 * window may just have read it, when another PTE of the window holds the
 * same entry), or a new one read into it.  Returns it with the caller's
 * reference.  A new folio is not anon yet: the fault maps it with
 * folio_add_new_anon_rmap.
 */
struct folio *read_swap_cache_async(struct sim *sim, swp_entry_t entry)
{
	struct folio *folio = swap_cache_get_folio(sim, entry);

	if (folio)
		return folio;
	folio = folio_alloc(sim);

	__folio_set_swapbacked(folio);
	add_to_swap_cache(folio, entry);
	swap_read_folio(folio);
	folio_add_lru_vma(folio, NULL);
	return folio;
}

/*
 * swapin_readahead - the fault's way into the swap cache: VMA readahead
 * (the model has no cluster readahead).
 */
struct folio *swapin_readahead(swp_entry_t entry, struct vm_fault *vmf)
{
	return swap_vma_readahead(vmf, entry);
}
