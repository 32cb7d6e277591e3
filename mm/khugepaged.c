// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models MADV_COLLAPSE of mm/khugepaged.c at v6.12 for private anonymous
 * memory: madvise_collapse scans each 2 MiB block of the range
 * (hpage_collapse_scan_pmd) and collapses it (collapse_huge_page): its
 * swapped pages are read in, its pages copied into a new THP, which a
 * huge PMD maps writable (if the VMA is), dirty and exclusive, while the
 * old pages lose this mapping.  Pages that other processes map are copied
 * too (they keep their pages), and the zero page and none PTEs become
 * zeroed pages of the THP.  A page with a reference beyond its mappings
 * (a pin, GUP, a pipe) stops the block (SCAN_PAGE_COUNT, -EAGAIN), as do
 * uffd-wp (SCAN_PTE_UFFD_WP) and, on 6.12, a block with no writable PTE
 * (SCAN_PAGE_RO), both -EINVAL; the host's 6.18 collapses such a block
 * (policy collapse_ro, observed: the 6.18 source was not read).
 *
 * Deviations: no khugepaged thread (its limits max_ptes_none, _swap and
 * _shared apply to it, never to MADV_COLLAPSE); the model is sequential,
 * so no isolation from the LRU, no PMD lock, no revalidation after the
 * swap-in and no retry; the old PTE table is freed, not deposited.
 */
#include <sys/mman.h>

#include "linux/huge_mm.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"
#include "linux/userfaultfd_k.h"

enum scan_result {
	SCAN_FAIL,
	SCAN_SUCCEED,
	SCAN_PMD_NULL,
	SCAN_PMD_NONE,
	SCAN_PMD_MAPPED,
	SCAN_EXCEED_NONE_PTE,
	SCAN_PTE_NON_PRESENT,
	SCAN_PTE_UFFD_WP,
	SCAN_PAGE_RO,
	SCAN_PAGE_NULL,
	SCAN_PAGE_COUNT,
	SCAN_PAGE_LRU,
	SCAN_PAGE_ANON,
};

static const char *const scan_name[] = {
	[SCAN_FAIL] = "fail",
	[SCAN_SUCCEED] = "succeed",
	[SCAN_PMD_NULL] = "pmd_null",
	[SCAN_PMD_NONE] = "pmd_none",
	[SCAN_PMD_MAPPED] = "pmd_mapped",
	[SCAN_EXCEED_NONE_PTE] = "exceed_none_pte",
	[SCAN_PTE_NON_PRESENT] = "pte_non_present",
	[SCAN_PTE_UFFD_WP] = "pte_uffd_wp",
	[SCAN_PAGE_RO] = "page_ro",
	[SCAN_PAGE_NULL] = "page_null",
	[SCAN_PAGE_COUNT] = "page_count",
	[SCAN_PAGE_LRU] = "page_lru",
	[SCAN_PAGE_ANON] = "page_anon",
};

/* is_refcount_suitable - no reference beyond the mappings (and cache). */
static bool is_refcount_suitable(struct folio *folio)
{
	int expected = folio_mapcount(folio);

	if (folio_test_swapcache(folio))
		expected += (int)folio_nr_pages(folio);
	return folio_ref_count(folio) == expected;
}

/* pte_none_or_zero - nothing mapped, or the shared zero page. */
static bool pte_none_or_zero(pte_t pte)
{
	return pte_none(pte) || (pte_present(pte) && pte_special(pte) &&
				 pte_pfn(pte) == SIM_ZERO_PFN);
}

/*
 * The checks of one PTE that hpage_collapse_scan_pmd and
 * __collapse_huge_page_isolate share; @swapped: a swap PTE may pass (the
 * scan, before the swap-in).  Pages that others map only count for
 * khugepaged's max_ptes_shared, which MADV_COLLAPSE does not have.
 */
static enum scan_result collapse_check_pte(struct vm_area_struct *vma,
					   unsigned long addr, pte_t pte,
					   bool swapped, bool *writable)
{
	struct page *page;
	struct folio *folio;

	if (swapped && is_swap_pte(pte)) {
		if (pte_swp_uffd_wp(pte) || is_pte_marker(pte))
			return SCAN_PTE_UFFD_WP;
		return SCAN_SUCCEED;
	}
	if (pte_none_or_zero(pte))
		return userfaultfd_armed(vma) ? SCAN_EXCEED_NONE_PTE :
						SCAN_SUCCEED;
	if (!pte_present(pte))
		return SCAN_PTE_NON_PRESENT;
	if (pte_uffd_wp(pte))
		return SCAN_PTE_UFFD_WP;
	if (pte_write(pte))
		*writable = true;
	page = vm_normal_page(vma, addr, pte);
	if (!page)
		return SCAN_PAGE_NULL;
	folio = page_folio(page);
	if (!folio_test_anon(folio) || folio_test_ksm(folio))
		return SCAN_PAGE_ANON;
	if (!folio_test_lru(folio))
		return SCAN_PAGE_LRU;
	if (!is_refcount_suitable(folio))
		return SCAN_PAGE_COUNT;
	return SCAN_SUCCEED;
}

/* Every PTE of the block at @haddr through collapse_check_pte. */
static enum scan_result collapse_check_block(struct vm_area_struct *vma,
					     unsigned long haddr, bool swapped,
					     unsigned long *unmapped)
{
	const pte_t *pte = pte_offset_map_ro(vma->vm_mm, haddr);
	enum scan_result result;
	bool writable = false;
	unsigned long i;

	if (!pte)
		return SCAN_PMD_NULL;
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		result = collapse_check_pte(vma, haddr + i * PAGE_SIZE, pte[i],
					    swapped, &writable);
		if (result != SCAN_SUCCEED)
			return result;
		if (unmapped && is_swap_pte(pte[i]))
			(*unmapped)++;
	}
	if (!writable && !vma_policy(vma)->collapse_ro)
		return SCAN_PAGE_RO;
	return SCAN_SUCCEED;
}

/*
 * collapse_huge_page - swap the block's swapped pages in, check it again
 * (__collapse_huge_page_isolate), copy it into a new THP and map that by
 * the PMD (__collapse_huge_page_copy, then the PMD of the new folio).
 */
static enum scan_result collapse_huge_page(struct vm_area_struct *vma,
					   unsigned long haddr,
					   unsigned long unmapped)
{
	struct mm_struct *mm = vma->vm_mm;
	struct sim *sim = mm->sim;
	enum scan_result result;
	struct folio *new;
	unsigned long i;
	pmd_t *pmd, entry;
	pte_t *pte;

	/* __collapse_huge_page_swapin: read faults on the swap PTEs. */
	for (i = 0; unmapped && i < HPAGE_PMD_NR; i++) {
		unsigned long addr = haddr + i * PAGE_SIZE;
		const pte_t *ro = pte_offset_map_ro(mm, addr);

		if (!ro || !is_swap_pte(*ro))
			continue;
		if (handle_mm_fault(vma, addr, 0) & VM_FAULT_ERROR)
			return SCAN_FAIL;
	}
	result = collapse_check_block(vma, haddr, false, NULL);
	if (result != SCAN_SUCCEED)
		return result;

	new = folio_alloc_large(sim, HPAGE_PMD_ORDER);
	pte = pte_offset_map(mm, haddr);
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		unsigned long addr = haddr + i * PAGE_SIZE;
		struct page *dst = folio_page(new, i);
		pte_t pteval = pte[i];
		struct page *page;
		struct folio *folio;

		if (pte_none_or_zero(pteval)) {
			/* A page the THP adds to the rss. */
			dst->sim_content = 0;
			page_set_written(dst, -1, page_wtime(dst));
			if (!pte_none(pteval))
				set_pte_at(mm, addr, pte + i, __pte(0));
			inc_mm_counter(mm, MM_ANONPAGES);
			continue;
		}
		page = vm_normal_page(vma, addr, pteval);
		folio = page_folio(page);
		copy_user_highpage(dst, page);
		ptep_get_and_clear(mm, addr, pte + i);
		folio_remove_rmap_pte(folio, page, vma);
		/* free_page_and_swap_cache: the PTE's reference. */
		free_swap_cache(folio);
		folio_put(folio);
	}
	__folio_mark_uptodate(new);
	pmd_free_pte_table(mm, haddr);
	pmd = pmd_offset_map(mm, haddr, false);
	entry = pmd_mkhuge(pfn_pmd(page_to_pfn(&new->page), vma->vm_page_prot));
	entry = pmd_mkdirty(pmd_mkyoung(entry));
	if (vma->vm_flags & VM_WRITE)
		entry = pmd_mkwrite_novma(entry);
	folio_add_new_anon_rmap(new, vma, haddr, RMAP_EXCLUSIVE);
	folio_add_lru_vma(new, vma);
	set_pmd_at(mm, haddr, pmd, entry);
	sim_trace(sim,
		  "collapse_huge_page: %#lx -> new THP pfn %#lx, exclusive",
		  haddr, page_to_pfn(&new->page));
	return SCAN_SUCCEED;
}

/* hpage_collapse_scan_pmd - whether (and then) the block collapses. */
static enum scan_result hpage_collapse_scan_pmd(struct vm_area_struct *vma,
						unsigned long haddr)
{
	const pmd_t *pmd = pmd_offset_map_ro(vma->vm_mm, haddr);
	enum scan_result result;
	unsigned long unmapped = 0;

	if (!pmd)
		return SCAN_PMD_NULL;
	if (pmd_none(*pmd))
		return SCAN_PMD_NONE;
	if (pmd_trans_huge(*pmd))
		return SCAN_PMD_MAPPED;
	result = collapse_check_block(vma, haddr, true, &unmapped);
	if (result != SCAN_SUCCEED)
		return result;
	return collapse_huge_page(vma, haddr, unmapped);
}

/* madvise_collapse_errno: what a block's failure tells the caller. */
static int madvise_collapse_errno(enum scan_result r)
{
	switch (r) {
	case SCAN_EXCEED_NONE_PTE:
		return -EBUSY;
	case SCAN_PAGE_COUNT:
	case SCAN_PAGE_LRU:
		return -EAGAIN;
	default:
		return -EINVAL;
	}
}

/*
 * madvise_collapse - MADV_COLLAPSE of [@start, @end) in @vma: every 2 MiB
 * block inside the range collapses or is a THP already, or the last
 * failure says why (-EAGAIN: try again, -EINVAL, -EBUSY).  The VMA must
 * allow a PMD THP somewhere regardless of the sysfs settings
 * (thp_vma_allowable_order without TVA_ENFORCE_SYSFS: not
 * VM_NOHUGEPAGE, an aligned 2 MiB inside it).  A range without a whole
 * block collapses nothing and succeeds.
 */
int madvise_collapse(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	struct sim *sim = vma_sim(vma);
	unsigned long hstart = ALIGN(start, HPAGE_PMD_SIZE);
	unsigned long hend = end & HPAGE_PMD_MASK, addr, thps = 0;
	enum scan_result last_fail = SCAN_FAIL;

	if ((vma->vm_flags & (VM_NOHUGEPAGE | VM_SHARED)) ||
	    !vma_is_anonymous(vma) ||
	    ALIGN(vma->vm_start, HPAGE_PMD_SIZE) + HPAGE_PMD_SIZE > vma->vm_end)
		return -EINVAL;
	lru_add_drain();
	for (addr = hstart; addr < hend; addr += HPAGE_PMD_SIZE) {
		enum scan_result result = hpage_collapse_scan_pmd(vma, addr);

		sim_trace(sim, "madvise_collapse: %#lx: %s", addr,
			  scan_name[result]);
		switch (result) {
		case SCAN_SUCCEED:
		case SCAN_PMD_MAPPED:
			thps++;
			break;
		case SCAN_PMD_NULL:
		case SCAN_PTE_NON_PRESENT:
		case SCAN_PTE_UFFD_WP:
		case SCAN_PAGE_RO:
		case SCAN_PAGE_NULL:
		case SCAN_PAGE_COUNT:
		case SCAN_PAGE_LRU:
			last_fail = result;
			break;
		default:
			last_fail = result;
			goto out;
		}
	}
out:
	return thps == (hend - hstart) >> HPAGE_PMD_SHIFT ?
		       0 :
		       madvise_collapse_errno(last_fail);
}
