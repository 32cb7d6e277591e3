// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/shmem.c at v6.12 for tmpfs objects mapped by processes: the
 * object of a shared anonymous mapping (shmem_zero_setup) and of a memfd
 * (shmem_file_setup), shmem_fault (shmem_get_folio_gfp with SGP_CACHE),
 * shmem_writepage (reclaim moves a folio from the page cache to the swap
 * cache and leaves its swap entry in the mapping), shmem_swapin_folio
 * (the way back), the release of an object and shmem_unuse (swapoff).
 * Pages are swap-backed page cache pages, never PageAnon and never
 * exclusive; the page cache holds one reference per page.
 *
 * And the hole punch of MADV_REMOVE (shmem_fallocate).
 *
 * A swap-in that misses the swap cache reads through it with cluster
 * readahead (shmem_swapin_cluster: swap_cluster_readahead) on every device
 * up to 6.13, whatever the faults of anonymous memory use; from 6.14 a
 * SWP_SYNCHRONOUS_IO device's slot is read into a new folio outside the
 * swap cache, nothing ahead (shmem_swap_alloc_folio; policy
 * shmem_swapin_direct).  A shmem swap entry is one user of its slot,
 * where the kernel marks the slot SWAP_MAP_SHMEM (swap_shmem_alloc; up to
 * at least 6.18): no PTE shares such a slot and one swap_free frees both,
 * and what reads counts beyond "is it 0" reads anonymous slots only, so
 * nothing differs (docs/kernel-rules.md swap.count).
 *
 * Omits: huge pages (and the large folios of huge swap entries),
 * fallocate other than a hole punch, truncation, the userfaultfd MINOR
 * and MISSING modes, memcg and the inode's block accounting.
 */
#include <stdlib.h>

#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/*
 * shmem_file_setup - a new tmpfs object of @nr pages, as memfd_create and
 * ftruncate make one; the caller holds its one reference (the file).
 */
struct address_space *shmem_file_setup(struct sim *sim, unsigned long nr)
{
	struct address_space *mapping = calloc(1, sizeof(*mapping));

	if (!mapping)
		abort();
	mapping->pages = calloc(nr, sizeof(*mapping->pages));
	mapping->swap = calloc(nr, sizeof(*mapping->swap));
	if (!mapping->pages || !mapping->swap)
		abort();
	mapping->nr_pages = nr;
	mapping->sim = sim;
	mapping->refcount = 1;
	mapping->sim_id = sim->next_mapping_id++;
	mapping->sim_next = sim->mappings;
	mapping->shmem = true;
	sim->mappings = mapping;
	return mapping;
}

/* shmem_zero_setup - the object behind a MAP_SHARED|MAP_ANONYMOUS VMA. */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	unsigned long nr = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

	vma->vm_mapping = shmem_file_setup(vma_sim(vma), nr);
	vma->vm_pgoff = 0;
	return 0;
}

/*
 * The slot of index @index now holds @folio (shmem_add_to_page_cache), as
 * in any page cache (mm/filemap.c, filemap_add_folio).
 */
static void shmem_add_to_page_cache(struct folio *folio,
				    struct address_space *mapping,
				    unsigned long index)
{
	filemap_add_folio(mapping, folio, index);
}

/*
 * shmem_delete_from_page_cache: the cache's reference goes with it, as
 * for any page cache (mm/filemap.c, filemap_remove_folio).
 */
static void shmem_delete_from_page_cache(struct folio *folio)
{
	filemap_remove_folio(folio);
}

/* The mapping's swap entry of @index is set to @entry or cleared. */
static void shmem_set_swap(struct sim *sim, struct address_space *mapping,
			   unsigned long index, swp_entry_t entry)
{
	swp_entry_t old = mapping->swap[index];

	mapping->swap[index] = entry;
	if (old.val)
		sim_touch_shmem_swap(sim, old, -1);
	if (entry.val)
		sim_touch_shmem_swap(sim, entry, 1);
}

/*
 * shmem_swap_alloc_folio - read the slot of @swap into a new folio that
 * never enters the swap cache (6.14+, policy shmem_swapin_direct): the
 * slot's SWAP_HAS_CACHE keeps a parallel swap-in out meanwhile
 * (swapcache_prepare), the caller clears it.  No readahead, and the
 * machine-wide readahead history is left alone.  Returns the folio with
 * the caller's reference.  Omits the large folio a huge swap entry would
 * get (the model's shmem has no huge pages).
 */
static struct folio *shmem_swap_alloc_folio(struct sim *sim, swp_entry_t swap)
{
	struct folio *folio = folio_alloc(sim);

	__folio_set_swapbacked(folio);
	swapcache_prepare(sim, swap);
	folio->swap = swap;
	sim_touch_page(&folio->page);
	swap_read_folio(folio);
	folio_add_lru_vma(folio, NULL);
	return folio;
}

/*
 * shmem_swapin_folio - bring the page of @index back from swap: from the
 * swap cache if a readahead or reclaim left it there (a readahead hit
 * counts machine-wide), else read: on a SWP_SYNCHRONOUS_IO device from
 * 6.14 into a new folio outside the swap cache (shmem_swap_alloc_folio),
 * else through the swap cache with cluster readahead on every device,
 * zram included (shmem_swapin_cluster: swap_cluster_readahead, whatever
 * anonymous faults use).  It goes back to the page cache, dirty, and the
 * slot is freed.
 */
static int shmem_swapin_folio(struct address_space *mapping,
			      unsigned long index, struct folio **foliop)
{
	swp_entry_t swap = mapping->swap[index];
	struct sim *sim = mapping->sim;
	struct swap_info_struct *si = swp_swap_info(sim, swap);
	bool skip_swapcache = false;
	const char *how = " (swap cache hit)";
	struct folio *folio;

	folio = swap_cache_get_folio(sim, swap);
	if (folio) {
		swap_update_readahead(folio, NULL, 0);
	} else if ((si->flags & SWP_SYNCHRONOUS_IO) &&
		   sim->policy.shmem_swapin_direct) {
		folio = shmem_swap_alloc_folio(sim, swap);
		skip_swapcache = true;
		how = ", bypassing the swap cache";
	} else {
		folio = swap_cluster_readahead(sim, swap);
		how = "";
	}
	/*
	 * folio_wait_writeback sleeps until the write ends; the model,
	 * which cannot sleep, ends it here (a deviation with a swapdev of
	 * slow-writeback: the fault completes what writeback-done would).
	 */
	folio_clear_writeback(folio);
	shmem_set_swap(sim, mapping, index, (swp_entry_t){ 0 });
	shmem_add_to_page_cache(folio, mapping, index);
	if (skip_swapcache) {
		folio->swap.val = 0;
		sim_touch_page(&folio->page);
		swapcache_clear(sim, swap);
	} else {
		delete_from_swap_cache(folio);
	}
	folio_set_dirty(folio);
	swap_free(sim, swap);
	sim_trace(sim,
		  "shmem_swapin_folio: index %lu from %u:%#llx%s: pfn %#lx",
		  index, swp_type(swap), (unsigned long long)swp_offset(swap),
		  how, page_to_pfn(&folio->page));
	*foliop = folio;
	return 0;
}

/*
 * shmem_get_folio - the folio of @index with a reference: from the page
 * cache, back from swap, or new, zeroed and uptodate (SGP_CACHE: a hole
 * is filled, also by a read).
 */
static struct folio *shmem_get_folio(struct vm_area_struct *vma,
				     unsigned long addr, unsigned long index)
{
	struct address_space *mapping = vma->vm_mapping;
	struct folio *folio;

	if (mapping->swap[index].val) {
		shmem_swapin_folio(mapping, index, &folio);
		return folio;
	}
	if (mapping->pages[index]) {
		folio = page_folio(mapping->pages[index]);
		folio_get(folio);
		return folio;
	}
	/* shmem_alloc_and_add_folio */
	folio = vma_alloc_zeroed_movable_folio(vma, addr);
	__folio_set_swapbacked(folio);
	folio_add_lru_vma(folio, vma);
	shmem_add_to_page_cache(folio, mapping, index);
	__folio_mark_uptodate(folio);
	sim_touch_page(&folio->page);
	sim_trace(vma_sim(vma), "shmem_get_folio: index %lu new pfn %#lx",
		  index, page_to_pfn(&folio->page));
	return folio;
}

/* shmem_fault - find, swap in or create the page; return it referenced. */
vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long index = linear_page_index(vma, vmf->address);

	if (index >= vma->vm_mapping->nr_pages)
		return VM_FAULT_SIGBUS;
	vmf->page = &shmem_get_folio(vma, vmf->address, index)->page;
	return 0;
}

/*
 * shmem_writepage - reclaim writes a dirty shmem folio out: it gets a
 * swap slot, moves from the page cache into the swap cache, the mapping
 * keeps the swap entry, and swap_writepage writes it.  The caller
 * unmapped it.
 *
 * Return: -ENOSPC if there is no swap (the folio stays in the page cache,
 * dirty: AOP_WRITEPAGE_ACTIVATE); else what swap_writepage says: 1 if
 * no I/O was needed (zero-filled), 0 if it started.
 */
int shmem_writepage(struct folio *folio)
{
	struct address_space *mapping =
		(struct address_space *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
	struct sim *sim = folio_sim(folio);
	unsigned long index = folio->index;
	swp_entry_t swap;

	folio_clear_dirty(folio);
	swap = folio_alloc_swap(folio);
	if (!swap.val) {
		folio_set_dirty(folio);
		return -ENOSPC;
	}
	/* folio_alloc_swap set SWAP_HAS_CACHE: add_to_swap_cache sets it. */
	swp_swap_info(sim, swap)->swap_map[swp_offset(swap)] &= ~SWAP_HAS_CACHE;
	add_to_swap_cache(folio, swap);
	/* swap_shmem_alloc: the mapping's entry is a user of the slot. */
	swap_duplicate(sim, swap);
	shmem_delete_from_page_cache(folio);
	shmem_set_swap(sim, mapping, index, swap);
	sim_trace(sim, "shmem_writepage: index %lu pfn %#lx -> %u:%#llx", index,
		  page_to_pfn(&folio->page), swp_type(swap),
		  (unsigned long long)swp_offset(swap));
	return swap_writepage(folio) ? 1 : 0;
}

/*
 * shmem_drop_clean_folio - reclaim's __remove_mapping of a clean shmem
 * folio: it holds nothing a later fault could not fill again (zeros), so
 * it leaves the page cache with no swap entry (the kernel leaves a
 * workingset shadow, which a later fault treats as a hole).
 */
void shmem_drop_clean_folio(struct folio *folio)
{
	shmem_delete_from_page_cache(folio);
}

/*
 * shmem_unuse - swapoff of device @type: every swap entry of a shmem
 * object on it is read back into the page cache (shmem_unuse_inode).
 */
void shmem_unuse(struct sim *sim, unsigned int type)
{
	struct address_space *mapping;
	struct folio *folio;
	unsigned long i;

	for (mapping = sim->mappings; mapping; mapping = mapping->sim_next) {
		for (i = 0; i < mapping->nr_pages; i++) {
			if (!mapping->swap[i].val ||
			    swp_type(mapping->swap[i]) != type)
				continue;
			shmem_swapin_folio(mapping, i, &folio);
			folio_put(folio);
		}
	}
}

/*
 * shmem_punch_hole - fallocate(FALLOC_FL_PUNCH_HOLE) of pages [@start,
 * @start + @nr), as MADV_REMOVE does it (shmem_fallocate): the file's
 * pages are unmapped from every mapping (unmap_mapping_range without
 * even_cows), then they and the swap entries leave the file
 * (shmem_truncate_range, shmem_undo_range).  A later fault finds a hole.
 */
void shmem_punch_hole(struct address_space *mapping, unsigned long start,
		      unsigned long nr)
{
	struct sim *sim = mapping->sim;
	unsigned long i, end = start + nr;

	if (end > mapping->nr_pages)
		end = mapping->nr_pages;
	unmap_mapping_range(sim, mapping, start, end - start, false);
	for (i = start; i < end; i++) {
		struct page *page = mapping->pages[i];
		swp_entry_t swap = mapping->swap[i];

		if (swap.val) {
			shmem_set_swap(sim, mapping, i, (swp_entry_t){ 0 });
			free_swap_and_cache(sim, swap);
		}
		if (page)
			shmem_delete_from_page_cache(page_folio(page));
	}
	sim_trace(sim, "shmem_fallocate: hole punched at %lu-%lu", start,
		  end - 1);
}

/* The last reference of the object is gone: free its pages and slots. */
void shmem_mapping_put(struct address_space *mapping)
{
	struct sim *sim = mapping->sim;
	unsigned long i;

	if (--mapping->refcount)
		return;
	for (i = 0; i < mapping->nr_pages; i++) {
		struct page *page = mapping->pages[i];
		swp_entry_t swap = mapping->swap[i];

		if (swap.val) {
			/* shmem_free_swap */
			shmem_set_swap(sim, mapping, i, (swp_entry_t){ 0 });
			free_swap_and_cache(sim, swap);
		}
		if (!page)
			continue;
		shmem_delete_from_page_cache(page_folio(page));
	}
}
