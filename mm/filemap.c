// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/filemap.c at v6.12 for fault-around: filemap_map_pages, the
 * ->map_pages of shmem (and of every page cache file), maps the pages of
 * a window that are already in the page cache, uptodate and not locked,
 * into the none PTEs of the window.  Holes, swap entries (value entries
 * of a shmem mapping) and PTEs that hold anything, PTE markers included,
 * are left to the fault of their own.
 *
 * Omits: PMD mappings of large folios (filemap_map_pmd), mmap_miss
 * accounting, readahead flags; the model's folios are small.
 */
#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/sim_machine.h"

/**
 * filemap_map_pages - map the cached pages of [@start_pgoff, @end_pgoff]
 * of the faulting VMA's file around the fault (do_fault_around).
 *
 * Return: VM_FAULT_NOPAGE if the faulting address itself got mapped,
 * else 0 (->fault does the rest).
 */
vm_fault_t filemap_map_pages(struct vm_fault *vmf, unsigned long start_pgoff,
			     unsigned long end_pgoff)
{
	struct vm_area_struct *vma = vmf->vma;
	struct address_space *mapping = vma->vm_mapping;
	unsigned long pgoff, addr, rss = 0;
	vm_fault_t ret = 0;
	int type = MM_SHMEMPAGES;

	/* Not past the end of the file (i_size). */
	if (end_pgoff >= mapping->nr_pages)
		end_pgoff = mapping->nr_pages - 1;
	for (pgoff = start_pgoff; pgoff <= end_pgoff; pgoff++) {
		struct page *page = mapping->pages[pgoff];
		struct folio *folio;
		pte_t *ptep;

		/* next_uptodate_folio */
		if (!page)
			continue;
		folio = page_folio(page);
		if (!folio_test_uptodate(folio) || folio_test_locked(folio) ||
		    PageHWPoison(page))
			continue;
		addr = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
		ptep = vmf->pte + ((long)(addr - vmf->address) >> PAGE_SHIFT);
		if (!pte_none(*ptep))
			continue;
		if (addr == vmf->address)
			ret = VM_FAULT_NOPAGE;
		set_pte_range(vmf, folio, page, addr);
		folio_ref_add(folio, 1);
		type = mm_counter(folio);
		rss++;
	}
	if (rss) {
		add_mm_counter(vma->vm_mm, type, rss);
		sim_trace(vma_sim(vma),
			  "filemap_map_pages: %lu cached page%s mapped around "
			  "index %lu (window %lu-%lu)%s",
			  rss, rss == 1 ? "" : "s",
			  linear_page_index(vma, vmf->address), start_pgoff,
			  end_pgoff, ret ? ", the fault's among them" : "");
	}
	return ret;
}
