// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/madvise.c at v6.12 for MADV_DONTNEED, MADV_REMOVE (a hole
 * punched in a shmem file), MADV_COLD, MADV_PAGEOUT,
 * MADV_HUGEPAGE and MADV_NOHUGEPAGE (VM_HUGEPAGE, read at fault time),
 * MADV_COLLAPSE (mm/khugepaged.c),
 * the fork-behaviour advice (MADV_DONTFORK, MADV_DOFORK, MADV_WIPEONFORK,
 * MADV_KEEPONFORK) and KSM's MADV_MERGEABLE/MADV_UNMERGEABLE.
 * MADV_COLD and MADV_PAGEOUT take a large folio the range covers whole
 * to reclaim whole and split one it covers in part, as
 * madvise_cold_or_pageout_pte_range does.
 * Other advice returns -EOPNOTSUPP from the model, so that a scenario using
 * it fails loudly until it is implemented.
 */
#include <sys/mman.h>

#include <stdlib.h>

#include "linux/huge_mm.h"
#include "linux/ksm.h"
#include "linux/mm.h"
#include "linux/pagewalk.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

static int madvise_update_vma(struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, int behavior)
{
	unsigned long new_flags = vma->vm_flags;

	switch (behavior) {
	case MADV_DONTFORK:
		new_flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		if (vma->vm_flags & VM_IO)
			return -EINVAL;
		new_flags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		/* Only private anonymous memory can be wiped. */
		if (vma->vm_mapping || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		new_flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		new_flags &= ~VM_WIPEONFORK;
		break;
	case MADV_HUGEPAGE:
		/* hugepage_madvise; only private anon gets THPs here. */
		new_flags &= ~VM_NOHUGEPAGE;
		new_flags |= VM_HUGEPAGE;
		break;
	case MADV_NOHUGEPAGE:
		new_flags &= ~VM_HUGEPAGE;
		new_flags |= VM_NOHUGEPAGE;
		break;
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
		if (ksm_madvise(vma, start, end, behavior, &new_flags))
			return -EAGAIN;
		break;
	}
	if (new_flags != vma->vm_flags)
		vma_merge_neighbours(
			vma_modify_flags(vma, start, end, new_flags));
	return 0;
}

/*
 * madvise_cold_or_pageout's walk (the kernel's cold_walk_ops, whose
 * callback is a pmd_entry that walks the PTEs itself): what to do, and
 * the folios isolated for reclaim.
 */
struct cold_walk {
	bool pageout;
	unsigned long end;
	struct folio **list;
	unsigned long nr;
};

/*
 * folio_likely_mapped_shared - may another process map @folio?  A large
 * folio is guessed from its first page unless a PMD maps it or it has
 * more mappings than pages.
 */
static bool folio_likely_mapped_shared(struct folio *folio)
{
	int mapcount = folio_mapcount(folio);

	if (!folio_test_large(folio))
		return mapcount > 1;
	if (mapcount <= 1)
		return false;
	if (folio_entire_mapcount(folio) ||
	    mapcount > (int)folio_nr_pages(folio))
		return true;
	return folio->page._mapcount > 0;
}

/* folio_isolate_lru, for reclaim: off the LRU, one more reference. */
static void cold_isolate(struct cold_walk *cw, struct folio *folio)
{
	folio_clear_referenced(folio);
	folio_clear_active(folio);
	if (!cw->pageout)
		return;
	folio_clear_lru(folio);
	folio_get(folio);
	cw->list[cw->nr++] = folio;
}

/*
 * madvise_folio_pte_batch - how many PTEs from @ptep, up to @end, map the
 * pages of @folio that follow @page, one after the other.
 */
static unsigned long cold_pte_batch(const pte_t *ptep, unsigned long addr,
				    unsigned long end, struct folio *folio,
				    struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long last = page_to_pfn(&folio->page) + folio_nr_pages(folio);
	unsigned long n = 0;

	/* Within this PTE table: the index does not wrap around. */
	while (addr + n * PAGE_SIZE < end && pfn + n < last &&
	       pte_index(addr + n * PAGE_SIZE) >= pte_index(addr) &&
	       pte_present(ptep[n]) && !pte_special(ptep[n]) &&
	       pte_pfn(ptep[n]) == pfn + n)
		n++;
	return n;
}

static int cold_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			  struct mm_walk *walk)
{
	struct cold_walk *cw = walk->private;
	struct page *page;
	struct folio *folio;

	if (!pte_present(*ptep))
		return 0;
	page = vm_normal_page(walk->vma, addr, *ptep);
	if (!page)
		return 0;
	folio = page_folio(page);
	/*
	 * A large folio mapped whole from here within the range goes to
	 * reclaim whole; one mapped in part is split first (unless others
	 * map it), and this PTE is looked at again.
	 */
	if (folio_test_large(folio) && folio_test_lru(folio) &&
	    cold_pte_batch(ptep, addr, cw->end, folio, page) <
		    folio_nr_pages(folio)) {
		int err;

		if (folio_likely_mapped_shared(folio))
			return 0;
		folio_get(folio);
		err = split_folio(folio);
		folio_put(folio);
		if (err || !pte_present(*ptep))
			return 0;
		page = vm_normal_page(walk->vma, addr, *ptep);
		if (!page)
			return 0;
		folio = page_folio(page);
	}
	/* A large folio here is mapped whole: exclusive if mapped once. */
	if (!folio_test_lru(folio) ||
	    folio_mapcount(folio) != (int)folio_nr_pages(folio)) {
		sim_trace(walk->mm->sim,
			  "madvise: %#lx pfn %#lx mapped %d times: "
			  "skipped",
			  addr, page_to_pfn(page), folio_mapcount(folio));
		return 0;
	}
	set_pte_at(walk->mm, addr, ptep, pte_mkold(*ptep));
	cold_isolate(cw, folio);
	return 0;
}

static const struct mm_walk_ops cold_walk_ops = {
	.pte_entry = cold_pte_entry,
};

/*
 * The huge PMDs of [start, end) (madvise_cold_or_pageout_pte_range's
 * pmd_trans_huge part): a THP that others may map is left alone, one the
 * range covers in part is split (and its pages then walked as PTEs), one
 * it covers whole goes to reclaim whole.  The huge zero page is skipped.
 */
static void cold_huge_pmds(struct vm_area_struct *vma, unsigned long start,
			   unsigned long end, struct cold_walk *cw)
{
	struct sim *sim = vma_sim(vma);
	unsigned long addr, next;

	for (addr = start; addr < end; addr = next) {
		const pmd_t *pmd;
		struct folio *folio;

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > end || next < addr)
			next = end;
		pmd = pmd_offset_map_ro(vma->vm_mm, addr);
		if (!pmd || !pmd_trans_huge(*pmd) ||
		    is_huge_zero_pmd(sim, *pmd))
			continue;
		folio = page_folio(pfn_to_page(sim, pmd_pfn(*pmd)));
		if (folio_likely_mapped_shared(folio)) {
			sim_trace(sim,
				  "madvise: THP pfn %#lx may be mapped "
				  "shared: skipped",
				  page_to_pfn(&folio->page));
			continue;
		}
		if (next - addr != HPAGE_PMD_SIZE) {
			folio_get(folio);
			split_folio(folio);
			folio_put(folio);
			continue;
		}
		cold_isolate(cw, folio);
	}
}

/*
 * madvise_cold_or_pageout - MADV_COLD deactivates, MADV_PAGEOUT reclaims
 * the pages mapped in the range, skipping pages mapped more than once
 * (they belong to others too) and the zero page.  Large folios: see
 * cold_huge_pmds() and cold_pte_entry().
 */
static int madvise_cold_or_pageout(struct vm_area_struct *vma,
				   unsigned long start, unsigned long end,
				   bool pageout)
{
	struct sim *sim = vma_sim(vma);
	struct cold_walk cw = { .pageout = pageout, .end = end };

	if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB))
		return -EINVAL;
	lru_add_drain();
	/* Room for every page: a large folio reclaimed splits into them. */
	cw.list = calloc((end - start) >> PAGE_SHIFT, sizeof(*cw.list));
	if (!cw.list)
		abort();
	cold_huge_pmds(vma, start, end, &cw);
	walk_page_range_vma(vma, start, end, &cold_walk_ops, &cw);
	if (cw.nr)
		reclaim_pages(sim, cw.list, cw.nr);
	free(cw.list);
	return 0;
}

static int madvise_dontneed(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end)
{
	if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB))
		return -EINVAL;
	zap_page_range_single(vma, start, end - start, NULL);
	return 0;
}

/*
 * madvise_remove - MADV_REMOVE: punch a hole in the file behind a shared
 * writable mapping (vfs_fallocate with FALLOC_FL_PUNCH_HOLE, which for
 * shmem is shmem_fallocate).
 */
static int madvise_remove(struct vm_area_struct *vma, unsigned long start,
			  unsigned long end)
{
	if (vma->vm_flags & VM_LOCKED)
		return -EINVAL;
	if (!vma->vm_mapping)
		return -EINVAL;
	/* vma_is_shared_maywrite */
	if ((vma->vm_flags & (VM_SHARED | VM_MAYWRITE)) !=
	    (VM_SHARED | VM_MAYWRITE))
		return -EACCES;
	shmem_punch_hole(vma->vm_mapping,
			 ((start - vma->vm_start) >> PAGE_SHIFT) +
				 vma->vm_pgoff,
			 (end - start) >> PAGE_SHIFT);
	return 0;
}

/**
 * do_madvise - madvise(2) on [start, start + len).
 * Return: 0, -EINVAL, -ENOMEM (a hole in the range) or -EOPNOTSUPP for
 * advice the model does not implement yet.
 */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len,
	       int behavior)
{
	unsigned long end = start + ALIGN(len, PAGE_SIZE);
	struct vm_area_struct *vma;
	unsigned long pos;
	int unmapped = 0, ret;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_REMOVE:
	case MADV_COLLAPSE:
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (end == start)
		return 0;

	/*
	 * A flags change may merge @vma with its neighbours (madvise_update_vma):
	 * the next VMA is looked up again, past what was done.
	 */
	pos = start;
	for (vma = find_vma(mm, start); pos < end && vma && vma->vm_start < end;
	     vma = find_vma(mm, pos)) {
		unsigned long s = vma->vm_start > pos ? vma->vm_start : pos;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		/* A hole is skipped, and reported at the end. */
		if (vma->vm_start > pos)
			unmapped = 1;
		if (behavior == MADV_DONTNEED)
			ret = madvise_dontneed(vma, s, e);
		else if (behavior == MADV_REMOVE)
			ret = madvise_remove(vma, s, e);
		else if (behavior == MADV_COLLAPSE)
			ret = madvise_collapse(vma, s, e);
		else if (behavior == MADV_COLD || behavior == MADV_PAGEOUT)
			ret = madvise_cold_or_pageout(vma, s, e,
						      behavior == MADV_PAGEOUT);
		else
			ret = madvise_update_vma(vma, s, e, behavior);
		if (ret)
			return ret;
		pos = e;
	}
	if (pos < end)
		unmapped = 1;
	return unmapped ? -ENOMEM : 0;
}
