// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/rmap.c at v6.12: anon_vma lifetime, adding and removing rmaps
 * (of PMD-mapped and PTE-mapped large folios too: the entire, large and
 * per-page mapcounts), the PG_anon_exclusive transitions they carry, and,
 * for small folios only, the rmap walk, try_to_unmap_one,
 * try_to_migrate_one and remove_migration_pte.
 *
 * Deviations: the anon_vma_chain/interval tree is not modelled; an
 * anon_vma records only its root and parent, and rmap_walk finds the VMAs
 * of an anon_vma tree by scanning every process (see rmap_walk).
 * anon_vmas are owned by the struct sim and freed with it.
 * Locking is not modelled: the model is sequential, so every operation is
 * atomic with respect to every other one.
 */
#include <stdlib.h>

#include "linux/pagewalk.h"
#include "linux/huge_mm.h"
#include "linux/rmap.h"
#include "linux/userfaultfd_k.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"
#include "mm/internal.h"

static struct anon_vma *anon_vma_alloc(struct sim *sim)
{
	struct anon_vma *av = calloc(1, sizeof(*av));

	if (!av)
		abort();
	av->root = av;
	av->refcount = 1;
	av->sim_id = sim->next_anon_vma_id++;
	av->sim_next = sim->anon_vmas;
	sim->anon_vmas = av;
	return av;
}

/* anon_vma_prepare() of a VMA that has none yet (linux/rmap.h). */
int __anon_vma_prepare(struct vm_area_struct *vma)
{
	vma->anon_vma = anon_vma_alloc(vma_sim(vma));
	return 0;
}

/* The parts of a VMA created by split_vma share the anon_vma. */
void anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	dst->anon_vma = src->anon_vma;
	if (dst->anon_vma)
		dst->anon_vma->refcount++;
}

/* fork: the child's VMA gets its own anon_vma, a child of the parent's. */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	struct anon_vma *av;

	vma->anon_vma = NULL;
	if (!pvma->anon_vma)
		return 0;
	av = anon_vma_alloc(vma_sim(vma));
	av->root = pvma->anon_vma->root;
	av->parent = pvma->anon_vma;
	vma->anon_vma = av;
	return 0;
}

void unlink_anon_vmas(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		vma->anon_vma->refcount--;
	vma->anon_vma = NULL;
}

static void __folio_set_anon(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, bool exclusive)
{
	struct anon_vma *av = vma->anon_vma;

	/* A page that may be shared belongs to the root anon_vma. */
	if (!exclusive)
		av = av->root;
	folio->mapping = (unsigned long)av | PAGE_MAPPING_ANON;
	sim_touch_page(&folio->page);
	folio->index = linear_page_index(vma, address);
}

/**
 * folio_add_new_anon_rmap - map a freshly allocated folio for the first time
 * @flags: RMAP_EXCLUSIVE if the page is exclusive to this process
 *
 * New anon faults, COW copies and the fork-time copy all pass
 * RMAP_EXCLUSIVE: the page is AE from its first mapping.
 */
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags)
{
	bool exclusive = flags & RMAP_EXCLUSIVE;

	VM_BUG_ON_PGFLAGS(folio->mapping != 0, &folio->page);
	__folio_set_swapbacked(folio);
	__folio_set_anon(folio, vma, address, exclusive);
	if (folio_order(folio) == HPAGE_PMD_ORDER) {
		/* A new PMD-size folio is PMD-mapped: one entire mapping. */
		folio->_entire_mapcount = 0;
		folio->_large_mapcount = 0;
		folio->_nr_pages_mapped = ENTIRELY_MAPPED;
	} else if (folio_test_large(folio)) {
		unsigned long i, nr = folio_nr_pages(folio);

		/*
		 * A new mTHP is mapped by one PTE per page, each page
		 * exclusive on its own: the bit lives on the head alone only
		 * while a PMD maps the folio.
		 */
		for (i = 0; i < nr; i++) {
			struct page *page = folio_page(folio, i);

			page->_mapcount = 0;
			if (i && exclusive &&
			    folio_policy(folio)->anon_exclusive)
				SetPageAnonExclusive(page);
			sim_touch_page(page);
		}
		folio->_large_mapcount = (int)nr - 1;
		folio->_nr_pages_mapped = (int)nr;
	} else {
		folio->_mapcount = 0;
	}
	sim_touch_page(&folio->page);
	/*
	 * Before v5.19 there is no PG_anon_exclusive to set.  (The policy
	 * of the VMA's machine: the folio's, found without page_sim().)
	 */
	if (exclusive && vma_sim(vma)->policy.anon_exclusive)
		SetPageAnonExclusive(&folio->page);
}

/* Map an already-anon page again (swap-in, swapoff, migration, KSM). */
void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags)
{
	(void)vma;
	(void)address;
	VM_BUG_ON_PGFLAGS(!folio_test_anon(folio), page);
	page->_mapcount++;
	sim_touch_page(page);
	if ((flags & RMAP_EXCLUSIVE) && folio_policy(folio)->anon_exclusive)
		SetPageAnonExclusive(page);
}

/*
 * folio_add_anon_rmap_ptes - @nr PTEs now map the pages of @folio from
 * @page on (the PMD split): each page's own mapcount, the folio's
 * _large_mapcount and, for a page mapped by its first PTE,
 * _nr_pages_mapped.  RMAP_EXCLUSIVE makes every one of them exclusive.
 */
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page,
			      unsigned long nr, struct vm_area_struct *vma,
			      unsigned long address, rmap_t flags)
{
	unsigned long i;

	(void)vma;
	(void)address;
	VM_BUG_ON_PGFLAGS(!folio_test_anon(folio), page);
	for (i = 0; i < nr; i++) {
		if (++page[i]._mapcount == 0 && folio_test_large(folio))
			folio->_nr_pages_mapped++;
		if ((flags & RMAP_EXCLUSIVE) &&
		    folio_policy(folio)->anon_exclusive)
			SetPageAnonExclusive(&page[i]);
		sim_touch_page(&page[i]);
	}
	if (folio_test_large(folio))
		folio->_large_mapcount += (int)nr;
	sim_touch_page(&folio->page);
}

/*
 * folio_remove_rmap_pmd - a huge PMD no longer maps @folio.  Deviation:
 * a folio left partially mapped is not queued for a deferred split.
 */
void folio_remove_rmap_pmd(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma)
{
	(void)vma;
	VM_BUG_ON_PGFLAGS(!folio_test_large(folio) ||
				  folio_entire_mapcount(folio) <= 0,
			  page);
	folio->_large_mapcount--;
	if (--folio->_entire_mapcount < 0) {
		folio->_nr_pages_mapped -= ENTIRELY_MAPPED;
		/* The pages not PTE-mapped lost their last mapping. */
		folio_partially_unmapped(folio,
					 (int)folio_nr_pages(folio) -
						 folio->_nr_pages_mapped);
	}
	sim_touch_page(&folio->page);
}

/**
 * folio_try_dup_anon_rmap_pmd - fork's duplicate of a PMD mapping of an
 * anon THP (__folio_try_dup_anon_rmap at RMAP_LEVEL_PMD): -EBUSY if the
 * folio may be pinned and its head is exclusive, else the head is no
 * longer exclusive and the folio has one more entire mapping.
 */
int folio_try_dup_anon_rmap_pmd(struct folio *folio, struct page *page,
				struct vm_area_struct *dst_vma,
				struct vm_area_struct *src_vma)
{
	bool maybe_pinned;

	(void)dst_vma;
	VM_BUG_ON_PGFLAGS(!folio_test_anon(folio), page);
	/* The design decides as for a PTE. */
	if (folio_dup_pinned_policy(folio, src_vma, &maybe_pinned))
		return -EBUSY;
	if (PageAnonExclusive(page)) {
		if (maybe_pinned)
			return -EBUSY;
		ClearPageAnonExclusive(page);
	}
	folio->_entire_mapcount++;
	folio->_large_mapcount++;
	sim_touch_page(&folio->page);
	return 0;
}

void folio_add_file_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma)
{
	(void)folio;
	(void)vma;
	page->_mapcount++;
	sim_touch_page(page);
}

/*
 * folio_remove_rmap_pte - one PTE no longer maps @page.  PG_anon_exclusive is
 * left as it is (ae.transitions): it only matters again if the page is mapped
 * again, which for an anon page only happens through paths that set or clear it
 * themselves.  The anon mapping stays until the page is freed.  A large
 * anon folio left partially mapped is queued for deferred split; a batch
 * (zap of a run of one folio's PTEs, folio_remove_rmap_ptes) removes with
 * __folio_remove_rmap_pte and checks once at its end.
 */
void __folio_remove_rmap_pte(struct folio *folio, struct page *page)
{
	VM_BUG_ON_PGFLAGS(page->_mapcount < 0, page);
	page->_mapcount--;
	sim_touch_page(page);
	if (folio_test_large(folio)) {
		if (page->_mapcount < 0)
			folio->_nr_pages_mapped--;
		folio->_large_mapcount--;
		sim_touch_page(&folio->page);
	}
}

/*
 * folio_partially_unmapped - the end of __folio_remove_rmap: an anon large
 * folio of which a removal (of @unmapped pages' last mappings) left some
 * pages PTE-mapped and no PMD mapping is queued for deferred split
 * (deferred_split_folio).
 */
void folio_partially_unmapped(struct folio *folio, int unmapped)
{
	if (unmapped && folio_test_large(folio) && folio_test_anon(folio) &&
	    !folio_test_partially_mapped(folio) &&
	    folio->_nr_pages_mapped > 0 &&
	    folio->_nr_pages_mapped < ENTIRELY_MAPPED)
		deferred_split_folio(folio);
}

void folio_remove_rmap_pte(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma)
{
	(void)vma;
	__folio_remove_rmap_pte(folio, page);
	folio_partially_unmapped(folio, page->_mapcount < 0);
}

/*
 * folio_move_anon_rmap - on COW reuse the page now belongs to the faulting
 * VMA's own anon_vma, so later rmap walks need not visit the parent's.
 */
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma)
{
	folio->mapping = (unsigned long)vma->anon_vma | PAGE_MAPPING_ANON;
	sim_touch_page(&folio->page);
}

/* rmap_walk's walk: the folio, and what to call on each PTE mapping it. */
struct rmap_pte_walk {
	struct folio *folio;
	struct rmap_walk_control *rwc;
};

static int rmap_pte_entry(pte_t *ptep, unsigned long addr, unsigned long next,
			  struct mm_walk *walk)
{
	struct rmap_pte_walk *rw = walk->private;

	if (!pte_present(*ptep) || pte_special(*ptep) ||
	    pte_pfn(*ptep) != page_to_pfn(&rw->folio->page))
		return 0;
	/* rmap_one returns false to end the rmap walk. */
	return !rw->rwc->rmap_one(rw->folio, walk->vma, addr, ptep,
				  rw->rwc->arg);
}

static const struct mm_walk_ops rmap_walk_ops = {
	.pte_entry = rmap_pte_entry,
};

/*
 * rmap_walk_file - the VMAs that map @folio's page cache object, at the
 * address its index gives in each.  Deviation: the kernel looks them up
 * in the mapping's i_mmap interval tree; the model scans every live mm.
 */
static void rmap_walk_file(struct folio *folio, struct rmap_pte_walk *rw)
{
	struct address_space *mapping =
		(struct address_space *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
	struct sim *sim = folio_sim(folio);
	struct mm_struct *mm;
	unsigned int m;

	if (!mapping)
		return;
	for_each_mm(sim, mm, m) {
		struct vm_area_struct *vma;

		for_each_vma(mm, vma) {
			unsigned long start;

			if (vma->vm_mapping != mapping ||
			    folio->index < vma->vm_pgoff)
				continue;
			start = vma->vm_start +
				((folio->index - vma->vm_pgoff) << PAGE_SHIFT);
			if (start >= vma->vm_end)
				continue;
			if (walk_page_range_vma(vma, start, start + PAGE_SIZE,
						&rmap_walk_ops, rw))
				return;
		}
	}
}

/*
 * rmap_walk - visit the PTEs mapping @folio.  An anon folio is found
 * through the VMAs that share its anon_vma's root, at the address its
 * index gives in each (vma_address); a KSM folio, whose mapping is its
 * stable node, through every anon VMA.
 *
 * Deviation: no anon_vma_chain interval tree; the VMAs of the same
 * anon_vma tree are found by scanning every live mm, which visits the
 * same PTEs, with walk_page_range_vma() (mm/pagewalk.c) where the kernel
 * uses page_vma_mapped_walk().
 */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct sim *sim = folio_sim(folio);
	struct anon_vma *root = NULL;
	bool ksm = folio_test_ksm(folio);
	struct rmap_pte_walk rw = { .folio = folio, .rwc = rwc };
	struct mm_struct *mm;
	unsigned int m;

	if (!folio_test_anon(folio)) {
		rmap_walk_file(folio, &rw);
		return;
	}
	if (!ksm)
		root = ((struct anon_vma *)(folio->mapping &
					    ~PAGE_MAPPING_FLAGS))
			       ->root;
	for_each_mm(sim, mm, m) {
		struct vm_area_struct *vma;

		for_each_vma(mm, vma) {
			unsigned long start, end;

			if (!vma->anon_vma ||
			    (!ksm && vma->anon_vma->root != root))
				continue;
			if (ksm) {
				start = vma->vm_start;
				end = vma->vm_end;
			} else {
				if (folio->index < vma->vm_pgoff)
					continue;
				start = vma->vm_start +
					((folio->index - vma->vm_pgoff)
					 << PAGE_SHIFT);
				if (start >= vma->vm_end)
					continue;
				end = start + PAGE_SIZE;
			}
			if (walk_page_range_vma(vma, start, end, &rmap_walk_ops,
						&rw))
				return;
		}
	}
}

/* try_to_unmap's walk: its flags, and whether a PTE stayed. */
struct ttu_walk {
	enum ttu_flags flags;
	bool failed;
};

/*
 * The file (shmem) case of try_to_unmap_one: the PTE is cleared, the page
 * cache keeps the folio; a uffd-wp bit stays as a marker in the slot
 * (pte_install_uffd_wp_if_needed).  With TTU_HWPOISON a poisoned page's
 * PTE becomes a hwpoison entry instead (hwpoison.shmem).
 */
static bool try_to_unmap_one_file(struct folio *folio,
				  struct vm_area_struct *vma,
				  unsigned long address, pte_t *ptep,
				  enum ttu_flags flags)
{
	pte_t pteval = *ptep;

	set_pte_at(vma->vm_mm, address, ptep, __pte(0));
	if (pte_dirty(pteval))
		folio_set_dirty(folio);
	/* Memory failure: a hwpoison entry, with no uffd-wp bit or marker. */
	if (PageHWPoison(&folio->page) && (flags & TTU_HWPOISON)) {
		set_pte_at(vma->vm_mm, address, ptep,
			   swp_entry_to_pte(make_hwpoison_entry(&folio->page)));
		dec_mm_counter(vma->vm_mm, mm_counter(folio));
		folio_remove_rmap_pte(folio, &folio->page, vma);
		folio_put(folio);
		sim_trace(folio_sim(folio),
			  "try_to_unmap_one: %#lx -> hwpoison entry %#lx "
			  "(page cache)",
			  address, page_to_pfn(&folio->page));
		return true;
	}
	pte_install_uffd_wp_if_needed(vma, address, ptep, pteval);
	dec_mm_counter(vma->vm_mm, mm_counter(folio));
	folio_remove_rmap_pte(folio, &folio->page, vma);
	folio_put(folio);
	sim_trace(folio_sim(folio),
		  "try_to_unmap_one: %#lx: page cache pfn "
		  "%#lx unmapped%s",
		  address, page_to_pfn(&folio->page),
		  pte_none(*ptep) ? "" : ", uffd-wp marker left");
	return true;
}

/*
 * try_to_unmap_one - replace one PTE of a swap-cache folio by a swap PTE
 * (reclaim.unmap).  The exclusive flag moves into the swap PTE's exclusive bit
 * (origin.swp-exclusive) and is cleared on the page; a maybe-pinned
 * exclusive page cannot be marked shared, so the PTE is restored and the
 * unmap fails.  With TTU_HWPOISON, a poisoned page's PTE becomes a
 * hwpoison entry instead (hwpoison.unmap): no swap slot, no exclusive or
 * uffd-wp bit, and no pin can stop it.
 */
static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, pte_t *ptep, void *arg)
{
	struct sim *sim = folio_sim(folio);
	struct page *page = &folio->page;
	bool anon_exclusive;
	swp_entry_t entry = folio->swap;
	pte_t pteval, swp_pte;
	struct ttu_walk *tw = arg;
	bool *failed = &tw->failed;

	if ((vma->vm_flags & VM_LOCKED) && !(tw->flags & TTU_IGNORE_MLOCK)) {
		*failed = true;
		return false;
	}
	if (!folio_test_anon(folio))
		return try_to_unmap_one_file(folio, vma, address, ptep,
					     tw->flags);
	anon_exclusive = PageAnonExclusive(page);
	pteval = *ptep;
	set_pte_at(vma->vm_mm, address, ptep, __pte(0));
	if (pte_dirty(pteval))
		folio_set_dirty(folio);
	if (PageHWPoison(page) && (tw->flags & TTU_HWPOISON)) {
		swp_pte = swp_entry_to_pte(make_hwpoison_entry(page));
		dec_mm_counter(vma->vm_mm, mm_counter(folio));
		set_pte_at(vma->vm_mm, address, ptep, swp_pte);
		folio_remove_rmap_pte(folio, page, vma);
		folio_put(folio);
		sim_trace(sim, "try_to_unmap_one: %#lx -> hwpoison entry %#lx",
			  address, page_to_pfn(page));
		return true;
	}
	if (!folio_test_swapcache(folio)) {
		/* Only reclaim (swap cache) and memory failure unmap. */
		set_pte_at(vma->vm_mm, address, ptep, pteval);
		sim_warn(sim, __func__,
			 "unmapping a folio not in the swap cache");
		*failed = true;
		return false;
	}
	if (swap_duplicate(sim, entry) < 0) {
		set_pte_at(vma->vm_mm, address, ptep, pteval);
		*failed = true;
		return false;
	}
	if (anon_exclusive && folio_try_share_anon_rmap_pte(folio, page)) {
		swap_free(sim, entry);
		set_pte_at(vma->vm_mm, address, ptep, pteval);
		*failed = true;
		sim_trace(sim,
			  "try_to_unmap_one: pfn %#lx maybe pinned: "
			  "stays mapped",
			  page_to_pfn(page));
		return false;
	}
	swp_pte = swp_entry_to_pte(entry);
	/* Architectures without the bit forget exclusivity here. */
	if (anon_exclusive && folio_policy(folio)->swp_exclusive)
		swp_pte = pte_swp_mkexclusive(swp_pte);
	if (pte_soft_dirty(pteval))
		swp_pte = pte_swp_mksoft_dirty(swp_pte);
	if (pte_uffd_wp(pteval))
		swp_pte = pte_swp_mkuffd_wp(swp_pte);
	set_pte_at(vma->vm_mm, address, ptep, swp_pte);
	dec_mm_counter(vma->vm_mm, MM_ANONPAGES);
	inc_mm_counter(vma->vm_mm, MM_SWAPENTS);
	folio_remove_rmap_pte(folio, page, vma);
	folio_put(folio);
	sim_trace(sim, "try_to_unmap_one: %#lx -> swap entry %u:%#llx%s",
		  address, swp_type(entry),
		  (unsigned long long)swp_offset(entry),
		  pte_swp_exclusive(swp_pte) ? " (exclusive bit)" : "");
	return true;
}

/*
 * try_to_unmap - unmap every PTE of a swap-cache folio, or, with
 * TTU_HWPOISON, of a poisoned one; true if all went.
 */
bool try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct ttu_walk tw = { .flags = flags };
	struct rmap_walk_control rwc = {
		.arg = &tw,
		.rmap_one = try_to_unmap_one,
	};

	rmap_walk(folio, &rwc);
	return !tw.failed && !folio_mapped(folio);
}

/*
 * try_to_migrate_one - replace one PTE by a migration entry (migrate.unmap): a
 * writable PTE gives a writable entry, an exclusive page a
 * readable-exclusive one, anything else a readable one.  A maybe-pinned
 * exclusive page cannot be shared: the PTE is restored, migration fails.
 *
 * Deviation: the young/dirty bits are not encoded in the entry.
 */
static bool try_to_migrate_one(struct folio *folio, struct vm_area_struct *vma,
			       unsigned long address, pte_t *ptep, void *arg)
{
	struct page *page = &folio->page;
	bool anon_exclusive = folio_test_anon(folio) && PageAnonExclusive(page);
	unsigned int type;
	pte_t pteval, swp_pte;
	bool *failed = arg;

	pteval = *ptep;
	set_pte_at(vma->vm_mm, address, ptep, __pte(0));
	if (pte_dirty(pteval))
		folio_set_dirty(folio);
	/* Only designs with PG_anon_exclusive guarantee this. */
	VM_WARN_ON(folio_sim(folio), folio_policy(folio)->anon_exclusive &&
					     folio_test_anon(folio) &&
					     pte_write(pteval) &&
					     !anon_exclusive);
	if (anon_exclusive && folio_try_share_anon_rmap_pte(folio, page)) {
		set_pte_at(vma->vm_mm, address, ptep, pteval);
		*failed = true;
		sim_trace(folio_sim(folio),
			  "try_to_migrate_one: pfn %#lx maybe "
			  "pinned: not migrated",
			  page_to_pfn(page));
		return false;
	}
	swp_pte = make_migration_pte(page, pteval, anon_exclusive, &type);
	set_pte_at(vma->vm_mm, address, ptep, swp_pte);
	folio_remove_rmap_pte(folio, page, vma);
	folio_put(folio);
	sim_trace(folio_sim(folio),
		  "try_to_migrate_one: %#lx -> %s migration entry", address,
		  type == SWP_MIGRATION_WRITE	       ? "writable" :
		  type == SWP_MIGRATION_READ_EXCLUSIVE ? "readable-exclusive" :
							 "readable");
	return true;
}

bool try_to_migrate(struct folio *folio)
{
	bool failed = false;
	struct rmap_walk_control rwc = {
		.arg = &failed,
		.rmap_one = try_to_migrate_one,
	};

	rmap_walk(folio, &rwc);
	return !failed && !folio_mapped(folio);
}

/* remove_migration_ptes's walk: the folios migrated from and to. */
struct migration_walk {
	struct folio *src, *dst;
};

static int remove_migration_pte_entry(pte_t *ptep, unsigned long addr,
				      unsigned long next, struct mm_walk *walk)
{
	struct migration_walk *mw = walk->private;
	struct vm_area_struct *vma = walk->vma;
	struct folio *dst = mw->dst;
	swp_entry_t entry;
	rmap_t flags = RMAP_NONE;
	pte_t old = *ptep, pte;

	if (!is_swap_pte(old))
		return 0;
	entry = pte_to_swp_entry(old);
	if (!is_migration_entry(entry) ||
	    swp_offset(entry) != page_to_pfn(&mw->src->page))
		return 0;
	pte = pte_mkold(mk_pte(&dst->page, vma->vm_page_prot));
	if (pte_swp_soft_dirty(old))
		pte = pte_mksoft_dirty(pte);
	if (swp_type(entry) == SWP_MIGRATION_WRITE)
		pte = pte_mkwrite_novma(pte);
	else if (pte_swp_uffd_wp(old))
		pte = pte_mkuffd_wp(pte);
	if (swp_type(entry) != SWP_MIGRATION_READ)
		flags |= RMAP_EXCLUSIVE;
	folio_get(dst);
	if (folio_test_anon(dst))
		folio_add_anon_rmap_pte(dst, &dst->page, vma, addr, flags);
	else
		folio_add_file_rmap_pte(dst, &dst->page, vma);
	set_pte_at(vma->vm_mm, addr, ptep, pte);
	return 0;
}

static const struct mm_walk_ops remove_migration_walk_ops = {
	.pte_entry = remove_migration_pte_entry,
};

/*
 * remove_migration_ptes - map @dst where migration entries for @src are
 * (migrate.restore): writable entries writable, exclusive (writable or
 * readable-exclusive) entries exclusive.  @dst == @src restores after a
 * failed migration.
 *
 * Deviation: the kernel finds the migration entries by an rmap walk of
 * @src (remove_migration_pte); the model walks every PTE of every live
 * process with walk_page_range() (mm/pagewalk.c).
 */
void remove_migration_ptes(struct folio *src, struct folio *dst)
{
	struct migration_walk mw = { .src = src, .dst = dst };
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(folio_sim(src), mm, m)
		walk_page_range(mm, 0, TASK_SIZE_MAX,
				&remove_migration_walk_ops, &mw);
}
