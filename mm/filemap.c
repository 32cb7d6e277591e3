// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/filemap.c at v6.12 for fault-around: filemap_map_pages, the
 * ->map_pages of shmem (and of every page cache file), maps the pages of
 * a window that are already in the page cache, uptodate and not locked,
 * into the none PTEs of the window.  Holes, swap entries (value entries
 * of a shmem mapping) and PTEs that hold anything, PTE markers included,
 * are left to the fault of their own.
 *
 * And the page cache of a regular file of a disk file system (`mmap …
 * file`, an ext4 file made with O_TMPFILE and ftruncate on the kernel
 * backend): filemap_fault finds the folio in the page cache or reads it
 * (a new clean, uptodate folio; not swap-backed, so MM_FILEPAGES),
 * filemap_remove_folio drops a clean one (reclaim, hole punch).
 *
 * Omits: PMD mappings of large folios (filemap_map_pmd), mmap_miss
 * accounting, readahead flags; the model's folios are small.  Readahead:
 * none (the VMA behaves as with MADV_RANDOM, VM_RAND_READ: a fault reads
 * its own folio only, do_sync_mmap_readahead), which is how the kernel
 * backend maps a file, so fault-around finds the same pages cached.
 * Writeback: none (no statement runs the flusher or fsync, and the
 * flusher writes a dirty folio only after dirty_expire_centisecs, 30 s):
 * a dirty folio stays dirty, so the disk holds only what ftruncate made,
 * zeros, and a folio read again is zeroed.
 */
#include <stdlib.h>

#include "linux/mm.h"
#include "linux/rmap.h"
#include "linux/sim_machine.h"

/*
 * filemap_file_setup - a new regular file of @nr pages, as open(O_TMPFILE)
 * and ftruncate make one (a hole: nothing cached, zeros on disk); the
 * caller holds its one reference (the file).  The object has a swap array
 * like shmem's, always empty: a file's folios never go to swap.
 */
struct address_space *filemap_file_setup(struct sim *sim, unsigned long nr)
{
	struct address_space *mapping = shmem_file_setup(sim, nr);

	mapping->shmem = false;
	return mapping;
}

/* filemap_add_folio: the page cache holds the folio, with a reference. */
void filemap_add_folio(struct address_space *mapping, struct folio *folio,
		       unsigned long index)
{
	folio_ref_add(folio, 1);
	folio->mapping = (unsigned long)mapping;
	folio->index = index;
	sim_touch_page(&folio->page);
	mapping->pages[index] = &folio->page;
	sim_touch_cache(folio_sim(folio), NULL, &folio->page);
}

/* filemap_remove_folio - the folio leaves the page cache and its ref. */
void filemap_remove_folio(struct folio *folio)
{
	struct address_space *mapping =
		(struct address_space *)(folio->mapping & ~PAGE_MAPPING_FLAGS);

	mapping->pages[folio->index] = NULL;
	sim_touch_cache(folio_sim(folio), &folio->page, NULL);
	folio->mapping = 0;
	sim_touch_page(&folio->page);
	folio_put(folio);
}

/*
 * filemap_fault - ->fault of a regular file: the folio of the faulting
 * index with a reference, from the page cache, or read into a new folio
 * (__filemap_get_folio with FGP_CREAT, filemap_read_folio: zeros, the
 * disk's content), uptodate and clean, on the file LRU.  Past i_size:
 * SIGBUS.
 */
vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct address_space *mapping = vma->vm_mapping;
	unsigned long index = linear_page_index(vma, vmf->address);
	struct folio *folio;

	if (index >= mapping->nr_pages)
		return VM_FAULT_SIGBUS;
	if (mapping->pages[index]) {
		folio = page_folio(mapping->pages[index]);
		folio_get(folio);
		vmf->page = &folio->page;
		return 0;
	}
	folio = vma_alloc_zeroed_movable_folio(vma, vmf->address);
	folio_add_lru_vma(folio, vma);
	filemap_add_folio(mapping, folio, index);
	__folio_mark_uptodate(folio);
	sim_touch_page(&folio->page);
	sim_trace(vma_sim(vma),
		  "filemap_fault: index %lu read into new pfn %#lx", index,
		  page_to_pfn(&folio->page));
	vmf->page = &folio->page;
	return 0;
}

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
