// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/huge_memory.c at v6.12 (and 6.18 where the policy says so) for
 * PMD-mapped anonymous THPs: the huge PMD fault (a new THP on a write, the
 * huge zero folio on a read), the write fault on a huge PMD (reuse, or
 * split and fall back to 4 KiB COW), __split_huge_pmd, zap_huge_pmd,
 * fork's copy_huge_pmd, with the PMD-level rmap of mm/rmap.c, and the
 * split of a large folio into pages for reclaim and MADV_PAGEOUT/COLD
 * (split_folio_to_list).
 *
 * Deviations (besides those of linux/huge_mm.h):
 * - no deposited page table: the kernel preallocates the PTE table a
 *   split will need when it maps a huge PMD (pgtable_trans_huge_deposit);
 *   the model allocates it when it splits, which cannot fail;
 * - the huge zero folio is allocated at first use and kept for the life
 *   of the machine (sim->huge_zero_pfn): there is no shrinker, and no
 *   per-mm reference (MMF_HUGE_ZERO_PAGE); like the kernel's, it is never
 *   counted in rss and has no rmap;
 * - the model is sequential: no PMD lock, no "PMD changed under us"
 *   retries, and the folio lock always succeeds.
 */
#include "linux/huge_mm.h"
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"
#include "mm/internal.h"

struct folio *sim_huge_zero_folio(const struct sim *sim)
{
	if (!sim->huge_zero_pfn)
		return NULL;
	return page_folio(pfn_to_page((struct sim *)sim, sim->huge_zero_pfn));
}

bool is_huge_zero_pmd(const struct sim *sim, pmd_t pmd)
{
	return sim->huge_zero_pfn && pmd_present(pmd) &&
	       pmd_pfn(pmd) == sim->huge_zero_pfn;
}

/*
 * mm_get_huge_zero_folio - the huge zero folio, allocated zeroed at first
 * use.  The machine's reference keeps it (see the deviations above).
 */
struct folio *mm_get_huge_zero_folio(struct mm_struct *mm)
{
	struct sim *sim = mm->sim;
	struct folio *folio;

	if (sim->huge_zero_pfn)
		return sim_huge_zero_folio(sim);
	folio = folio_alloc_large(sim, HPAGE_PMD_ORDER);
	sim->huge_zero_pfn = page_to_pfn(&folio->page);
	sim_trace(sim, "mm_get_huge_zero_folio: huge zero folio pfn %#lx",
		  sim->huge_zero_pfn);
	return folio;
}

/*
 * __thp_vma_allowable_orders - thp_vma_allowable_orders() past its early
 * check (linux/huge_mm.h): an anonymous private VMA and the machine's
 * per-size settings, each "madvise" or "never" (sim->thp_orders).
 */
unsigned long __thp_vma_allowable_orders(struct vm_area_struct *vma,
					 unsigned long orders)
{
	if (!vma_is_anonymous(vma) || (vma->vm_flags & VM_SHARED))
		return 0;
	return orders & vma_sim(vma)->thp_orders & THP_ORDERS_ALL_ANON;
}

/* thp_vma_allowable - may a fault at @addr map a PMD THP? */
bool thp_vma_allowable(struct vm_area_struct *vma, unsigned long addr)
{
	return thp_vma_suitable_orders(
		vma, addr, thp_vma_allowable_orders(vma, BIT(HPAGE_PMD_ORDER)));
}

/* maybe_pmd_mkwrite: writable only if the VMA is. */
static pmd_t maybe_pmd_mkwrite(pmd_t pmd, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_WRITE)
		pmd = pmd_mkwrite_novma(pmd);
	return pmd;
}

/* The zeroed THP of a fault (vma_alloc_anon_folio_pmd). */
static struct folio *thp_alloc_zeroed(struct vm_area_struct *vma)
{
	struct folio *folio = folio_alloc_large(vma_sim(vma), HPAGE_PMD_ORDER);
	unsigned long i;

	for (i = 0; i < HPAGE_PMD_NR; i++)
		page_set_written(folio_page(folio, i), -1,
				 page_wtime(folio_page(folio, i)));
	__folio_mark_uptodate(folio);
	return folio;
}

/*
 * map_anon_folio_pmd - map a new THP writable (if the VMA is), dirty,
 * young and exclusive at the PMD of @vmf (__do_huge_pmd_anonymous_page;
 * in 6.18 also do_huge_zero_wp_pmd, which named it map_anon_folio_pmd).
 */
static void map_anon_folio_pmd(struct vm_fault *vmf, struct folio *folio)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	pmd_t entry;

	entry = pmd_mkhuge(
		pfn_pmd(page_to_pfn(&folio->page), vma->vm_page_prot));
	entry = maybe_pmd_mkwrite(pmd_mkdirty(pmd_mkyoung(entry)), vma);
	folio_add_new_anon_rmap(folio, vma, haddr, RMAP_EXCLUSIVE);
	folio_add_lru_vma(folio, vma);
	set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, HPAGE_PMD_NR);
}

/*
 * do_huge_pmd_anonymous_page - first touch of a THP-eligible 2 MiB block
 * whose PMD is none.  A read maps the huge zero folio read-only (the
 * host's use_zero_page is 1); a write maps a new exclusive THP.
 */
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	struct folio *folio;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		pmd_t entry;

		folio = mm_get_huge_zero_folio(vma->vm_mm);
		entry = pmd_mkhuge(
			pfn_pmd(page_to_pfn(&folio->page), vma->vm_page_prot));
		set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry);
		count_sim_event(sim, SIM_ZERO_MAP);
		sim_trace(sim, "do_huge_pmd_anonymous_page: huge zero page "
			       "(read)");
		return 0;
	}
	folio = thp_alloc_zeroed(vma);
	map_anon_folio_pmd(vmf, folio);
	count_sim_event(sim, SIM_THP_FAULT_ALLOC);
	count_thp_event(sim, HPAGE_PMD_ORDER, SIM_THP_EV_FAULT_ALLOC);
	sim_trace(sim,
		  "do_huge_pmd_anonymous_page: new THP pfn %#lx, "
		  "exclusive",
		  page_to_pfn(&folio->page));
	return 0;
}

/* A fault on a huge PMD that it allows: mark it young (and dirty). */
void huge_pmd_set_accessed(struct vm_fault *vmf)
{
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	pmd_t entry = pmd_mkyoung(*vmf->pmd);

	if (vmf->flags & FAULT_FLAG_WRITE)
		entry = pmd_mkdirty(entry);
	set_pmd_at(vmf->vma->vm_mm, haddr, vmf->pmd, entry);
}

/*
 * do_huge_zero_wp_pmd - 6.18: a write fault on the huge zero PMD maps a
 * new THP in its place (policy huge_zero_wp_thp).
 */
static vm_fault_t do_huge_zero_wp_pmd(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	struct folio *folio = thp_alloc_zeroed(vma);

	set_pmd_at(vma->vm_mm, haddr, vmf->pmd, __pmd(0));
	map_anon_folio_pmd(vmf, folio);
	count_thp_event(vma_sim(vma), HPAGE_PMD_ORDER, SIM_THP_EV_FAULT_ALLOC);
	sim_trace(vma_sim(vma),
		  "do_huge_zero_wp_pmd: huge zero page -> new "
		  "THP pfn %#lx",
		  page_to_pfn(&folio->page));
	return 0;
}

/*
 * do_huge_pmd_wp_page - a write (or unshare) fault on a R/O huge PMD.  An
 * exclusive folio is reused; so is one whose only reference is this
 * mapping's, which becomes exclusive.  Anything else splits the PMD and
 * returns VM_FAULT_FALLBACK: the fault is handled again on the PTE that
 * now maps the page (do_wp_page copies 4 KiB).  The huge zero PMD is split
 * too (v6.12), or replaced by a new THP (6.18: do_huge_zero_wp_pmd).
 */
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf)
{
	const bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	unsigned long haddr = vmf->address & HPAGE_PMD_MASK;
	pmd_t orig_pmd = *vmf->pmd;
	struct folio *folio;
	struct page *page;
	pmd_t entry;

	if (is_huge_zero_pmd(sim, orig_pmd)) {
		/* 6.13+: an unshare fault too (no unshare test there). */
		if (vma_policy(vma)->huge_zero_wp_thp)
			return do_huge_zero_wp_pmd(vmf);
		sim_trace(sim, "do_huge_pmd_wp_page: huge zero page: split");
		goto fallback;
	}
	page = pfn_to_page(sim, pmd_pfn(orig_pmd));
	folio = page_folio(page);
	if (PageAnonExclusive(page)) {
		sim_trace(sim,
			  "do_huge_pmd_wp_page: reuse (exclusive) THP "
			  "pfn %#lx",
			  page_to_pfn(page));
		goto reuse;
	}
	if (folio_ref_count(folio) >
	    1 + folio_test_swapcache(folio) * (int)folio_nr_pages(folio))
		goto split;
	if (folio_test_swapcache(folio))
		folio_free_swap(folio);
	if (folio_ref_count(folio) != 1)
		goto split;
	folio_move_anon_rmap(folio, vma);
	/* Before v5.19 there is no PG_anon_exclusive to set. */
	if (vma_policy(vma)->anon_exclusive)
		SetPageAnonExclusive(page);
	sim_trace(sim,
		  "do_huge_pmd_wp_page: reuse (sole reference) THP "
		  "pfn %#lx",
		  page_to_pfn(page));
reuse:
	if (unshare)
		return 0;
	entry = pmd_mkyoung(orig_pmd);
	entry = maybe_pmd_mkwrite(pmd_mkdirty(entry), vma);
	set_pmd_at(vma->vm_mm, haddr, vmf->pmd, entry);
	count_sim_event(sim, SIM_PGREUSE);
	return 0;
split:
	sim_trace(sim,
		  "do_huge_pmd_wp_page: THP pfn %#lx may be shared: "
		  "split, copy 4 KiB",
		  page_to_pfn(page));
fallback:
	__split_huge_pmd(vma, vmf->pmd, vmf->address);
	return VM_FAULT_FALLBACK;
}

/* The huge zero PMD becomes 512 PTEs of the small zero page. */
static void __split_huge_zero_page_pmd(struct vm_area_struct *vma,
				       unsigned long haddr, pmd_t *pmd)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t old_pmd = *pmd;
	unsigned long i;
	pte_t *pte;

	count_thp_event(vma_sim(vma), HPAGE_PMD_ORDER, SIM_THP_EV_SPLIT_PMD);
	set_pmd_at(mm, haddr, pmd, __pmd(0));
	pte = pte_alloc_map(mm, haddr);
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		pte_t entry =
			pte_mkspecial(pfn_pte(SIM_ZERO_PFN, vma->vm_page_prot));

		if (pmd_uffd_wp(old_pmd))
			entry = pte_mkuffd_wp(entry);
		set_pte_at(mm, haddr + i * PAGE_SIZE, pte + i, entry);
	}
	sim_trace(vma_sim(vma), "__split_huge_pmd: huge zero page -> 512 "
				"zero-page PTEs");
}

/*
 * __split_huge_pmd_locked - map the THP of a huge PMD by 512 PTEs
 * instead.  The folio stays one large folio; each PTE takes the PMD's
 * write, dirty, young, soft-dirty and uffd-wp bits; an exclusive head
 * makes every subpage exclusive (folio_add_anon_rmap_ptes with
 * RMAP_EXCLUSIVE); the PMD's reference and entire mapping become 512 PTE
 * references and mappings.  With @freeze (a folio split unmapping its
 * folio) the PTEs are migration entries instead, which carry the write
 * bit and the exclusivity (writable, readable-exclusive, readable), and
 * the PMD's mapping and reference go: unless the folio may be pinned
 * while exclusive (folio_try_share_anon_rmap_pmd refuses), which maps the
 * PTEs as without @freeze.
 */
static void __split_huge_pmd_locked(struct vm_area_struct *vma, pmd_t *pmd,
				    unsigned long haddr, bool freeze)
{
	struct mm_struct *mm = vma->vm_mm;
	struct sim *sim = mm->sim;
	pmd_t old_pmd = *pmd;
	bool write, young, dirty, soft_dirty, uffd_wp, anon_exclusive;
	struct folio *folio;
	struct page *page;
	unsigned long i;
	pte_t *pte;

	count_thp_event(sim, HPAGE_PMD_ORDER, SIM_THP_EV_SPLIT_PMD);
	page = pfn_to_page(sim, pmd_pfn(old_pmd));
	folio = page_folio(page);
	VM_WARN_ON(sim, !folio_test_anon(folio) || !folio_ref_count(folio));
	/* pmdp_invalidate: the PMD is not present while PTEs are built. */
	set_pmd_at(mm, haddr, pmd, __pmd(0));
	if (!folio_test_dirty(folio) && pmd_dirty(old_pmd))
		folio_set_dirty(folio);
	write = pmd_write(old_pmd);
	young = pmd_young(old_pmd);
	dirty = pmd_dirty(old_pmd);
	soft_dirty = pmd_soft_dirty(old_pmd);
	uffd_wp = pmd_uffd_wp(old_pmd);
	anon_exclusive = PageAnonExclusive(page);
	if (freeze && anon_exclusive) {
		if (folio_maybe_dma_pinned(folio))
			freeze = false;
		else
			ClearPageAnonExclusive(page);
	}

	if (!freeze) {
		folio_ref_add(folio, HPAGE_PMD_NR - 1);
		folio_add_anon_rmap_ptes(folio, page, HPAGE_PMD_NR, vma, haddr,
					 anon_exclusive ? RMAP_EXCLUSIVE :
							  RMAP_NONE);
	}
	pte = pte_alloc_map(mm, haddr);
	for (i = 0; i < HPAGE_PMD_NR; i++) {
		pte_t entry;

		if (freeze) {
			unsigned int type =
				write	       ? SWP_MIGRATION_WRITE :
				anon_exclusive ? SWP_MIGRATION_READ_EXCLUSIVE :
						 SWP_MIGRATION_READ;

			entry = swp_entry_to_pte(
				swp_entry(type, page_to_pfn(page + i)));
			if (soft_dirty)
				entry = pte_swp_mksoft_dirty(entry);
			if (uffd_wp)
				entry = pte_swp_mkuffd_wp(entry);
			set_pte_at(mm, haddr + i * PAGE_SIZE, pte + i, entry);
			continue;
		}
		entry = mk_pte(page + i, vma->vm_page_prot);
		if (write)
			entry = pte_mkwrite_novma(entry);
		if (!young)
			entry = pte_mkold(entry);
		if (dirty)
			entry = pte_mkdirty(entry);
		if (soft_dirty)
			entry = pte_mksoft_dirty(entry);
		if (uffd_wp)
			entry = pte_mkuffd_wp(entry);
		set_pte_at(mm, haddr + i * PAGE_SIZE, pte + i, entry);
	}
	folio_remove_rmap_pmd(folio, page, vma);
	if (freeze)
		folio_put(folio);
	sim_trace(sim, "__split_huge_pmd: THP pfn %#lx -> 512 %s%s%s",
		  page_to_pfn(page), freeze ? "migration entries" : "PTEs",
		  write ? ", writable" : "",
		  anon_exclusive ? ", exclusive" : "");
}

/* __split_huge_pmd - split the huge PMD that maps @address, if one does. */
void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address)
{
	unsigned long haddr = address & HPAGE_PMD_MASK;

	if (!pmd_trans_huge(*pmd))
		return;
	if (is_huge_zero_pmd(vma_sim(vma), *pmd)) {
		__split_huge_zero_page_pmd(vma, haddr, pmd);
		return;
	}
	__split_huge_pmd_locked(vma, pmd, haddr, false);
}

/* The walks of a folio split: the folio, and its first and last PFN. */
struct split_walk {
	struct folio *folio;
	unsigned long pfn, end;
	bool failed;
	/* remap: map the zero page for a zero-filled page (6.12+). */
	bool zeropage;
};

/*
 * unmap_folio's PTE level (try_to_migrate_one on a page of a large
 * folio): a present PTE that maps a page of the folio becomes a migration
 * entry of that page, its exclusivity in the entry's type.
 */
static int split_unmap_pte(pte_t *ptep, unsigned long addr, unsigned long next,
			   struct mm_walk *walk)
{
	struct split_walk *sw = walk->private;
	struct vm_area_struct *vma = walk->vma;
	struct folio *folio = sw->folio;
	pte_t pteval = *ptep, swp_pte;
	bool anon_exclusive;
	struct page *page;
	unsigned int type;

	if (!pte_present(pteval) || pte_special(pteval) ||
	    pte_pfn(pteval) < sw->pfn || pte_pfn(pteval) >= sw->end)
		return 0;
	page = pfn_to_page(walk->mm->sim, pte_pfn(pteval));
	anon_exclusive = PageAnonExclusive(page);
	if (anon_exclusive && folio_maybe_dma_pinned(folio)) {
		sw->failed = true;
		return 0;
	}
	set_pte_at(walk->mm, addr, ptep, __pte(0));
	if (pte_dirty(pteval))
		folio_set_dirty(folio);
	if (anon_exclusive)
		ClearPageAnonExclusive(page);
	swp_pte = make_migration_pte(page, pteval, anon_exclusive, &type);
	set_pte_at(walk->mm, addr, ptep, swp_pte);
	folio_remove_rmap_pte(folio, page, vma);
	folio_put(folio);
	return 0;
}

static const struct mm_walk_ops split_unmap_ops = {
	.pte_entry = split_unmap_pte,
};

/*
 * remap_page's PTE level (remove_migration_pte): a migration entry of a
 * page of the split folio maps that page, now a folio of its own, again;
 * a zero-filled one maps the shared zero page instead
 * (try_to_map_unused_to_zeropage, RMP_USE_SHARED_ZEROPAGE), unless the
 * VMA is locked.
 */
static int split_remap_pte(pte_t *ptep, unsigned long addr, unsigned long next,
			   struct mm_walk *walk)
{
	struct split_walk *sw = walk->private;
	struct vm_area_struct *vma = walk->vma;
	pte_t old = *ptep, pte;
	swp_entry_t entry;
	struct folio *folio;
	struct page *page;

	if (!is_swap_pte(old))
		return 0;
	entry = pte_to_swp_entry(old);
	if (!is_migration_entry(entry) || swp_offset(entry) < sw->pfn ||
	    swp_offset(entry) >= sw->end)
		return 0;
	page = pfn_to_page(walk->mm->sim, swp_offset(entry));
	folio = page_folio(page);
	if (sw->zeropage && !page->sim_content &&
	    !(vma->vm_flags & VM_LOCKED)) {
		pte = pte_mkspecial(pfn_pte(SIM_ZERO_PFN, vma->vm_page_prot));
		if (pte_swp_soft_dirty(old))
			pte = pte_mksoft_dirty(pte);
		if (pte_swp_uffd_wp(old))
			pte = pte_mkuffd_wp(pte);
		set_pte_at(walk->mm, addr, ptep, pte);
		dec_mm_counter(walk->mm, MM_ANONPAGES);
		return 0;
	}
	pte = pte_mkold(mk_pte(page, vma->vm_page_prot));
	if (pte_swp_soft_dirty(old))
		pte = pte_mksoft_dirty(pte);
	if (swp_type(entry) == SWP_MIGRATION_WRITE)
		pte = pte_mkdirty(pte_mkwrite_novma(pte));
	else if (pte_swp_uffd_wp(old))
		pte = pte_mkuffd_wp(pte);
	folio_get(folio);
	folio_add_anon_rmap_pte(folio, page, vma, addr,
				swp_type(entry) != SWP_MIGRATION_READ ?
					RMAP_EXCLUSIVE :
					RMAP_NONE);
	set_pte_at(walk->mm, addr, ptep, pte);
	return 0;
}

static const struct mm_walk_ops split_remap_ops = {
	.pte_entry = split_remap_pte,
};

/*
 * unmap_folio - replace every mapping of @folio by migration entries:
 * each huge PMD mapping it is split frozen, each PTE mapping a page of it
 * becomes an entry (try_to_migrate with TTU_SPLIT_HUGE_PMD).
 *
 * Deviation: the PTEs are found by walking every process, not by an rmap
 * walk (as remove_migration_ptes does in the model).
 */
static bool unmap_folio(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	unsigned long nr = folio_nr_pages(folio);
	struct split_walk sw = { .folio = folio,
				 .pfn = page_to_pfn(&folio->page) };
	struct mm_struct *mm;
	unsigned int m;

	sw.end = sw.pfn + nr;
	for_each_mm(sim, mm, m) {
		struct vm_area_struct *vma;

		if (folio_entire_mapcount(folio) > 0) {
			for_each_vma(mm, vma) {
				unsigned long addr;
				pmd_t *pmd;

				if (!vma->anon_vma ||
				    folio->index < vma->vm_pgoff)
					continue;
				addr = vma->vm_start +
				       ((folio->index - vma->vm_pgoff)
					<< PAGE_SHIFT);
				if (addr < vma->vm_start ||
				    addr + HPAGE_PMD_SIZE > vma->vm_end ||
				    (addr & ~HPAGE_PMD_MASK))
					continue;
				pmd = pmd_offset_map(mm, addr, false);
				if (pmd && pmd_trans_huge(*pmd) &&
				    pmd_pfn(*pmd) == sw.pfn)
					__split_huge_pmd_locked(vma, pmd, addr,
								true);
			}
		}
		walk_page_range(mm, 0, TASK_SIZE_MAX, &split_unmap_ops, &sw);
	}
	return !sw.failed && !folio_mapped(folio);
}

/* remap_page - map the pages of a split (or failed) folio again. */
static void remap_page(struct sim *sim, unsigned long pfn, unsigned long nr,
		       bool zeropage)
{
	struct split_walk sw = { .pfn = pfn,
				 .end = pfn + nr,
				 .zeropage = zeropage };
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(sim, mm, m)
		walk_page_range(mm, 0, TASK_SIZE_MAX, &split_remap_ops, &sw);
}

/*
 * The flags a page split off a folio takes from the head
 * (__split_huge_page_tail); PG_lru is decided by the caller.
 */
#define SPLIT_FLAGS                                                   \
	(BIT(PG_referenced) | BIT(PG_swapbacked) | BIT(PG_uptodate) | \
	 BIT(PG_active) | BIT(PG_workingset) | BIT(PG_dirty) |        \
	 BIT(PG_unevictable) | BIT(PG_mlocked))

/*
 * split_folio_to_list - split a large anon folio into order-0 folios
 * (split_huge_page_to_list_to_order with new order 0).  The caller holds
 * one reference (and the folio lock, which the model does not need).  Any
 * other reference than a mapping's makes the split fail (can_split_folio:
 * a pin, a GUP reference, a pipe).  The mappings are replaced by
 * migration entries (unmap_folio), every page becomes a folio of its own
 * with the head's anon mapping, index and flags, and the entries map the
 * pages again, each exclusive if its entry was, a zero-filled page as the
 * shared zero page (remap_page with RMP_USE_SHARED_ZEROPAGE, 6.12+).
 * The caller's reference stays on the first page.  With @list (reclaim),
 * each other page is added to it, isolated, with a reference of its own;
 * without, it goes to the LRU and the split's reference is dropped (a
 * page no PTE maps is freed).
 *
 * Return: 0, or -EAGAIN (extra references), -EBUSY (not a large anon
 * folio the model splits: in the swap cache, or the huge zero folio).
 */
static int __split_folio_to_list(struct folio *folio, struct folio **list,
				 unsigned long *nr_list, bool zeropage)
{
	struct sim *sim = folio_sim(folio);
	unsigned long pfn = page_to_pfn(&folio->page);
	unsigned long nr = folio_nr_pages(folio), i, j;
	unsigned long mapping = folio->mapping, index = folio->index;
	unsigned long flags = folio->flags & SPLIT_FLAGS;
	bool lru = folio_test_lru(folio);

	if (!folio_test_large(folio) || !folio_test_anon(folio) ||
	    is_huge_zero_folio(folio) || folio_test_swapcache(folio))
		return -EBUSY;
	if (folio_mapcount(folio) != folio_ref_count(folio) - 1) {
		sim_trace(sim,
			  "split_folio: pfn %#lx has %d references beyond "
			  "its %d mappings: not split",
			  pfn, folio_ref_count(folio) - 1,
			  folio_mapcount(folio));
		return -EAGAIN;
	}
	if (!unmap_folio(folio) || folio_ref_count(folio) != 1) {
		remap_page(sim, pfn, nr, false);
		sim_trace(sim, "split_folio: pfn %#lx could not be unmapped",
			  pfn);
		return -EAGAIN;
	}
	/* __split_huge_page: undo the compound page, page by page. */
	count_thp_event(sim, folio_order(folio), SIM_THP_EV_SPLIT);
	folio->_flags_1 &= ~(0xffUL | BIT(PG_partially_mapped));
	folio->_large_mapcount = 0;
	folio->_entire_mapcount = 0;
	folio->_nr_pages_mapped = 0;
	folio->_pincount = 0;
	folio->flags &= ~BIT(PG_head);
	for (i = 1; i < nr; i++) {
		struct page *page = pfn_to_page(sim, pfn + i);

		page->flags &= ~(BIT(PG_sim_tail) | SPLIT_FLAGS | BIT(PG_lru));
		page->flags |= flags;
		page->private = 0;
		page->mapping = mapping;
		page->index = index + i;
		page->_mapcount = -1;
		page->_refcount = 1;
	}
	sim_touch_all(sim);
	remap_page(sim, pfn, nr, zeropage);
	/*
	 * The order in which reclaim meets the other pages, which decides
	 * their swap slots (policy split_list_last_first, 8123).
	 */
	for (j = 1; j < nr; j++) {
		struct folio *tail;

		i = list && sim->policy.split_list_last_first ? nr - j : j;
		tail = page_folio(pfn_to_page(sim, pfn + i));

		if (list) {
			folio_get(tail);
			list[(*nr_list)++] = tail;
		} else if (lru) {
			folio_set_lru(tail);
		}
		folio_put(tail);
	}
	sim_trace(sim, "split_folio: pfn %#lx -> %lu folios of one page", pfn,
		  nr);
	return 0;
}

int split_folio_to_list(struct folio *folio, struct folio **list,
			unsigned long *nr_list)
{
	/* Zero-filled pages to the shared zero page from 6.12 (b1f202060afe). */
	return __split_folio_to_list(folio, list, nr_list,
				     folio_policy(folio)->thp_split_zeropage);
}

/*
 * split_folio_for_swap - model-only: the stand-in for a large folio in the
 * swap cache.  add_to_swap gave the folio one slot per page from @entry
 * (folio_alloc_swap of its order, THP_SWAP: contiguous and aligned, each
 * with SWAP_HAS_CACHE); the kernel keeps the folio whole in the swap
 * cache, unmaps it into one swap PTE per page, each with the exclusive
 * bit of its page, writes it (zero-filled or not, the whole folio) and
 * frees it.  The model splits the folio first, without mapping
 * zero-filled pages to the zero page, and puts page i in the swap cache
 * at slot @entry + i: each is then unmapped, written and freed as a
 * small folio, and the page tables and slots end as the kernel's do.
 * Deviation: the folio is never in the swap cache whole (a large folio
 * that stays in the swap cache, as on a device that is slow to write,
 * stays as small folios).
 */
int split_folio_for_swap(struct folio *folio, swp_entry_t entry,
			 struct folio **list, unsigned long *nr_list)
{
	struct sim *sim = folio_sim(folio);
	struct swap_info_struct *si = swp_swap_info(sim, entry);
	unsigned long pfn = page_to_pfn(&folio->page);
	unsigned long nr = folio_nr_pages(folio), i;
	unsigned int order = folio_order(folio);
	unsigned long split = sim->thp_events[SIM_THP_EV_SPLIT][order];
	unsigned long deferred =
		sim->thp_events[SIM_THP_EV_SPLIT_DEFERRED][order];
	int ret;

	ret = __split_folio_to_list(folio, list, nr_list, false);
	/* The kernel splits nothing here: no split counts either. */
	sim->thp_events[SIM_THP_EV_SPLIT][order] = split;
	sim->thp_events[SIM_THP_EV_SPLIT_DEFERRED][order] = deferred;
	if (ret)
		return ret;
	for (i = 0; i < nr; i++) {
		swp_entry_t e =
			swp_entry(swp_type(entry), swp_offset(entry) + i);
		struct folio *page = page_folio(pfn_to_page(sim, pfn + i));

		swp_swap_info(sim, e);
		si->swap_map[swp_offset(e)] &= ~SWAP_HAS_CACHE;
		add_to_swap_cache(page, e);
		folio_set_dirty(page);
	}
	return 0;
}

/*
 * deferred_split_folio - a large anon folio is partially mapped now (some
 * of its pages lost their last mapping, others keep theirs): it is marked
 * (PG_partially_mapped, counted once: thp_deferred_split_page for the
 * PMD size, the size's split_deferred) and queued for the deferred split
 * shrinker.  Not order 1 (no room for the queue), not in the swap cache
 * (reclaim is handling it).  The model's queue is the set of marked
 * folios.  Deviation: 6.12 queues every new PMD-size THP too, unmarked,
 * for the underused-THP shrinker (thp_underused), which with the default
 * max_ptes_none (511) never splits one: the model queues none.
 */
void deferred_split_folio(struct folio *folio)
{
	if (folio_order(folio) <= 1 || folio_test_swapcache(folio) ||
	    folio_test_partially_mapped(folio))
		return;
	folio_set_partially_mapped(folio);
	count_thp_event(folio_sim(folio), folio_order(folio),
			SIM_THP_EV_SPLIT_DEFERRED);
	sim_trace(folio_sim(folio),
		  "deferred_split_folio: order-%u folio pfn %#lx partially "
		  "mapped (%d of %lu pages): queued",
		  folio_order(folio), page_to_pfn(&folio->page),
		  folio->_nr_pages_mapped, folio_nr_pages(folio));
}

/*
 * deferred_split_scan - the deferred split shrinker (what drop_caches
 * and memory pressure run): every partially mapped folio is split
 * (split_folio: its zero-filled pages mapped to the zero page, 6.12+),
 * its unmapped pages freed; one that cannot be split (a reference beyond
 * its mappings) stays queued.  Returns how many were split.
 */
unsigned long deferred_split_scan(struct sim *sim)
{
	unsigned long pfn, split = 0;

	for (pfn = 0; pfn < sim->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(sim, pfn);
		struct folio *folio;

		if (!PageHead(page) || PageBuddy(page))
			continue;
		folio = page_folio(page);
		if (!folio_test_anon(folio) ||
		    !folio_test_partially_mapped(folio))
			continue;
		folio_get(folio);
		if (!split_folio_to_list(folio, NULL, NULL)) {
			split++;
			sim_trace(sim, "deferred_split_scan: pfn %#lx split",
				  pfn);
		} else {
			sim_trace(sim,
				  "deferred_split_scan: pfn %#lx cannot be "
				  "split: stays queued",
				  pfn);
		}
		folio_put(folio);
	}
	return split;
}

/*
 * zap_huge_pmd - unmap a whole huge PMD (munmap, exit, MADV_DONTNEED of
 * the whole block): the rss, the entire mapping and the PMD's reference
 * go.  The huge zero folio has none of them.
 */
int zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr)
{
	struct mm_struct *mm = vma->vm_mm;
	struct sim *sim = mm->sim;
	unsigned long haddr = addr & HPAGE_PMD_MASK;
	pmd_t orig_pmd = *pmd;
	struct folio *folio;
	struct page *page;

	if (!pmd_trans_huge(orig_pmd))
		return 0;
	set_pmd_at(mm, haddr, pmd, __pmd(0));
	if (is_huge_zero_pmd(sim, orig_pmd)) {
		sim_trace(sim, "zap_huge_pmd: huge zero page");
		return 1;
	}
	page = pfn_to_page(sim, pmd_pfn(orig_pmd));
	folio = page_folio(page);
	sim_trace(sim, "zap_huge_pmd: unmap THP pfn %#lx (refcount %d -> %d)",
		  page_to_pfn(page), folio_ref_count(folio),
		  folio_ref_count(folio) - 1);
	folio_remove_rmap_pmd(folio, page, vma);
	add_mm_counter(mm, MM_ANONPAGES, -(long)HPAGE_PMD_NR);
	free_swap_cache(folio);
	folio_put(folio);
	return 1;
}

/*
 * copy_huge_pmd - fork over a huge PMD at @addr.  The huge zero PMD is
 * copied as it is.  A THP is shared read-only in both (its head loses
 * PageAnonExclusive) unless it may be pinned while exclusive
 * (folio_try_dup_anon_rmap_pmd says -EBUSY): then the parent's PMD is
 * split and -EAGAIN tells the caller to copy the PTEs, where each
 * exclusive subpage is copied for the child (copy_present_page).
 *
 * Return: 0, or -EAGAIN after a split.
 */
int copy_huge_pmd(struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, unsigned long addr)
{
	struct mm_struct *src_mm = src_vma->vm_mm, *dst_mm = dst_vma->vm_mm;
	struct sim *sim = src_mm->sim;
	pmd_t *src_pmd = pmd_offset_map(src_mm, addr, false);
	pmd_t *dst_pmd, pmd = *src_pmd;
	struct folio *folio;
	struct page *page;

	if (!is_huge_zero_pmd(sim, pmd)) {
		page = pfn_to_page(sim, pmd_pfn(pmd));
		folio = page_folio(page);
		folio_get(folio);
		if (folio_try_dup_anon_rmap_pmd(folio, page, dst_vma,
						src_vma)) {
			folio_put(folio);
			sim_trace(sim,
				  "copy_huge_pmd: THP pfn %#lx maybe "
				  "pinned: split, copy the PTEs",
				  page_to_pfn(page));
			__split_huge_pmd(src_vma, src_pmd, addr);
			return -EAGAIN;
		}
		add_mm_counter(dst_mm, MM_ANONPAGES, HPAGE_PMD_NR);
		sim_trace(sim,
			  "copy_huge_pmd: share THP pfn %#lx R/O, no "
			  "longer exclusive",
			  page_to_pfn(page));
	}
	set_pmd_at(src_mm, addr, src_pmd, pmd_wrprotect(pmd));
	if (!userfaultfd_wp(dst_vma))
		pmd = pmd_clear_uffd_wp(pmd);
	pmd = pmd_mkold(pmd_wrprotect(pmd));
	dst_pmd = pmd_offset_map(dst_mm, addr, true);
	set_pmd_at(dst_mm, addr, dst_pmd, pmd);
	return 0;
}

/* Each huge PMD of any process that maps @folio becomes 512 PTEs. */
static void split_folio_pmds(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	unsigned long head = page_to_pfn(&folio->page), a;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(sim, mm, m)
		for_each_vma(mm, vma)
			for (a = ALIGN(vma->vm_start, HPAGE_PMD_SIZE);
			     a + HPAGE_PMD_SIZE <= vma->vm_end;
			     a += HPAGE_PMD_SIZE) {
				const pmd_t *ro = pmd_offset_map_ro(mm, a);

				if (ro && pmd_trans_huge(*ro) &&
				    pmd_pfn(*ro) == head)
					__split_huge_pmd(vma,
							 pmd_offset_map(mm, a,
									false),
							 a);
			}
}

/*
 * unmap_folio's try_to_migrate_one, for the PTEs (not the huge PMDs) that
 * map the folio: a poisoned page's PTE becomes a hwpoison entry, which
 * remap_page leaves as it is (the other pages come back as they were).
 */
static void unmap_poisoned_ptes(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	unsigned long head = page_to_pfn(&folio->page);
	unsigned long nr = folio_nr_pages(folio), a;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(sim, mm, m)
		for_each_vma(mm, vma)
			for (a = vma->vm_start; a < vma->vm_end;
			     a += PAGE_SIZE) {
				const pte_t *ro = pte_offset_map_ro(mm, a);
				struct page *page;
				pte_t *ptep;

				if (!ro || !pte_present(*ro) ||
				    pte_special(*ro) || pte_pfn(*ro) < head ||
				    pte_pfn(*ro) >= head + nr)
					continue;
				page = pfn_to_page(sim, pte_pfn(*ro));
				if (!PageHWPoison(page))
					continue;
				ptep = pte_offset_map(mm, a);
				set_pte_at(mm, a, ptep,
					   swp_entry_to_pte(
						   make_hwpoison_entry(page)));
				dec_mm_counter(mm, mm_counter(folio));
				folio_remove_rmap_pte(folio, page, vma);
				folio_put(folio);
				sim_trace(
					sim,
					"try_to_migrate_one: %#lx -> hwpoison "
					"entry %#lx",
					a, page_to_pfn(page));
			}
}

/*
 * try_to_map_unused_to_zeropage, as remap_page does it after a split
 * (RMP_USE_SHARED_ZEROPAGE, 6.12): a PTE of a zero-filled page becomes
 * the shared zero page, unless the VMA is locked.
 */
static bool map_unused_to_zeropage(struct folio *folio,
				   struct vm_area_struct *vma,
				   unsigned long address, pte_t *ptep,
				   void *arg)
{
	pte_t pte;

	if (vma->vm_flags & VM_LOCKED)
		return true;
	pte = pte_mkspecial(pfn_pte(SIM_ZERO_PFN, vma->vm_page_prot));
	if (pte_uffd_wp(*ptep))
		pte = pte_mkuffd_wp(pte);
	set_pte_at(vma->vm_mm, address, ptep, pte);
	dec_mm_counter(vma->vm_mm, mm_counter(folio));
	folio_remove_rmap_pte(folio, &folio->page, vma);
	folio_put(folio);
	return true;
}

/*
 * split_huge_page - split the anon large folio of @page into small folios
 * (thp.split-folio); the caller's reference stays on @page.  As
 * can_split_folio, any reference besides the mappings and the caller's
 * (a pin) makes it fail with -EAGAIN before anything changed.  Every huge
 * PMD mapping the folio is split first, then each page becomes a folio of
 * its own: the head's flags (dirty, uptodate, LRU...), mapping and index
 * (+ its offset), a reference per PTE mapping it; PG_anon_exclusive and
 * PG_hwpoison stay each page's own.  A page that holds only zeros (the
 * model: content 0) and is not poisoned is replaced by the shared zero
 * page wherever it is mapped (remap_page with RMP_USE_SHARED_ZEROPAGE,
 * v6.12; the policy's thp_split_zeropage); pages nothing maps are freed.
 *
 * Deviations: the kernel freezes the folio and replaces its mappings by
 * migration entries (unmap_folio, remap_page); the model is sequential,
 * so it does only what that changes: a poisoned page mapped by a PTE
 * loses it to a hwpoison entry (try_to_migrate_one), and the PTEs of a
 * huge PMD stay as __split_huge_pmd made them.  Only anon folios out
 * of the swap cache (the model has no THP swap); no deferred split queue.
 */
int split_huge_page(struct page *page)
{
	struct folio *folio = page_folio(page);
	struct sim *sim = folio_sim(folio);
	unsigned long nr = folio_nr_pages(folio), i;
	unsigned long mapping = folio->mapping, index = folio->index;
	unsigned long inherit =
		folio->flags &
		(BIT(PG_referenced) | BIT(PG_uptodate) | BIT(PG_dirty) |
		 BIT(PG_lru) | BIT(PG_active) | BIT(PG_swapbacked) |
		 BIT(PG_unevictable) | BIT(PG_mlocked));
	unsigned long own = BIT(PG_anon_exclusive) | BIT(PG_hwpoison) |
			    BIT(PG_sim_mf_left);

	if (!folio_test_large(folio) || !folio_test_anon(folio) ||
	    folio_test_swapcache(folio))
		return -EBUSY;
	if (folio_ref_count(folio) != folio_mapcount(folio) + 1 ||
	    folio->_pincount)
		return -EAGAIN;
	/*
	 * unmap_folio: PTEs of poisoned pages become hwpoison entries; a
	 * huge PMD is split frozen (every page, a poisoned one too, comes
	 * back mapped).
	 */
	unmap_poisoned_ptes(folio);
	split_folio_pmds(folio);
	VM_WARN_ON(sim, folio_entire_mapcount(folio));
	for (i = 0; i < nr; i++) {
		struct page *p = folio_page(folio, i);

		p->flags = (p->flags & (~SIM_PAGE_FLAGS_MASK | own)) | inherit;
		p->mapping = mapping;
		p->index = index + i;
		p->private = 0;
		p->_refcount = page_mapcount(p) + (p == page);
		sim_touch_page(p);
	}
	sim_trace(sim, "split_huge_page: THP pfn %#lx -> %lu small folios",
		  page_to_pfn(&folio->page), nr);
	if (!sim->policy.thp_split_zeropage)
		sim_trace(sim, "split_huge_page: zero-filled pages stay mapped "
			       "(no RMP_USE_SHARED_ZEROPAGE before 6.12)");
	for (i = 0; sim->policy.thp_split_zeropage && i < nr; i++) {
		struct page *p =
			pfn_to_page(sim, page_to_pfn(&folio->page) + i);
		struct rmap_walk_control rwc = {
			.rmap_one = map_unused_to_zeropage,
		};

		if (p->sim_content || PageHWPoison(p) || !page_mapcount(p))
			continue;
		p->_refcount++;
		rmap_walk(page_folio(p), &rwc);
		folio_put(page_folio(p));
	}
	/* Pages nothing maps or holds go back to the allocator. */
	for (i = 0; i < nr; i++) {
		struct page *p =
			pfn_to_page(sim, page_to_pfn(&folio->page) + i);

		if (!p->_refcount && !PageBuddy(p)) {
			p->_mapcount = -1;
			free_unref_page(p);
		}
	}
	sim_touch_all(sim);
	return 0;
}
