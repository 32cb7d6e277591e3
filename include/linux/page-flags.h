/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/page-flags.h at v6.12: the page flag bits (in the
 * v6.12 enum order), their aliases, the page types stored in page_type, and
 * the flag accessors.
 *
 * origin.anon-exclusive ("mm/page-flags: reuse PG_mappedtodisk as
 * PG_anon_exclusive for PageAnon() pages", docs/origins.md):
 * PG_anon_exclusive has no bit of its own.  It shares
 * the bit that pagecache pages use as PG_mappedtodisk; v6.12 calls that
 * bit PG_owner_2.  The overloading is safe because the two meanings never
 * apply to the same page: one is for anon pages, the other for pagecache
 * pages.  PG_has_hwpoisoned, which used to live on that bit too, was moved
 * off it (v6.12: PG_active of the second page of a large folio) so that a
 * poisoned THP is not mistaken for an exclusive one.
 *
 * Deviation: the kernel's VM_BUG_ON_PGFLAGS() crashes; here a violated
 * precondition is recorded for the page (sim_pgflags_bug(), in a small
 * table of struct sim: the first few pages, the first violation of each)
 * and reported by the invariant checker after the step, with the page and
 * the statement.
 */
#ifndef MMSIM_LINUX_PAGE_FLAGS_H
#define MMSIM_LINUX_PAGE_FLAGS_H

#include "linux/kernel.h"
#include "linux/mm_types.h"
#include "linux/sim_memmap.h"
#include "linux/sim_hooks.h"

enum pageflags {
	PG_locked,
	PG_writeback,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,
	PG_waiters,
	PG_active,
	PG_workingset,
	PG_owner_priv_1,
	PG_owner_2,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	PG_hwpoison,
	/*
	 * Model-only: a tail page of a large folio.  The kernel tells a tail
	 * page by bit 0 of its compound_head word; the model's tail pages keep
	 * that word in page->private, whose bit 0 a swap entry may set on a
	 * page that is no tail, so a flag says it.
	 */
	PG_sim_tail,
	/*
	 * Model-only: memory failure gave up on this poisoned page and left
	 * it as it was (a page of a THP that could not be split): it may
	 * stay mapped, and memory_failure holds no reference to it.  The
	 * kernel keeps no such record; the checker needs it to tell this
	 * state of the kernel's from a poisoned page mapped by mistake.
	 */
	PG_sim_mf_left,
	__NR_PAGEFLAGS,

	/* Aliases, as in v6.12. */
	PG_swapcache = PG_owner_priv_1,
	PG_mappedtodisk = PG_owner_2,
	PG_anon_exclusive = PG_owner_2,
	/* Folio-level flag kept in the second page of a large folio. */
	PG_has_hwpoisoned = PG_active,
	PG_large_rmappable = PG_workingset,
	PG_partially_mapped = PG_reclaim,
	/* A small folio read ahead and not yet looked up (swap readahead). */
	PG_readahead = PG_reclaim,
};

_Static_assert(__NR_PAGEFLAGS <= SIM_PAGE_TOUCHED_BIT,
	       "page flags would overlap the PFN in page->flags");

/* v6.12 page types: the top byte of page->page_type. */
enum pagetype {
	PGTY_buddy = 0xf0,
	PGTY_offline = 0xf1,
	PGTY_table = 0xf2,
	PGTY_guard = 0xf3,
	PGTY_hugetlb = 0xf4,
	PGTY_slab = 0xf5,
	PGTY_zsmalloc = 0xf6,
	PGTY_unaccepted = 0xf7,
	PGTY_mapcount_underflow = 0xff,
};

/* Low bits of page->mapping. */
#define PAGE_MAPPING_ANON 0x1UL
#define PAGE_MAPPING_MOVABLE 0x2UL
#define PAGE_MAPPING_KSM (PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS (PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

/*
 * Model-only: record that @what (a function) was called on @page against
 * its precondition, for the next check to report (harness/sim.c).
 */
void sim_pgflags_bug(const struct page *page, const char *what);
/* The violation recorded for @page and not reported yet, or NULL. */
const char *page_sim_bug(const struct page *page);

#define VM_BUG_ON_PGFLAGS(cond, page) \
	((cond) ? sim_pgflags_bug((page), __func__) : (void)0)

static inline bool test_bit_flags(int nr, const struct page *page)
{
	return page->flags & BIT(nr);
}

/*
 * Compound pages: a large folio is a head page (PG_head) followed by tail
 * pages (PG_sim_tail) whose private word is their distance to the head
 * (linux/mm_types.h).
 */
static inline bool PageHead(const struct page *page)
{
	return test_bit_flags(PG_head, page);
}

static inline bool PageTail(const struct page *page)
{
	return test_bit_flags(PG_sim_tail, page);
}

static inline bool PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static inline struct page *compound_head(const struct page *page)
{
	if (PageTail(page))
		page -= page->private;
	return (struct page *)page;
}

/*
 * The flags of a folio live in its head page: the page accessors of the
 * kernel's PF_HEAD flags read and write the head of a tail page
 * (PF_ANY ones, which every page has of its own, do not).
 */
#define PAGEFLAG(uname, lname) __PAGEFLAG(uname, lname, compound_head)
#define PAGEFLAG_ANY(uname, lname) __PAGEFLAG(uname, lname, __pf_any)

static inline struct page *__pf_any(const struct page *page)
{
	return (struct page *)page;
}

#define __PAGEFLAG(uname, lname, policy)                                 \
	static inline bool Page##uname(const struct page *page)          \
	{                                                                \
		return test_bit_flags(PG_##lname, policy(page));         \
	}                                                                \
	static inline void SetPage##uname(struct page *page)             \
	{                                                                \
		page = policy(page);                                     \
		page->flags |= BIT(PG_##lname);                          \
		sim_touch_page(page);                                    \
	}                                                                \
	static inline void ClearPage##uname(struct page *page)           \
	{                                                                \
		page = policy(page);                                     \
		page->flags &= ~BIT(PG_##lname);                         \
		sim_touch_page(page);                                    \
	}                                                                \
	static inline bool folio_test_##lname(const struct folio *folio) \
	{                                                                \
		return test_bit_flags(PG_##lname, &folio->page);         \
	}                                                                \
	static inline void folio_set_##lname(struct folio *folio)        \
	{                                                                \
		folio->flags |= BIT(PG_##lname);                         \
		sim_touch_page(&folio->page);                            \
	}                                                                \
	static inline void folio_clear_##lname(struct folio *folio)      \
	{                                                                \
		folio->flags &= ~BIT(PG_##lname);                        \
		sim_touch_page(&folio->page);                            \
	}

PAGEFLAG(Locked, locked)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG_ANY(HWPoison, hwpoison)
PAGEFLAG(MappedToDisk, mappedtodisk)
PAGEFLAG(Readahead, readahead)

/* folio_test_clear_readahead: whether it was set; it is clear after. */
static inline bool folio_test_clear_readahead(struct folio *folio)
{
	bool was = folio_test_readahead(folio);

	if (was)
		folio_clear_readahead(folio);
	return was;
}

#define __folio_set_swapbacked folio_set_swapbacked
#define __folio_mark_uptodate folio_set_uptodate

/* As in the kernel, a page of a folio is anon if its folio is. */
static inline bool PageAnon(const struct page *page)
{
	return compound_head(page)->mapping & PAGE_MAPPING_ANON;
}

static inline bool folio_test_anon(const struct folio *folio)
{
	return PageAnon(&folio->page);
}

static inline bool PageKsm(const struct page *page)
{
	return (compound_head(page)->mapping & PAGE_MAPPING_FLAGS) ==
	       PAGE_MAPPING_KSM;
}

static inline bool folio_test_ksm(const struct folio *folio)
{
	return PageKsm(&folio->page);
}

/* PG_swapcache only means something together with PG_swapbacked. */
static inline void folio_set_swapcache(struct folio *folio)
{
	folio->flags |= BIT(PG_swapcache);
	sim_touch_page(&folio->page);
}

static inline void folio_clear_swapcache(struct folio *folio)
{
	folio->flags &= ~BIT(PG_swapcache);
	sim_touch_page(&folio->page);
}

static inline bool folio_test_swapcache(const struct folio *folio)
{
	return folio_test_swapbacked(folio) &&
	       test_bit_flags(PG_swapcache, &folio->page);
}

static inline bool folio_test_large(const struct folio *folio)
{
	return PageHead(&folio->page);
}

/* The order is kept in the first tail page's flags, as in the kernel. */
static inline unsigned int folio_order(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 0;
	return folio->_flags_1 & 0xff;
}

static inline unsigned long folio_nr_pages(const struct folio *folio)
{
	return 1UL << folio_order(folio);
}

/* A page of this large folio is poisoned (the second page's flags). */
static inline bool folio_test_has_hwpoisoned(const struct folio *folio)
{
	return folio_test_large(folio) &&
	       (folio->_flags_1 & BIT(PG_has_hwpoisoned));
}

static inline void folio_set_has_hwpoisoned(struct folio *folio)
{
	folio->_flags_1 |= BIT(PG_has_hwpoisoned);
	sim_touch_page(&folio->page);
}

/*
 * A large anon folio some of whose pages were unmapped while others stay
 * mapped, queued for the deferred split shrinker (the second page's
 * flags; mm/huge_memory.c, deferred_split_folio).
 */
static inline bool folio_test_partially_mapped(const struct folio *folio)
{
	return folio_test_large(folio) &&
	       (folio->_flags_1 & BIT(PG_partially_mapped));
}

static inline void folio_set_partially_mapped(struct folio *folio)
{
	folio->_flags_1 |= BIT(PG_partially_mapped);
	sim_touch_page(&folio->page);
}

static inline void folio_clear_partially_mapped(struct folio *folio)
{
	folio->_flags_1 &= ~BIT(PG_partially_mapped);
	sim_touch_page(&folio->page);
}

static inline bool PageAnonExclusive(const struct page *page)
{
	VM_BUG_ON_PGFLAGS(!PageAnon(page), page);
	return test_bit_flags(PG_anon_exclusive, page);
}

static inline void SetPageAnonExclusive(struct page *page)
{
	VM_BUG_ON_PGFLAGS(!PageAnon(page) || PageKsm(page), page);
	page->flags |= BIT(PG_anon_exclusive);
	sim_touch_page(page);
}

static inline void ClearPageAnonExclusive(struct page *page)
{
	VM_BUG_ON_PGFLAGS(!PageAnon(page) || PageKsm(page), page);
	page->flags &= ~BIT(PG_anon_exclusive);
	sim_touch_page(page);
}

/* Page types overlay _mapcount: no type means _mapcount == -1 or above. */
#define PAGE_MAPCOUNT_RESERVE (-128)

static inline bool page_mapcount_is_type(unsigned int mapcount)
{
	return (int)(mapcount + 1) < PAGE_MAPCOUNT_RESERVE;
}

static inline bool page_has_type(const struct page *page)
{
	return page_mapcount_is_type(page->page_type);
}

static inline bool page_test_type(const struct page *page, enum pagetype t)
{
	return (page->page_type >> 24) == t;
}

static inline void __page_set_type(struct page *page, enum pagetype t)
{
	VM_BUG_ON_PGFLAGS(page->page_type != UINT32_MAX, page);
	page->page_type = (unsigned int)t << 24;
	sim_touch_page(page);
}

static inline void __page_clear_type(struct page *page, enum pagetype t)
{
	VM_BUG_ON_PGFLAGS(!page_test_type(page, t), page);
	page->page_type = UINT32_MAX;
	sim_touch_page(page);
}

static inline bool PageTable(const struct page *page)
{
	return page_test_type(page, PGTY_table);
}

static inline bool PageBuddy(const struct page *page)
{
	return page_test_type(page, PGTY_buddy);
}

#endif /* MMSIM_LINUX_PAGE_FLAGS_H */
