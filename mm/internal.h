/* SPDX-License-Identifier: GPL-2.0-only */
/* Models mm/internal.h at v6.12: helpers private to mm/. */
#ifndef MMSIM_MM_INTERNAL_H
#define MMSIM_MM_INTERNAL_H

#include "linux/mm.h"
#include "linux/sim_machine.h"

/**
 * gup_must_unshare - whether a R/O pin of @page must first unshare it.
 * @vma: the VMA, or NULL in GUP-fast (which then defers to the slow path)
 *
 * Only R/O FOLL_PIN unshares: FOLL_GET never does, and a R/W pin already
 * went through a write fault.  An anon page must be exclusive before it is
 * pinned, so that the pin and the page table keep seeing the same page.
 * Since v6.2, a R/O longterm pin of anything else in a COW mapping (the
 * zero page, pagecache) unshares too.
 */
static inline bool gup_must_unshare(struct vm_area_struct *vma,
				    unsigned int flags, struct page *page)
{
	enum sim_gup_ro rule = page_sim(page)->policy.gup_ro;

	if ((flags & (FOLL_WRITE | FOLL_PIN)) != FOLL_PIN)
		return false;
	/* Before v5.19 nothing is unshared (v5.8 breaks COW instead). */
	if (rule == SIM_GUP_RO_NONE || rule == SIM_GUP_RO_BREAK_COW)
		return false;
	if (!PageAnon(page)) {
		/* v5.19-6.1: only anon pages are unshared. */
		if (rule == SIM_GUP_RO_UNSHARE_ANON)
			return false;
		if (!(flags & FOLL_LONGTERM))
			return false;
		if (!vma)
			return true;
		return is_cow_mapping(vma->vm_flags);
	}
	return !PageAnonExclusive(page);
}

bool wp_can_reuse_anon_folio(struct folio *folio, struct vm_area_struct *vma);

/*
 * The migration entry try_to_migrate_one leaves in place of @pteval, a
 * present PTE of @page: writable, readable-exclusive (@anon_exclusive)
 * or readable, keeping soft-dirty and uffd-wp; its type in *@type.
 */
static inline pte_t make_migration_pte(struct page *page, pte_t pteval,
				       bool anon_exclusive, unsigned int *type)
{
	pte_t swp_pte;

	*type = pte_write(pteval) ? SWP_MIGRATION_WRITE :
		anon_exclusive	  ? SWP_MIGRATION_READ_EXCLUSIVE :
				    SWP_MIGRATION_READ;
	swp_pte = swp_entry_to_pte(swp_entry(*type, page_to_pfn(page)));
	if (pte_soft_dirty(pteval))
		swp_pte = pte_swp_mksoft_dirty(swp_pte);
	if (pte_uffd_wp(pteval))
		swp_pte = pte_swp_mkuffd_wp(swp_pte);
	return swp_pte;
}

#endif /* MMSIM_MM_INTERNAL_H */
