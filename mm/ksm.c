// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/ksm.c at v6.12 for small anon pages: MADV_MERGEABLE and
 * MADV_UNMERGEABLE, and a full scan that merges identical pages of
 * mergeable VMAs into KSM pages (the KSM rules).
 *
 * A page is merged only if write_protect_page can make it R/O and clean
 * while KSM's own reference is the only one besides its mappings and the
 * swap cache, and, if it is exclusive, only if it is not maybe-pinned
 * (folio_try_share_anon_rmap_pte).  KSM pages are never exclusive: a write
 * copies them, a R/O pin unshares them.
 *
 * A scan (ksm_do_scan) keeps, per mm, an rmap_item for each address
 * where it found an anon page, with the checksum of its contents: a page
 * that is not KSM yet goes on only if its checksum is the one the
 * previous scan saw (cmp_and_merge_page), so a page merges in the second
 * scan that sees it unchanged at the earliest.  Then the stable tree (the
 * KSM pages) is searched, then the unstable tree (the pages of this scan
 * that passed the checksum), which starts empty in every scan.
 *
 * Representation: the trees are lists searched in order, not red-black
 * trees sorted by contents (memcmp_pages).  Which node a search meets
 * first does not matter: a scan runs with no user access in between (on
 * the kernel backend too: the agents wait while ksmd scans), so no page
 * changes under the unstable tree, which starts empty in every scan, and
 * each tree holds at most one live page per contents (a page equal to a
 * tree page merges with it or, if that fails, is not inserted, as in
 * unstable_tree_search_insert; a merged tree page leaves the tree; the
 * stable list is one KSM page per contents).  The one item the kernel
 * meets only by its place in the tree, the same page mapped at another
 * address (fork), ends its search without an insert; the model skips it
 * and inserts the address, whose page is then found behind the first
 * one: the same merges follow.  The checksum is derived from the page's
 * one 64-bit value instead of xxhash of its bytes, and a KSM page's
 * mapping carries the KSM bits with no stable node behind them.  The
 * shared zero page is never merged (use_zero_pages off, the kernel's
 * default).
 *
 * Deviation: no max_page_sharing: a KSM page takes any number of
 * mappings, where the kernel starts another KSM page of the same contents
 * past 256 (stable_node_chain, stable_node_dup).
 */
#include <stdlib.h>
#include <sys/mman.h>

#include "linux/ksm.h"
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

static int write_protect_page(struct vm_area_struct *vma, struct folio *folio,
			      unsigned long addr, pte_t *ptep)
{
	struct page *page = &folio->page;
	pte_t entry = *ptep;

	if (!pte_write(entry) && !pte_dirty(entry) && !PageAnonExclusive(page))
		return 0;
	set_pte_at(vma->vm_mm, addr, ptep, __pte(0));
	/* KSM's own reference is the "+ 1". */
	if (folio_mapcount(folio) + 1 + folio_test_swapcache(folio) !=
	    folio_ref_count(folio)) {
		set_pte_at(vma->vm_mm, addr, ptep, entry);
		sim_trace(vma_sim(vma),
			  "ksm: pfn %#lx has extra references: "
			  "not merged",
			  page_to_pfn(page));
		return -EBUSY;
	}
	if (PageAnonExclusive(page) &&
	    folio_try_share_anon_rmap_pte(folio, page)) {
		set_pte_at(vma->vm_mm, addr, ptep, entry);
		sim_trace(vma_sim(vma),
			  "ksm: pfn %#lx maybe pinned: not merged",
			  page_to_pfn(page));
		return -EBUSY;
	}
	if (pte_dirty(entry))
		folio_set_dirty(folio);
	set_pte_at(vma->vm_mm, addr, ptep, pte_mkclean(pte_wrprotect(entry)));
	return 0;
}

/* replace_page - map @kpage where @page was mapped, R/O. */
static void replace_page(struct vm_area_struct *vma, unsigned long addr,
			 pte_t *ptep, struct page *page, struct page *kpage)
{
	struct folio *folio = page_folio(page), *kfolio = page_folio(kpage);

	VM_BUG_ON_PGFLAGS(PageAnonExclusive(page), page);
	folio_get(kfolio);
	folio_add_anon_rmap_pte(kfolio, kpage, vma, addr, RMAP_NONE);
	set_pte_at(vma->vm_mm, addr, ptep, mk_pte(kpage, vma->vm_page_prot));
	folio_remove_rmap_pte(folio, page, vma);
	if (!folio_mapped(folio))
		folio_free_swap(folio);
	folio_put(folio);
}

/*
 * try_to_merge_one_page - merge @page (mapped at @addr) into @kpage, or
 * with @kpage NULL turn @page itself into a new KSM page.
 */
static int try_to_merge_one_page(struct vm_area_struct *vma, unsigned long addr,
				 pte_t *ptep, struct page *page,
				 struct page *kpage)
{
	struct folio *folio = page_folio(page);
	int err;

	if (page == kpage)
		return 0;
	folio_get(folio);
	err = write_protect_page(vma, folio, addr, ptep);
	if (!err) {
		if (!kpage) {
			folio->mapping = PAGE_MAPPING_KSM;
			sim_touch_page(&folio->page);
			/* Merged contents belong to no single writer. */
			page_set_written(&folio->page, -1,
					 page_wtime(&folio->page));
			folio_set_dirty(folio);
			sim_trace(vma_sim(vma),
				  "ksm: pfn %#lx becomes a KSM page",
				  page_to_pfn(page));
		} else if (kpage->sim_content == page->sim_content) {
			sim_trace(vma_sim(vma),
				  "ksm: %#lx: pfn %#lx merged into "
				  "KSM pfn %#lx",
				  addr, page_to_pfn(page), page_to_pfn(kpage));
			replace_page(vma, addr, ptep, page, kpage);
		} else {
			err = -EFAULT;
		}
	}
	folio_put(folio);
	return err;
}

struct ksm_candidate {
	struct vm_area_struct *vma;
	unsigned long addr;
	struct page *page;
};

struct ksm_list {
	struct ksm_candidate *v;
	unsigned long n, cap;
};

static void ksm_list_add(struct ksm_list *l, struct vm_area_struct *vma,
			 unsigned long addr, struct page *page)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		if (!l->v)
			abort();
	}
	l->v[l->n++] = (struct ksm_candidate){ vma, addr, page };
}

/*
 * calc_checksum - the model's checksum of a page's contents: never the 0
 * of a new rmap_item for any contents a scenario writes.
 */
static u64 calc_checksum(const struct page *page)
{
	return page->sim_content ^ SIM_KSM_CHECKSUM_SALT;
}

/* stable_tree_search: a KSM page with the same contents. */
static struct page *stable_tree_search(struct ksm_list *stable,
				       struct page *page)
{
	unsigned long i;

	for (i = 0; i < stable->n; i++)
		if (stable->v[i].page->sim_content == page->sim_content)
			return stable->v[i].page;
	return NULL;
}

/*
 * unstable_tree_search_insert: an earlier page of this pass with the same
 * contents, or remember this one.
 */
static struct ksm_candidate *
unstable_tree_search_insert(struct ksm_list *unstable,
			    struct vm_area_struct *vma, unsigned long addr,
			    struct page *page)
{
	unsigned long i;

	for (i = 0; i < unstable->n; i++) {
		struct ksm_candidate *c = &unstable->v[i];
		pte_t *cptep;

		/*
		 * get_mergeable_page: the tree item's address must still map
		 * the same anon page; a page merged since has left the tree
		 * (remove_rmap_item_from_tree).
		 */
		if (!c->page)
			continue;
		cptep = pte_offset_map(c->vma->vm_mm, c->addr);
		if (!cptep || !pte_present(*cptep) || pte_special(*cptep) ||
		    pte_pfn(*cptep) != page_to_pfn(c->page) ||
		    PageKsm(c->page)) {
			c->page = NULL;
			continue;
		}
		if (c->page != page &&
		    c->page->sim_content == page->sim_content)
			return c;
	}
	ksm_list_add(unstable, vma, addr, page);
	return NULL;
}

/*
 * cmp_and_merge_page - a page that is not KSM goes on only if its
 * checksum did not change since the last scan (@rmap_item's); then the
 * stable tree first (an existing KSM page with the same contents), then
 * the unstable tree (an identical page seen earlier in this scan: both
 * become one new KSM page).
 */
static unsigned long
cmp_and_merge_page(struct ksm_list *stable, struct ksm_list *unstable,
		   struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
		   struct page *page, struct ksm_rmap_item *rmap_item)
{
	struct ksm_candidate *c;
	struct page *kpage;
	u64 checksum;

	if (PageKsm(page))
		return 0;
	checksum = calc_checksum(page);
	/* Before v6.12 (policy ksm_checksum_first), the stable tree first. */
	if (!vma_policy(vma)->ksm_checksum_first) {
		kpage = stable_tree_search(stable, page);
		if (kpage)
			return try_to_merge_one_page(vma, addr, ptep, page,
						     kpage) ?
				       0 :
				       1;
	}
	if (rmap_item->oldchecksum != checksum) {
		rmap_item->oldchecksum = checksum;
		sim_trace(vma_sim(vma),
			  "ksm: %#lx: pfn %#lx checksummed, not merged before "
			  "the next scan",
			  addr, page_to_pfn(page));
		return 0;
	}
	kpage = stable_tree_search(stable, page);
	if (kpage)
		return try_to_merge_one_page(vma, addr, ptep, page, kpage) ? 0 :
									     1;
	c = unstable_tree_search_insert(unstable, vma, addr, page);
	if (!c)
		return 0;
	/*
	 * try_to_merge_two_pages: this page becomes the KSM page, then the
	 * tree's page is merged into it; if that fails, break_cow undoes
	 * the lone KSM page.  The tree page stays in the unstable tree.
	 */
	if (try_to_merge_one_page(vma, addr, ptep, page, NULL))
		return 0;
	if (try_to_merge_one_page(c->vma, c->addr,
				  pte_offset_map(c->vma->vm_mm, c->addr),
				  c->page, page)) {
		handle_mm_fault(vma, addr,
				FAULT_FLAG_UNSHARE | FAULT_FLAG_REMOTE);
		return 0;
	}
	/* The tree page was merged: it leaves the unstable tree. */
	c->page = NULL;
	ksm_list_add(stable, vma, addr, page);
	return 2;
}

/*
 * ksm_do_scan's walk: the two trees, the PTEs merged so far, and the
 * mm's rmap_items: the last scan's (@old, @nold, looked at from @at on,
 * as the walk goes up in address order) and this scan's (@items).
 */
struct ksm_scan_walk {
	struct ksm_list *stable, *unstable;
	unsigned long merged;
	const struct ksm_rmap_item *old;
	unsigned int nold, at;
	struct ksm_rmap_item *items;
	unsigned int nitems, cap;
};

/*
 * get_next_rmap_item - the rmap_item of @addr: the last scan's if it had
 * one (those of addresses below, where no page was found this time, are
 * dropped), else a new one with no checksum.
 */
static struct ksm_rmap_item *get_next_rmap_item(struct ksm_scan_walk *sw,
						unsigned long addr)
{
	struct ksm_rmap_item *item;

	while (sw->at < sw->nold && sw->old[sw->at].address < addr)
		sw->at++;
	if (sw->nitems == sw->cap) {
		sw->cap = sw->cap ? 2 * sw->cap : 16;
		sw->items = realloc(sw->items, sw->cap * sizeof(*sw->items));
		if (!sw->items)
			abort();
	}
	item = &sw->items[sw->nitems++];
	item->address = addr;
	item->oldchecksum = 0;
	if (sw->at < sw->nold && sw->old[sw->at].address == addr)
		item->oldchecksum = sw->old[sw->at++].oldchecksum;
	return item;
}

static int ksm_scan_pte_entry(pte_t *ptep, unsigned long addr,
			      unsigned long next, struct mm_walk *walk)
{
	struct ksm_scan_walk *sw = walk->private;
	struct page *page;

	if (!pte_present(*ptep))
		return 0;
	page = vm_normal_page(walk->vma, addr, *ptep);
	if (!page || !PageAnon(page))
		return 0;
	sw->merged += cmp_and_merge_page(sw->stable, sw->unstable, walk->vma,
					 addr, ptep, page,
					 get_next_rmap_item(sw, addr));
	return 0;
}

static const struct mm_walk_ops ksm_scan_walk_ops = {
	.pte_entry = ksm_scan_pte_entry,
};

/*
 * ksm_do_scan - one full scan over every mergeable VMA of every process
 * (the kernel's ksm_do_scan batches until scan_get_next_rmap_item has
 * been through the mm list once: full_scans).  Returns the number of PTEs
 * that now map a KSM page they did not map before.
 */
unsigned long ksm_do_scan(struct sim *sim)
{
	struct ksm_list stable = { 0 }, unstable = { 0 };
	struct ksm_scan_walk sw = { .stable = &stable, .unstable = &unstable };
	unsigned long pfn;
	struct mm_struct *mm;
	unsigned int m;

	/* The stable tree: the KSM pages that exist, one per contents. */
	for (pfn = SIM_ZERO_PFN + 1; pfn < sim->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(sim, pfn);

		if (!PageBuddy(page) && !PageTable(page) && PageKsm(page) &&
		    page_mapcount(page) && !stable_tree_search(&stable, page))
			ksm_list_add(&stable, NULL, 0, page);
	}
	for_each_mm(sim, mm, m) {
		struct vm_area_struct *vma;

		sw.old = mm->ksm_rmap_items;
		sw.nold = mm->ksm_nr_rmap_items;
		sw.at = 0;
		sw.items = NULL;
		sw.nitems = sw.cap = 0;
		for_each_vma(mm, vma)
			if ((vma->vm_flags & VM_MERGEABLE) && vma->anon_vma)
				walk_page_vma(vma, &ksm_scan_walk_ops, &sw);
		free(mm->ksm_rmap_items);
		mm->ksm_rmap_items = sw.items;
		mm->ksm_nr_rmap_items = sw.nitems;
	}
	free(stable.v);
	free(unstable.v);
	return sw.merged;
}

/*
 * unmerge_ksm_pages, one PTE at a time: break_ksm on a KSM page.
 * Deviation: the kernel's break_ksm walks to the PTE (break_ksm_ops) and
 * faults after the walk, with the PTE table unlocked; the model has no
 * lock to drop and faults from the pte_entry.
 */
static int unmerge_ksm_pte_entry(pte_t *ptep, unsigned long addr,
				 unsigned long next, struct mm_walk *walk)
{
	struct page *page;

	if (!pte_present(*ptep))
		return 0;
	page = vm_normal_page(walk->vma, addr, *ptep);
	if (!page || !PageKsm(page))
		return 0;
	if (handle_mm_fault(walk->vma, addr,
			    FAULT_FLAG_UNSHARE | FAULT_FLAG_REMOTE) &
	    VM_FAULT_ERROR)
		return -ENOMEM;
	return 0;
}

static const struct mm_walk_ops unmerge_ksm_walk_ops = {
	.pte_entry = unmerge_ksm_pte_entry,
};

/*
 * ksm_madvise - MADV_MERGEABLE marks private anon VMAs (others are left
 * alone without error); MADV_UNMERGEABLE first breaks every KSM page in
 * the range with an unsharing fault, then clears the mark.
 */
int ksm_madvise(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, int advice, unsigned long *vm_flags)
{
	if (advice == MADV_MERGEABLE) {
		if (*vm_flags &
		    (VM_MERGEABLE | VM_SHARED | VM_MAYSHARE | VM_PFNMAP |
		     VM_IO | VM_DONTEXPAND | VM_HUGETLB | VM_MIXEDMAP))
			return 0;
		*vm_flags |= VM_MERGEABLE;
		return 0;
	}
	if (!(*vm_flags & VM_MERGEABLE))
		return 0;
	if (walk_page_range_vma(vma, start, end, &unmerge_ksm_walk_ops, NULL))
		return -ENOMEM;
	*vm_flags &= ~VM_MERGEABLE;
	return 0;
}

/*
 * ksm_might_need_to_copy - the folio a swap fault at @addr of @vma may map.
 * A small anon folio knows one index and one anon_vma: once a KSM page
 * was swapped out its PageKsm is gone, and the folio read back is mapped
 * at the first address that faulted it in; another address (the other
 * pages KSM had merged) gets a copy, a new exclusive folio, which is
 * returned with a reference.  Otherwise @folio itself.  Deviation: no
 * hwpoison or uptodate cases (the model reads a slot in at once).
 */
struct folio *ksm_might_need_to_copy(struct folio *folio,
				     struct vm_area_struct *vma,
				     unsigned long addr)
{
	struct anon_vma *anon_vma;
	struct folio *new_folio;

	if (folio_test_large(folio) || folio_test_ksm(folio) ||
	    !folio_test_anon(folio))
		return folio;
	anon_vma = (struct anon_vma *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
	if (folio->index == linear_page_index(vma, addr) && vma->anon_vma &&
	    anon_vma->root == vma->anon_vma->root)
		return folio;
	new_folio = folio_alloc(vma_sim(vma));
	copy_user_highpage(&new_folio->page, &folio->page);
	__folio_mark_uptodate(new_folio);
	sim_trace(vma_sim(vma),
		  "ksm_might_need_to_copy: pfn %#lx is mapped at index %#lx, "
		  "not %#lx: copied to pfn %#lx",
		  page_to_pfn(&folio->page), folio->index,
		  linear_page_index(vma, addr), page_to_pfn(&new_folio->page));
	return new_folio;
}
