// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models the part of mm/shmem.c behind shared anonymous mappings
 * (shmem_zero_setup): a shmem object whose pages are found by index, and
 * shmem_fault.  Pages are swap-backed pagecache pages, never PageAnon and
 * never exclusive; the object's cache holds one reference per page.
 *
 * Omits: shmem swap-out, huge pages, fallocate, truncation of a part.
 */
#include <stdlib.h>

#include "linux/rmap.h"
#include "linux/sim_machine.h"

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct sim *sim = vma_sim(vma);
	struct address_space *mapping = calloc(1, sizeof(*mapping));
	unsigned long nr = (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;

	if (!mapping)
		abort();
	mapping->pages = calloc(nr, sizeof(*mapping->pages));
	if (!mapping->pages)
		abort();
	mapping->nr_pages = nr;
	mapping->refcount = 1;
	mapping->sim_id = sim->next_mapping_id++;
	mapping->sim_next = sim->mappings;
	sim->mappings = mapping;
	vma->vm_mapping = mapping;
	vma->vm_pgoff = 0;
	return 0;
}

/* shmem_fault - find or create the page; return it with a reference. */
vm_fault_t shmem_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct address_space *mapping = vma->vm_mapping;
	unsigned long index = linear_page_index(vma, vmf->address);
	struct folio *folio;

	if (index >= mapping->nr_pages)
		return VM_FAULT_SIGBUS;
	if (!mapping->pages[index]) {
		folio = vma_alloc_zeroed_movable_folio(vma, vmf->address);
		__folio_set_swapbacked(folio);
		__folio_mark_uptodate(folio);
		folio_add_lru_vma(folio, vma);
		folio->mapping = (unsigned long)mapping;
		folio->index = index;
		sim_touch_page(&folio->page);
		/* The allocation reference becomes the pagecache's. */
		mapping->pages[index] = &folio->page;
		sim_touch_cache(folio_sim(folio), NULL, &folio->page);
	}
	folio = page_folio(mapping->pages[index]);
	folio_get(folio);
	vmf->page = &folio->page;
	return 0;
}

/* The last VMA of the object is gone: drop the cache's references. */
void shmem_mapping_put(struct address_space *mapping)
{
	unsigned long i;

	if (--mapping->refcount)
		return;
	for (i = 0; i < mapping->nr_pages; i++) {
		struct page *page = mapping->pages[i];

		if (!page)
			continue;
		mapping->pages[i] = NULL;
		sim_touch_cache(page_sim(page), page, NULL);
		page->mapping = 0;
		sim_touch_page(page);
		put_page(page);
	}
}
