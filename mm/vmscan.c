// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models the anon part of shrink_folio_list (mm/vmscan.c at v6.12) as
 * MADV_PAGEOUT drives it through reclaim_pages (reclaim.folio): a folio enters
 * the swap cache, is unmapped into swap PTEs, written out, and freed only if
 * nothing but the swap cache and the isolation still hold it.
 *
 * Pinned folios are kept: never added to swap, and re-checked after the
 * unmap.  A swap file's writeback is asynchronous, so the folio is still
 * under writeback when reclaim looks again and stays in the swap cache
 * (this machine's kernel, obs.swapin-swap-file); a SWP_SYNCHRONOUS_IO
 * device completes the write at once and the folio is freed.
 *
 * Shmem folios are unmapped and written to swap by shmem_writepage
 * (mm/shmem.c), clean ones dropped.
 *
 * Large folios: one with references beyond its mappings cannot be split
 * and stays.  A swap file cannot take any other whole
 * (scan_swap_map_slots wants a block device with clusters for a large
 * allocation): it is split, its zero-filled pages mapped to the zero
 * page, and the rest swapped one by one.  A SWP_SYNCHRONOUS_IO device
 * (zram) takes it whole (THP_SWAP): every page gets its swap entry, the
 * slots contiguous and aligned; the model splits it without the zero
 * page and puts each page in the swap cache at its slot
 * (split_folio_for_swap), which ends the same once the folio is written
 * and freed.
 *
 * Folios of a regular file are unmapped too; a clean one leaves the page
 * cache (its data is on disk), a dirty one stays, activated: only kswapd
 * writes file folios out from reclaim (shrink_folio_list), and
 * MADV_PAGEOUT's reclaim_pages is not kswapd.
 *
 * Omits: MADV_FREE folios, memcg; PG_mlocked
 * (a folio mapped in a VM_LOCKED VMA stays mapped: try_to_unmap_one).
 */
#include "linux/huge_mm.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/* The page cache object of a file folio. */
static struct address_space *folio_mapping_as(struct folio *folio)
{
	return (struct address_space *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
}

/*
 * shrink_folio_list for a page cache folio (shmem, or a regular file's,
 * below): unmapped (each PTE cleared, the page stays in the page
 * cache); then a dirty one is written by
 * shmem_writepage, which moves it into the swap cache and leaves its
 * swap entry in the mapping, and a clean one (never written since it was
 * filled with zeros) is simply dropped from the page cache
 * (__remove_mapping).  Only the isolation and the cache may hold it by
 * then (is_page_cache_freeable, __remove_mapping).
 */
static bool shrink_file_folio(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	struct swap_info_struct *si;
	int ret;

	if (folio_mapped(folio) && !try_to_unmap(folio, TTU_NONE))
		return false;
	if (folio_ref_count(folio) != 2) {
		sim_trace(sim,
			  "shrink_folio_list: page cache pfn %#lx has %d extra "
			  "references: kept",
			  page_to_pfn(&folio->page),
			  folio_ref_count(folio) - 2);
		return false;
	}
	if (!shmem_mapping(folio_mapping_as(folio))) {
		if (folio_test_dirty(folio)) {
			sim_trace(sim,
				  "shrink_folio_list: dirty file pfn %#lx "
				  "stays in the page cache (not kswapd: no "
				  "writeback from reclaim)",
				  page_to_pfn(&folio->page));
			return false;
		}
		sim_trace(sim,
			  "shrink_folio_list: clean file pfn %#lx dropped "
			  "from the page cache",
			  page_to_pfn(&folio->page));
		filemap_remove_folio(folio);
		return true;
	}
	/* shmem */
	if (!folio_test_dirty(folio)) {
		/* __remove_mapping of a clean page cache folio. */
		sim_trace(sim,
			  "shrink_folio_list: clean shmem pfn %#lx "
			  "dropped from the page cache",
			  page_to_pfn(&folio->page));
		shmem_drop_clean_folio(folio);
		return true;
	}
	ret = shmem_writepage(folio);
	if (ret < 0) {
		sim_trace(sim, "shmem_writepage: no swap space");
		return false;
	}
	si = swp_swap_info(sim, folio->swap);
	if (!ret && !(si->flags & SWP_SYNCHRONOUS_IO)) {
		sim_trace(sim,
			  "shrink_folio_list: shmem pfn %#lx written out, "
			  "stays in the swap cache",
			  page_to_pfn(&folio->page));
		return false;
	}
	if (folio_test_writeback(folio))
		return false;
	sim_trace(sim, "shrink_folio_list: pfn %#lx freed",
		  page_to_pfn(&folio->page));
	delete_from_swap_cache(folio);
	return true;
}

static bool shrink_folio(struct folio *folio, struct folio **list,
			 unsigned long *nr);

/*
 * shrink_folio_list for a large anon folio, not in the swap cache yet:
 * add_to_swap of the whole folio, one slot per page (THP_SWAP, a device
 * with swap clusters: zram), or, when that fails (a swap file, no cluster
 * of its order or free one), the fallback: split_folio_to_list, whose
 * zero-filled pages are mapped to the zero page (6.12+), the others
 * swapped one by one (THP_SWPOUT_FALLBACK for the PMD size, the per-size
 * swpout_fallback).  The pages of a split folio after the first join
 * @list (in the order of policy split_list_last_first); the first goes
 * on through reclaim as a small folio.
 */
static bool shrink_large_folio(struct folio *folio, struct folio **list,
			       unsigned long *nr)
{
	struct sim *sim = folio_sim(folio);
	unsigned int order = folio_order(folio);
	swp_entry_t entry = folio_alloc_swap(folio);
	unsigned long i, n = folio_nr_pages(folio);
	bool zero = folio_policy(folio)->swap_zeromap;

	/*
	 * swap_writepage of a folio whose every page is zero-filled only
	 * sets zeromap bits: no I/O, no swpout (count_swpout_vm_event).
	 */
	for (i = 0; i < n && zero; i++)
		zero = !folio_page(folio, i)->sim_content;
	if (entry.val) {
		if (split_folio_for_swap(folio, entry, list, nr)) {
			/* put_swap_folio: the slots go back. */
			for (i = 0; i < n; i++)
				swapcache_clear(
					sim, swp_entry(swp_type(entry),
						       swp_offset(entry) + i));
			return false;
		}
		sim_trace(sim,
			  "add_to_swap: order-%u folio pfn %#lx whole, "
			  "slots %u:%#llx..%#llx (THP_SWAP)",
			  order, page_to_pfn(&folio->page), swp_type(entry),
			  (unsigned long long)swp_offset(entry),
			  (unsigned long long)(swp_offset(entry) + n - 1));
		if (!zero)
			count_thp_event(sim, order, SIM_THP_EV_SWPOUT);
		return shrink_folio(folio, list, nr);
	}
	if (split_folio_to_list(folio, list, nr))
		return false;
	sim_trace(sim,
		  "shrink_folio_list: no large swap entry for the order-%u "
		  "folio: split, its pages swapped one by one",
		  order);
	count_thp_event(sim, order, SIM_THP_EV_SWPOUT_FALLBACK);
	return shrink_folio(folio, list, nr);
}

/*
 * activate_locked - a folio reclaim keeps because it is still mapped
 * (try_to_unmap failed: a pinned exclusive page) is not going to swap, so
 * with swap more than half full its slot is freed (shrink_folio_list:
 * folio_free_swap under activate_locked; the kernel also does it for a
 * PG_mlocked folio, which the model has not).  The other ways to keep a
 * folio go there too in the kernel, but none leaves a folio in the swap
 * cache that folio_free_swap would take: under writeback, or unmapped
 * (a swap PTE still uses the slot), or never added to swap.
 */
static void activate_locked(struct folio *folio)
{
	if (folio_test_swapcache(folio) && mem_cgroup_swap_full(folio) &&
	    folio_free_swap(folio))
		sim_trace(folio_sim(folio),
			  "shrink_folio_list: pfn %#lx kept, swap is half "
			  "full: its slot is freed",
			  page_to_pfn(&folio->page));
}

/*
 * The caller isolated the folio: PG_lru clear, one extra reference.  A
 * large folio that must be split adds its other pages to @list, after
 * @nr (split_folio_to_list).
 */
static bool shrink_folio(struct folio *folio, struct folio **list,
			 unsigned long *nr)
{
	struct sim *sim = folio_sim(folio);
	struct swap_info_struct *si;

	if (!folio_test_anon(folio))
		return shrink_file_folio(folio);
	/* Writeback still in flight: activated, left mapped. */
	if (folio_test_writeback(folio)) {
		sim_trace(sim,
			  "shrink_folio_list: pfn %#lx under writeback: "
			  "kept",
			  page_to_pfn(&folio->page));
		return false;
	}
	if (!folio_test_swapcache(folio)) {
		if (folio_policy(folio)->reclaim_refuses_pinned &&
		    folio_maybe_dma_pinned(folio)) {
			sim_trace(sim,
				  "shrink_folio_list: pfn %#lx maybe "
				  "pinned: kept",
				  page_to_pfn(&folio->page));
			return false;
		}
		/* A large folio that cannot be split stays (can_split_folio). */
		if (folio_test_large(folio) &&
		    folio_mapcount(folio) != folio_ref_count(folio) - 1) {
			sim_trace(sim,
				  "shrink_folio_list: large folio pfn %#lx "
				  "has extra references: kept",
				  page_to_pfn(&folio->page));
			return false;
		}
		if (folio_test_large(folio))
			return shrink_large_folio(folio, list, nr);
		if (!add_to_swap(folio)) {
			sim_trace(sim, "shrink_folio_list: no swap space");
			return false;
		}
	}
	if (folio_mapped(folio) && !try_to_unmap(folio, TTU_NONE)) {
		activate_locked(folio);
		return false;
	}
	if (folio_policy(folio)->reclaim_refuses_pinned &&
	    folio_maybe_dma_pinned(folio))
		return false;
	si = swp_swap_info(sim, folio->swap);
	if (folio_test_dirty(folio)) {
		/*
		 * pageout(): is_page_cache_freeable - with a reference beyond
		 * the isolation and the swap cache, writeback never starts
		 * (PAGE_KEEP), which is what makes the stable-writes corner
		 * case of do_swap_page safe.
		 */
		if (folio_ref_count(folio) != 2) {
			sim_trace(sim,
				  "pageout: pfn %#lx has %d extra "
				  "references: not written",
				  page_to_pfn(&folio->page),
				  folio_ref_count(folio) - 2);
			return false;
		}
		/* A zero-filled folio only sets a zeromap bit: no I/O. */
		if (swap_writepage(folio)) {
			sim_trace(sim,
				  "swap_writepage: pfn %#lx is zero-filled: "
				  "zeromap, no I/O",
				  page_to_pfn(&folio->page));
		} else if (!(si->flags & SWP_SYNCHRONOUS_IO)) {
			/* Asynchronous I/O: still in flight when reclaim looks. */
			sim_trace(sim,
				  "shrink_folio_list: pfn %#lx written "
				  "out, stays in the swap cache",
				  page_to_pfn(&folio->page));
			return false;
		}
	}
	if (folio_test_writeback(folio) || folio_test_dirty(folio))
		return false;
	/* __remove_mapping: only the isolation and the swap cache may hold it. */
	if (folio_ref_count(folio) != 2) {
		sim_trace(sim,
			  "__remove_mapping: pfn %#lx has %d extra "
			  "references: stays in the swap cache",
			  page_to_pfn(&folio->page),
			  folio_ref_count(folio) - 2);
		return false;
	}
	sim_trace(sim, "shrink_folio_list: pfn %#lx freed",
		  page_to_pfn(&folio->page));
	delete_from_swap_cache(folio);
	return true;
}

/*
 * reclaim_pages - reclaim isolated folios.  Every folio comes back to the
 * LRU or is freed; the isolation reference is dropped either way.
 * Returns how many were freed.
 */
unsigned long reclaim_pages(struct sim *sim, struct folio **folios,
			    unsigned long nr)
{
	unsigned long i, freed = 0;

	/* A split adds pages to the list: the caller left room. */
	for (i = 0; i < nr; i++) {
		struct folio *folio = folios[i];

		if (shrink_folio(folio, folios, &nr))
			freed++;
		else
			folio_set_lru(folio);
		folio_put(folio);
	}
	return freed;
}
