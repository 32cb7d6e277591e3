/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model-only: the checker's tallies (struct sim_page_use of
 * linux/mm_types.h, kept by the touch hooks of harness/touch.c) as fork's
 * and exit's loops over a PTE table keep them themselves, inline, while
 * the struct page is in cache: one visit per PTE instead of a second one
 * through a hook (copy_small_anon_ptes and zap_small_anon_ptes of
 * mm/memory.c).  The same changes, in the same order, as the hooks would
 * make (harness/touch.c: touch_pte_fast, __sim_touch_fork_run,
 * touch_unmap_fast); where a tally would leave its range the loop stops
 * before changing anything and the PTE takes the way of the hooks.
 * Nothing here is kernel state: the kernel has no such counts.
 */
#ifndef MMSIM_LINUX_SIM_TALLY_H
#define MMSIM_LINUX_SIM_TALLY_H

#include "linux/mm_types.h"
#include "linux/page-flags.h"
#include "linux/sim_hooks.h"

enum sim_page_class {
	SIM_PC_BUDDY,
	SIM_PC_TABLE,
	SIM_PC_ANON,
	SIM_PC_OTHER,
	SIM_PC_FILE
};

/*
 * The class of a page for the tallies, as the full check tells them
 * apart: a PTE to a free page counts nowhere, one to a page table in
 * MM_SHMEMPAGES but not in the mapcount, an anon page in MM_ANONPAGES,
 * a page cache page not swap-backed (a regular file's) in MM_FILEPAGES,
 * anything else in MM_SHMEMPAGES.
 */
static inline int sim_page_class(const struct page *page)
{
	if (PageBuddy(page))
		return SIM_PC_BUDDY;
	if (PageTable(page))
		return SIM_PC_TABLE;
	if (PageAnon(page))
		return SIM_PC_ANON;
	return PageSwapBacked(page) ? SIM_PC_OTHER : SIM_PC_FILE;
}

/* Listed by the touch hooks since the last check (linux/sim_hooks.h). */
static inline bool sim_page_touched(const struct page *page)
{
	return (page->flags >> SIM_PAGE_TOUCHED_BIT) & 1;
}

/*
 * Whether @page is one the first page loop of check_changed() has nothing
 * to do for (no escalation, no table, no swap slot to add) and the second
 * nothing to say about (page_use_clean()): a small anon page whose
 * tallies are in range and counted as anon, in no cache.  For a touched
 * page no pin holds, with no recorded precondition violation.  The PTE
 * hooks of fork and zap (harness/touch.c) ask it too, of a page they
 * have just changed: a page clean then is not listed (no later change
 * of the statement leaves it so without a hook that lists it).
 */
static inline bool sim_page_clean(const struct page *page)
{
	const struct sim_page_use u = page->sim_use;
	int mapcount = page->_mapcount + 1;
	bool excl = test_bit_flags(PG_anon_exclusive, page);

	/*
	 * page_use_clean() with no cache reference, in fewer tests: a
	 * _mapcount of -1 or more is no page type (so neither PageBuddy
	 * nor PageTable), and is page_mapcount() - 1 of a small page.
	 */
	return mapcount >= 0 && !PageCompound(page) &&
	       (page->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_ANON &&
	       !page->swap.val && !u.cache_refs && u.ptes == mapcount &&
	       page->_refcount == mapcount &&
	       u.ptes != SIM_USE_SATURATED(u.ptes) &&
	       u.wptes != SIM_USE_SATURATED(u.wptes) && (!u.wptes || excl) &&
	       (!excl || u.ptes <= 1) &&
	       /* page_needs_full_check(): the page is anon */
	       (!u.ptes || u.cls == SIM_PC_ANON);
}

/*
 * Fork (copy_small_anon_ptes): whether the tallies of @page, a small anon
 * page (not KSM) whose PTE the parent has and the child is to get, stay
 * in range when the child's PTE is counted, and the parent's writable
 * one uncounted if @wp; as __sim_touch_fork_run() asks.
 */
static inline bool sim_fork_tally_fits(const struct page *page, bool wp)
{
	const struct sim_page_use *u = &page->sim_use;

	if (u->ptes && u->cls != SIM_PC_ANON)
		return false;
	if (u->ptes + 1 >= SIM_USE_SATURATED(u->ptes))
		return false;
	return !wp ||
	       (u->ptes && u->wptes && u->wptes != SIM_USE_SATURATED(u->wptes));
}

/*
 * Fork, after folio_try_dup_anon_rmap_pte() of @page and the copy of its
 * PTE: the child's PTE counted, read-only, and the parent's uncounted as
 * writable if it was write-protected (@wp); then the page listed for the
 * check unless listed already or clean (sim_page_clean(): no pin can hold
 * it, as its refcount is its mapcount), judged in the terms left to judge
 * for a page the loop made so (small, anon, not exclusive), without a
 * recorded precondition violation (@bugs: sim->nr_page_bugs).
 */
static inline void sim_fork_tally(struct sim *sim, struct page *page, bool wp,
				  bool bugs)
{
	struct sim_page_use *u = &page->sim_use;

	u->cls = SIM_PC_ANON;
	u->ptes++;
	if (wp)
		u->wptes--;
	if (sim_page_touched(page))
		return;
	/* One test: the words that must be zero or equal, or-ed. */
	if (!bugs && !(u->wptes | u->cache_refs | page->swap.val |
		       ((unsigned int)page->_mapcount + 1 - u->ptes) |
		       ((unsigned int)page->_refcount - u->ptes)))
		return;
	sim_touch_page_of(sim, page);
}

/*
 * Zap (zap_small_anon_ptes): whether @page's tallies stay in range when
 * its present PTE @pte is uncounted, counted as anon (untally_pte_fast()
 * of harness/touch.c asks the rest).
 */
static inline bool sim_zap_tally_fits(const struct page *page, pte_t pte)
{
	const struct sim_page_use *u = &page->sim_use;

	return u->ptes && u->ptes != SIM_USE_SATURATED(u->ptes) &&
	       u->cls == SIM_PC_ANON &&
	       (!pte_write(pte) ||
		(u->wptes && u->wptes != SIM_USE_SATURATED(u->wptes)));
}

/* Zap: @page's PTE @pte uncounted (the mm's rss tally by the caller). */
static inline void sim_zap_tally(struct page *page, pte_t pte)
{
	struct sim_page_use *u = &page->sim_use;

	u->ptes--;
	if (pte_write(pte))
		u->wptes--;
}

/*
 * Zap, after the rmap and the reference of @page went with its PTE, the
 * page not freed: listed for the check unless listed already or clean
 * (list_changed_page() of harness/touch.c).
 */
static inline void sim_zap_list(struct sim *sim, struct page *page, bool bugs)
{
	const struct sim_page_use *u = &page->sim_use;
	unsigned int mapcount = (unsigned int)page->_mapcount + 1;
	bool excl;

	if (sim_page_touched(page) || bugs)
		goto list;
	/*
	 * sim_page_clean() in the terms left to judge: the page is small,
	 * anon and not KSM, was mapped (its mapcount not below zero now),
	 * its tallies counted as anon and its PTE count in range
	 * (sim_zap_tally_fits()).
	 */
	if (u->cache_refs | page->swap.val | (u->ptes - mapcount) |
	    ((unsigned int)page->_refcount - mapcount))
		goto list;
	excl = test_bit_flags(PG_anon_exclusive, page);
	if (u->wptes) {
		if (excl && u->wptes != SIM_USE_SATURATED(u->wptes) &&
		    u->ptes <= 1)
			return;
	} else if (!excl || u->ptes <= 1) {
		return;
	}
list:
	sim_touch_page_of(sim, page);
}

/*
 * The end of a run of fork's fused copy: the mms as the hooks would have
 * recorded them (the parent if any of its PTEs was write-protected), and
 * the child's rss tally of the @copied PTEs (harness/touch.c).
 */
void __sim_touch_fork_done(struct mm_struct *parent, struct mm_struct *child,
			   unsigned int copied, bool any_wp);

/* The end of a run of zap's fused loop: @nr anon PTEs of @mm uncounted. */
void __sim_touch_zap_done(struct mm_struct *mm, unsigned int nr);

#endif /* MMSIM_LINUX_SIM_TALLY_H */
