// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/swap_state.c at v6.12 for small folios: the swap cache (a
 * folio in it has PG_swapcache, folio->swap, one reference held by the
 * cache, and SWAP_HAS_CACHE in its slot's count), add_to_swap for reclaim
 * and swapin_readahead for faults.
 *
 * Deviation: no readahead; swapin_readahead reads exactly the faulting
 * slot.
 */
#include "linux/rmap.h"
#include "linux/swap.h"
#include "sim/sim.h"

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
	struct swap_info_struct *si = swp_swap_info(folio->sim, entry);
	unsigned long off = swp_offset(entry);

	if (si->sim_cache[off])
		return -EEXIST;
	folio_ref_add(folio, 1);
	folio_set_swapcache(folio);
	folio->private = entry.val;
	si->sim_cache[off] = &folio->page;
	si->swap_map[off] |= SWAP_HAS_CACHE;
	return 0;
}

/*
 * delete_from_swap_cache - the folio leaves the swap cache: the cache's
 * reference and SWAP_HAS_CACHE go; the slot is free if no PTE uses it.
 */
void delete_from_swap_cache(struct folio *folio)
{
	swp_entry_t entry = folio_swap_entry(folio);
	struct swap_info_struct *si = swp_swap_info(folio->sim, entry);
	unsigned long off = swp_offset(entry);

	si->sim_cache[off] = NULL;
	folio_clear_swapcache(folio);
	folio->private = 0;
	swapcache_clear(folio->sim, entry);
	folio_put(folio);
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
	si = swp_swap_info(folio->sim, entry);
	/* folio_alloc_swap already set SWAP_HAS_CACHE for us. */
	si->swap_map[swp_offset(entry)] &= ~SWAP_HAS_CACHE;
	add_to_swap_cache(folio, entry);
	folio_set_dirty(folio);
	return true;
}

/*
 * swapin_readahead - read @entry into a new folio in the swap cache.
 * Returns it with the caller's reference.  The folio is not anon yet: the
 * fault maps it with folio_add_new_anon_rmap.
 */
struct folio *swapin_readahead(struct sim *sim, swp_entry_t entry)
{
	struct folio *folio = folio_alloc(sim);

	__folio_set_swapbacked(folio);
	add_to_swap_cache(folio, entry);
	swap_read_folio(folio);
	folio_add_lru_vma(folio, NULL);
	return folio;
}
