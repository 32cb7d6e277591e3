/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/rmap.h at v6.12: adding, removing, duplicating and
 * sharing the reverse mapping of anon and shmem pages (and of anon THPs,
 * by PMD or by PTEs), and with it the PG_anon_exclusive transitions of
 * ae.transitions.
 */
#ifndef MMSIM_LINUX_RMAP_H
#define MMSIM_LINUX_RMAP_H

#include "linux/mm.h"
#include "linux/sim_machine.h"

typedef int rmap_t;
#define RMAP_NONE ((rmap_t)0)
#define RMAP_EXCLUSIVE ((rmap_t)BIT(0))

int __anon_vma_prepare(struct vm_area_struct *vma);

/*
 * Attach an anon_vma to @vma before its first anonymous page; inline
 * when it has one, as in the kernel.
 */
static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		return 0;
	return __anon_vma_prepare(vma);
}
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
void anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
void unlink_anon_vmas(struct vm_area_struct *vma);

void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags);
void folio_add_anon_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma, unsigned long address,
			     rmap_t flags);
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page,
			      unsigned long nr, struct vm_area_struct *vma,
			      unsigned long address, rmap_t flags);
void folio_remove_rmap_pmd(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma);
int folio_try_dup_anon_rmap_pmd(struct folio *folio, struct page *page,
				struct vm_area_struct *dst_vma,
				struct vm_area_struct *src_vma);
void folio_add_file_rmap_pte(struct folio *folio, struct page *page,
			     struct vm_area_struct *vma);
/* folio_remove_rmap_pte without the deferred split check: a batch's. */
void __folio_remove_rmap_pte(struct folio *folio, struct page *page);
void folio_partially_unmapped(struct folio *folio, int unmapped);
void folio_remove_rmap_pte(struct folio *folio, struct page *page,
			   struct vm_area_struct *vma);
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma);

static inline void folio_dup_file_rmap_pte(struct folio *folio,
					   struct page *page)
{
	(void)folio;
	page->_mapcount++;
	sim_touch_page(page);
}

/*
 * The design's part of fork's __folio_try_dup_anon_rmap, for a PTE or a
 * PMD: whether the folio may be pinned (*@maybe_pinned), and -EBUSY when
 * the design copies any maybe-pinned folio (5.9-5.18); <= 5.8 shares
 * regardless (*@maybe_pinned false); 5.19+ decides from PageAnonExclusive.
 */
static inline int folio_dup_pinned_policy(struct folio *folio,
					  struct vm_area_struct *src_vma,
					  bool *maybe_pinned)
{
	*maybe_pinned = folio_needs_cow_for_dma(src_vma, folio);
	switch (vma_policy(src_vma)->fork_pinned) {
	case SIM_FORK_PINNED_SHARE:
		*maybe_pinned = false;
		break;
	case SIM_FORK_PINNED_COPY:
		if (*maybe_pinned)
			return -EBUSY;
		break;
	case SIM_FORK_PINNED_COPY_EXCL:
		break;
	}
	return 0;
}

/**
 * folio_try_dup_anon_rmap_pte - try to duplicate the mapping of an anon page
 * for fork, from @src_vma to @dst_vma.
 *
 * The caller already took the reference for the new mapping
 * (origin.fork-pinned: the reference first, then the mapcount, so that refcount
 * >= mapcount holds at every point).  If the folio may be pinned in a process
 * that has pinned (MMF_HAS_PINNED) and the page is exclusive, sharing it would
 * let a later write fault in the parent replace the pinned page: refuse with
 * -EBUSY and let the caller copy the page for the child.  Otherwise the page is
 * no longer exclusive and both sides must map it R/O.
 *
 * Return: 0 on success, -EBUSY if the page must be copied.
 */
static inline int folio_try_dup_anon_rmap_pte(struct folio *folio,
					      struct page *page,
					      struct vm_area_struct *dst_vma,
					      struct vm_area_struct *src_vma)
{
	bool maybe_pinned;

	(void)dst_vma;
	VM_BUG_ON_PGFLAGS(!folio_test_anon(folio), page);
	if (folio_dup_pinned_policy(folio, src_vma, &maybe_pinned))
		return -EBUSY;
	if (maybe_pinned && PageAnonExclusive(page))
		return -EBUSY;
	if (PageAnonExclusive(page))
		ClearPageAnonExclusive(page);
	page->_mapcount++;
	sim_touch_page(page);
	/* A page of a large folio: one more mapping of the folio too. */
	if (folio_test_large(folio)) {
		folio->_large_mapcount++;
		sim_touch_page(&folio->page);
	}
	return 0;
}

/**
 * folio_try_share_anon_rmap_pte - try to mark an exclusive anon page as
 * possibly shared, before it leaves the page table (swap-out, migration,
 * KSM).  The PTE was already cleared by the caller.
 *
 * Return: 0 on success, -EBUSY if the page may be pinned: the caller must
 * restore the PTE and give up.
 */
static inline int folio_try_share_anon_rmap_pte(struct folio *folio,
						struct page *page)
{
	VM_BUG_ON_PGFLAGS(!folio_test_anon(folio) || !PageAnonExclusive(page),
			  page);
	if (folio_maybe_dma_pinned(folio))
		return -EBUSY;
	ClearPageAnonExclusive(page);
	return 0;
}

/*
 * rmap_walk - call @fn for every PTE that maps @folio (rmap_one).  @fn
 * returns false to stop the walk.
 */
struct rmap_walk_control {
	void *arg;
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long address, pte_t *ptep, void *arg);
};

void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);
/* try_to_unmap's flags (the kernel's values). */
enum ttu_flags {
	TTU_NONE = 0,
	TTU_IGNORE_MLOCK = 0x8, /* unmap an mlocked page too */
	TTU_HWPOISON = 0x20, /* a poisoned page gets hwpoison entries */
};

bool try_to_unmap(struct folio *folio, enum ttu_flags flags);
bool try_to_migrate(struct folio *folio);
void remove_migration_ptes(struct folio *src, struct folio *dst);

#endif /* MMSIM_LINUX_RMAP_H */
