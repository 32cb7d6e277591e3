// SPDX-License-Identifier: GPL-2.0-only
/*
 * The invariant checker: the kernel's rules (docs/kernel-rules.md, Invariants)
 * as executable checks over a whole struct sim, run after every step.  A
 * violation is reported with the invariant, the page and what is wrong;
 * nothing here ever aborts.
 *
 *   I1    a writable PTE maps an exclusive, non-KSM anon page
 *   I2    an exclusive page is anon, not KSM, and mapped at most once
 *   I4    a FOLL_PIN'd anon page is exclusive (pins are taken on
 *         exclusive pages and exclusivity is never cleared while pinned)
 *   I5    refcount >= mapcount + pins * GUP_PIN_COUNTING_BIAS + FOLL_GET
 *         references + pagecache references
 *   I9    pagemap's PM_MMAP_EXCLUSIVE is "mapped by exactly one PTE"
 *   I10   a writable PTE lies in a VMA with VM_WRITE
 *   mapcount   _mapcount + 1 equals the number of PTEs mapping the page
 *   pt_mm      every page-table page reachable from mm X is a page table
 *              whose pt_mm is X (origin.pt-mm), and no other table exists
 *   freed      no PTE, pin or cache refers to a freed page; a freed page
 *              has no references
 *   leak       a live page is held by something the model knows about,
 *              and has no references beyond those holders
 *   rss        MM_ANONPAGES / MM_SHMEMPAGES match the PTEs
 *   I3    a swap PTE never leads, through the swap cache, to an
 *         exclusive page (the BUG_ON in do_swap_page)
 *   I7    a swap PTE with the exclusive bit is its slot's only user
 *   swap       a slot's use count is the number of swap PTEs using it,
 *              SWAP_HAS_CACHE is set exactly when a folio is in the swap
 *              cache for it (or 6.12's slots cache holds the slot), and
 *              that folio has PG_swapcache and the entry; no slot is in
 *              use with neither
 *   uffd-wp    a present PTE with uffd-wp is not writable; the uffd-wp
 *              bit of a present or swap PTE, and a uffd-wp PTE marker,
 *              lie only in a VMA registered for write-protection
 *              (VM_UFFD_WP), an anon marker only where the process's
 *              uffd has WP_UNPOPULATED; a marker is never empty
 *   soft-dirty a writable PTE or huge PMD in a VMA with soft-dirty
 *              tracking on (VM_SOFTDIRTY clear, after clear_refs) is
 *              soft-dirty: the write that made it writable went through
 *              a fault (pte_needs_soft_dirty_wp), or it was left alone
 *              as pinned
 *   folio      a large folio is a naturally aligned head page of a THP
 *              order (2..9: mTHP or PMD-size) and 2^order - 1 tail pages
 *              pointing at it; its _entire_mapcount counts the huge PMDs
 *              mapping it, each page's _mapcount the PTEs mapping that
 *              page, _large_mapcount both, _nr_pages_mapped the pages
 *              mapped by PTEs (plus ENTIRELY_MAPPED while PMD-mapped),
 *              _pincount its FOLL_PINs; tail pages hold no reference; a
 *              huge PMD maps a whole PMD-sized folio, in a VMA that covers
 *              it; while PMD-mapped, PageAnonExclusive is on the head
 *              alone; the huge zero folio is never mapped writable, never
 *              exclusive and never counted as mapped (I1, I2, I5 and the
 *              others apply to a large folio as a whole)
 *   hwpoison   a poisoned page (PG_hwpoison) is never mapped by a present
 *              PTE nor free in the allocator; a
 *              hwpoison entry names a poisoned page; memory failure's
 *              reference to a poisoned anon or shmem page counts as a
 *              holder
 *              (hwpoison.held); the zero page, which the kernel poisons
 *              and keeps mapping, a page of a THP that could not be
 *              split (PG_sim_mf_left: no reference kept either), a
 *              swap-cache page a pin kept mapped, whose mappings stay,
 *              and a KSM page, which a merge maps again while an
 *              rmap_item still lists it (replace_page has no hwpoison
 *              check; 4724, seen on 6.12), are the kernel's exceptions
 *   PGFLAGS    a page-flag accessor was called against its precondition
 *   VM_WARN    the model met a state it must never reach; among them
 *              an anon page the rmap walk would not find where a PTE
 *              maps it (its anon_vma of another tree, or its index --
 *              the folio's plus its place in it -- not the address's
 *              linear index in the VMA)
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linux/huge_mm.h"
#include "linux/pagewalk.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/userfaultfd_k.h"
#include "harness/harness.h"

/* /proc/PID/pagemap bits (fs/proc/task_mmu.c) */
#define PM_MMAP_EXCLUSIVE BIT_ULL(56)
#define PM_FILE BIT_ULL(61)
#define PM_PRESENT BIT_ULL(63)

struct page_use {
	int ptes;
	/* Every present PTE to the page, and the writable ones (touch.c). */
	int raw_ptes;
	int wptes;
	int pin_refs;
	int get_refs;
	int cache_refs;
	int pins;
	/* Huge PMDs mapping the folio (its head page's entry only). */
	int pmds;
	bool table_reachable;
};

/*
 * Swap PTEs seen per slot, per device, by the full check; room for n[]
 * slots: a device's slots looked at so far (sim_nslots), more if a swap
 * PTE names a slot beyond them.
 */
struct swap_tally {
	unsigned int *ptes[MAX_SWAPFILES];
	unsigned int *excl[MAX_SWAPFILES];
	unsigned long n[MAX_SWAPFILES];
};

struct checker {
	struct sim *sim;
	sim_violation_fn fn;
	void *ctx;
	int count;
	struct page_use *use;
	/* The full check's swap PTE tallies (NULL in the others). */
	struct swap_tally *sw;
	/* Swap PTEs in the current mm. */
	long mm_swapents;
	/* sim_check_changed: what it cannot judge from what changed. */
	bool escalate;
	/* sim_check_changed: the tables reached, walking no PTE table. */
	struct sim_keyset *reach;
	/* sim_check_changed: the VMA of the last PTE looked at, or NULL. */
	struct vm_area_struct *vma;
};

/* Marks the table @pfn reached; whether it was already. */
static bool table_seen(struct checker *c, unsigned long pfn)
{
	bool seen;

	if (!c->reach) {
		seen = c->use[pfn].table_reachable;
		c->use[pfn].table_reachable = true;
		return seen;
	}
	seen = sim_keyset_find(c->reach, pfn) >= 0;
	if (!sim_keyset_add(c->reach, pfn))
		c->escalate = true;
	return seen;
}

static void __attribute__((format(printf, 4, 5)))
report(struct checker *c, enum sim_violation_id id, unsigned long pfn,
       const char *fmt, ...)
{
	struct sim_violation v = {
		.id = id,
		.invariant = sim_violation_name(id),
		.pfn = pfn,
	};
	va_list ap;

	/*
	 * The exclusivity invariants are rules of the PG_anon_exclusive
	 * design: before v5.19 they do not hold and are not checked, and I7
	 * needs the swap-PTE exclusive bit.  The table of ids says which
	 * (harness/violation.c).
	 */
	if (!sim_violation_checked(&c->sim->policy, id))
		return;

	va_start(ap, fmt);
	vsnprintf(v.msg, sizeof(v.msg), fmt, ap);
	va_end(ap);
	c->count++;
	if (c->fn)
		c->fn(c->ctx, &v);
}

/* The pagemap entry of a present PTE, as pte_to_pagemap_entry() builds it. */
static u64 pagemap_pte_entry(struct page *page)
{
	u64 pm = PM_PRESENT;

	if (!page)
		return pm;
	if (!PageAnon(page))
		pm |= PM_FILE;
	if (page_mapcount(page) == 1)
		pm |= PM_MMAP_EXCLUSIVE;
	return pm;
}

/* Room in the swap PTE tallies of device @type for slots below @n. */
static void swap_counts_room(struct checker *c, unsigned int type,
			     unsigned long n)
{
	unsigned long old = c->sw->n[type], want = old ? old : 16;

	if (n <= old && c->sw->ptes[type])
		return;
	while (want < n)
		want *= 2;
	c->sw->ptes[type] =
		realloc(c->sw->ptes[type], want * sizeof(unsigned int));
	c->sw->excl[type] =
		realloc(c->sw->excl[type], want * sizeof(unsigned int));
	if (!c->sw->ptes[type] || !c->sw->excl[type])
		abort();
	memset(c->sw->ptes[type] + old, 0, (want - old) * sizeof(unsigned int));
	memset(c->sw->excl[type] + old, 0, (want - old) * sizeof(unsigned int));
	c->sw->n[type] = want;
}

static void check_swap_pte(struct checker *c, struct mm_struct *mm,
			   unsigned long addr, pte_t pte)
{
	swp_entry_t entry = pte_to_swp_entry(pte);
	struct swap_info_struct *si = swp_swap_info(c->sim, entry);
	unsigned long off = swp_offset(entry);
	struct page *page;

	if (is_migration_entry(entry)) {
		report(c, SIM_V_VM_WARN, off,
		       "mm%u: migration entry left at %#lx after a statement",
		       mm->mm_id, addr);
		return;
	}
	if (is_hwpoison_entry(entry)) {
		if (off >= c->sim->nr_pfns ||
		    !PageHWPoison(pfn_to_page(c->sim, off)))
			report(c, SIM_V_HWPOISON, off,
			       "mm%u: hwpoison entry at %#lx names pfn %#lx, "
			       "which is not poisoned",
			       mm->mm_id, addr, off);
		return;
	}
	if (non_swap_entry(entry))
		return;
	if (!si) {
		report(c, SIM_V_SWAP, ~0UL,
		       "mm%u: swap PTE %#llx at %#lx has no device", mm->mm_id,
		       (unsigned long long)pte_val(pte), addr);
		return;
	}
	if (c->sw) { /* the full check's tally */
		swap_counts_room(c, swp_type(entry), off);
		c->sw->ptes[swp_type(entry)][off]++;
		if (pte_swp_exclusive(pte))
			c->sw->excl[swp_type(entry)][off]++;
	}
	c->mm_swapents++;
	if (pte_swp_exclusive(pte) && swap_slot_users(si, off) != 1)
		report(c, SIM_V_I7, ~0UL,
		       "mm%u: swap PTE at %#lx has the exclusive bit but slot "
		       "%u:%#lx has %u users",
		       mm->mm_id, addr, swp_type(entry), off,
		       swap_slot_users(si, off));
	page = si->sim_cache[off];
	if (page && PageAnon(page) && !PageKsm(page) && PageAnonExclusive(page))
		report(c, SIM_V_I3, page_to_pfn(page),
		       "mm%u: swap PTE at %#lx leads to exclusive pfn %#lx in "
		       "the swap cache",
		       mm->mm_id, addr, page_to_pfn(page));
}

static void check_swap_devices(struct checker *c)
{
	unsigned int type;
	unsigned long off;

	for (type = 0; type < c->sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = c->sim->swap_info[type];

		if (!si)
			continue;
		/* Beyond both, a slot has no count, cache or swap PTE. */
		swap_counts_room(c, type, si->sim_nslots);
		for (off = 1; off < c->sw->n[type]; off++) {
			unsigned char map = swap_slot_map(si, off);
			struct page *page = swap_slot_cache(si, off);
			unsigned int ptes = c->sw->ptes[type][off], cont;

			if (swap_slot_users(si, off) != ptes)
				report(c, SIM_V_SWAP, ~0UL,
				       "slot %u:%#lx: count %u but %u swap PTEs",
				       type, off, swap_slot_users(si, off),
				       ptes);
			/*
			 * The tallies may cover more slots than the device
			 * has room for (a device replaced by a smaller one).
			 */
			cont = off < si->sim_nslots ? si->sim_cont[off] : 0;
			if (!(map & COUNT_CONTINUED) != !cont)
				report(c, SIM_V_SWAP, ~0UL,
				       "slot %u:%#lx: COUNT_CONTINUED %s but a "
				       "continuation of %u",
				       type, off,
				       map & COUNT_CONTINUED ? "set" : "clear",
				       cont);
			if (!!(map & SWAP_HAS_CACHE) != !!page &&
			    !swap_slot_in_slots_cache(si, off))
				report(c, SIM_V_SWAP,
				       page ? page_to_pfn(page) : ~0UL,
				       "slot %u:%#lx: SWAP_HAS_CACHE %s but %s "
				       "folio in the swap cache",
				       type, off,
				       (map & SWAP_HAS_CACHE) ? "set" : "clear",
				       page ? "a" : "no");
			if (!page)
				continue;
			c->use[page_to_pfn(page)].cache_refs++;
			if (!folio_test_swapcache(page_folio(page)) ||
			    page->swap.val != swp_entry(type, off).val)
				report(c, SIM_V_SWAP, page_to_pfn(page),
				       "pfn %#lx is in the swap cache for "
				       "%u:%#lx without PG_swapcache and the entry",
				       page_to_pfn(page), type, off);
		}
	}
}

/*
 * The uffd-wp rules of one non-none PTE of @vma: what only the PTE and
 * its VMA decide, so the full and the incremental check share it.
 */
static void check_uffd_pte(struct checker *c, struct mm_struct *mm,
			   struct vm_area_struct *vma, unsigned long addr,
			   pte_t pte)
{
	swp_entry_t entry;

	if (pte_present(pte)) {
		if (!pte_uffd_wp(pte))
			return;
		if (pte_write(pte))
			report(c, SIM_V_UFFD_WP, pte_pfn(pte),
			       "mm%u: writable PTE at %#lx has uffd-wp",
			       mm->mm_id, addr);
		if (!userfaultfd_wp(vma))
			report(c, SIM_V_UFFD_WP, pte_pfn(pte),
			       "mm%u: uffd-wp PTE at %#lx in a VMA not "
			       "registered for it",
			       mm->mm_id, addr);
		return;
	}
	entry = pte_to_swp_entry(pte);
	if (is_pte_marker_entry(entry)) {
		if (!(swp_offset(entry) & PTE_MARKER_MASK))
			report(c, SIM_V_UFFD_WP, ~0UL,
			       "mm%u: empty PTE marker at %#lx", mm->mm_id,
			       addr);
		if (!pte_marker_entry_uffd_wp(entry))
			return;
		if (!userfaultfd_wp(vma))
			report(c, SIM_V_UFFD_WP, ~0UL,
			       "mm%u: uffd-wp marker at %#lx in a VMA not "
			       "registered for it",
			       mm->mm_id, addr);
		else if (!userfaultfd_wp_use_markers(vma))
			report(c, SIM_V_UFFD_WP, ~0UL,
			       "mm%u: uffd-wp marker at %#lx in anon memory "
			       "without WP_UNPOPULATED",
			       mm->mm_id, addr);
		return;
	}
	if (pte_swp_uffd_wp(pte) && !userfaultfd_wp(vma))
		report(c, SIM_V_UFFD_WP, ~0UL,
		       "mm%u: uffd-wp swap PTE at %#lx in a VMA not registered "
		       "for it",
		       mm->mm_id, addr);
}

/*
 * rmap: an anon page mapped at @addr must be where the rmap walk looks
 * for it: its folio's anon_vma is in @vma's tree (same root), and its
 * index (the folio's plus its place in the folio) is @addr's linear
 * index in @vma.  A large folio's pages, mTHP ones too, follow each
 * other at consecutive indexes.
 */
static void check_anon_rmap(struct checker *c, struct mm_struct *mm,
			    struct vm_area_struct *vma, unsigned long addr,
			    struct page *page)
{
	struct folio *folio = page_folio(page);
	const struct anon_vma *av =
		(const struct anon_vma *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
	unsigned long index = folio->index + folio_page_idx(folio, page);

	if (!av || av->root != vma->anon_vma->root)
		report(c, SIM_V_VM_WARN, page_to_pfn(page),
		       "mm%u: anon page at %#lx belongs to another anon_vma "
		       "tree than its VMA",
		       mm->mm_id, addr);
	else if (index != linear_page_index(vma, addr))
		report(c, SIM_V_VM_WARN, page_to_pfn(page),
		       "mm%u: anon page at %#lx has index %#lx, the rmap "
		       "looks for it at %#lx",
		       mm->mm_id, addr, index, linear_page_index(vma, addr));
}

static void check_pte(struct checker *c, struct mm_struct *mm,
		      unsigned long addr, pte_t pte)
{
	struct sim *sim = c->sim;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pfn;
	struct page *page;

	if (!vma) {
		report(c, SIM_V_VM_WARN, ~0UL,
		       "mm%u: PTE %#llx at %#lx outside any VMA", mm->mm_id,
		       (unsigned long long)pte_val(pte), addr);
		return;
	}
	check_uffd_pte(c, mm, vma, addr, pte);
	if (!pte_present(pte)) {
		check_swap_pte(c, mm, addr, pte);
		return;
	}
	pfn = pte_pfn(pte);
	if (pfn >= sim->nr_pfns) {
		report(c, SIM_V_VM_WARN, pfn,
		       "mm%u: PTE at %#lx maps pfn %#lx beyond memory",
		       mm->mm_id, addr, pfn);
		return;
	}
	if (pte_write(pte) && !(vma->vm_flags & VM_WRITE))
		report(c, SIM_V_I10, pfn,
		       "mm%u: writable PTE at %#lx in a VMA without VM_WRITE",
		       mm->mm_id, addr);
	if (pte_write(pte) && pte_needs_soft_dirty_wp(vma, pte))
		report(c, SIM_V_SOFT_DIRTY, pfn,
		       "mm%u: writable PTE at %#lx is not soft-dirty while "
		       "soft-dirty tracking is on",
		       mm->mm_id, addr);
	if (pte_special(pte)) {
		if (!is_zero_pfn(pfn))
			report(c, SIM_V_VM_WARN, pfn,
			       "mm%u: special PTE at %#lx", mm->mm_id, addr);
		if (pte_write(pte))
			report(c, SIM_V_I1, pfn,
			       "mm%u: the zero page is mapped writable at %#lx",
			       mm->mm_id, addr);
		return;
	}
	page = pfn_to_page(sim, pfn);
	if (PageBuddy(page) || PageTable(page)) {
		report(c, SIM_V_FREED, pfn, "mm%u: PTE at %#lx maps a %s page",
		       mm->mm_id, addr,
		       PageBuddy(page) ? "freed" : "page-table");
		return;
	}
	c->use[pfn].ptes++;
	if (PageAnon(page)) {
		if (pte_write(pte) &&
		    (PageKsm(page) || !PageAnonExclusive(page)))
			report(c, SIM_V_I1, pfn,
			       "mm%u: writable PTE at %#lx maps a %s page",
			       mm->mm_id, addr,
			       PageKsm(page) ? "KSM" : "non-exclusive anon");
		if (vma_is_anonymous(vma) && !vma->anon_vma)
			report(c, SIM_V_VM_WARN, pfn,
			       "mm%u: anon page at %#lx in a VMA without anon_vma",
			       mm->mm_id, addr);
		else if (!PageKsm(page))
			check_anon_rmap(c, mm, vma, addr, page);
	}
}

/* A huge PMD at @addr: a PMD-mapped THP or the huge zero folio. */
static void check_pmd(struct checker *c, struct mm_struct *mm,
		      unsigned long addr, pmd_t pmd, long *anon)
{
	struct sim *sim = c->sim;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long pfn = pmd_pfn(pmd);
	struct page *page;

	if (!vma || vma->vm_start > addr || vma->vm_end < addr + PMD_SIZE) {
		report(c, SIM_V_FOLIO, pfn,
		       "mm%u: huge PMD at %#lx not inside one VMA", mm->mm_id,
		       addr);
		return;
	}
	if (pfn >= sim->nr_pfns || (pfn & (HPAGE_PMD_NR - 1))) {
		report(c, SIM_V_FOLIO, pfn,
		       "mm%u: huge PMD at %#lx maps pfn %#lx, not a PMD-sized "
		       "block of memory",
		       mm->mm_id, addr, pfn);
		return;
	}
	if (pmd_write(pmd) && !(vma->vm_flags & VM_WRITE))
		report(c, SIM_V_I10, pfn,
		       "mm%u: writable huge PMD at %#lx in a VMA without "
		       "VM_WRITE",
		       mm->mm_id, addr);
	if (pmd_write(pmd) && pmd_needs_soft_dirty_wp(vma, pmd))
		report(c, SIM_V_SOFT_DIRTY, pfn,
		       "mm%u: writable huge PMD at %#lx is not soft-dirty "
		       "while soft-dirty tracking is on",
		       mm->mm_id, addr);
	if (is_huge_zero_pmd(sim, pmd)) {
		if (pmd_write(pmd))
			report(c, SIM_V_I1, pfn,
			       "mm%u: the huge zero page is mapped writable at "
			       "%#lx",
			       mm->mm_id, addr);
		return;
	}
	page = pfn_to_page(sim, pfn);
	if (!PageHead(page) ||
	    folio_order(page_folio(page)) != HPAGE_PMD_ORDER) {
		report(c, SIM_V_FOLIO, pfn,
		       "mm%u: huge PMD at %#lx maps pfn %#lx, not the head of "
		       "a PMD-sized folio",
		       mm->mm_id, addr, pfn);
		return;
	}
	c->use[pfn].pmds++;
	if (!PageAnon(page)) {
		report(c, SIM_V_FOLIO, pfn,
		       "mm%u: huge PMD at %#lx maps a folio that is not anon",
		       mm->mm_id, addr);
		return;
	}
	*anon += HPAGE_PMD_NR;
	if (pmd_write(pmd) && (PageKsm(page) || !PageAnonExclusive(page)))
		report(c, SIM_V_I1, pfn,
		       "mm%u: writable huge PMD at %#lx maps a non-exclusive "
		       "THP",
		       mm->mm_id, addr);
	if (!vma->anon_vma)
		report(c, SIM_V_VM_WARN, pfn,
		       "mm%u: THP at %#lx in a VMA without anon_vma", mm->mm_id,
		       addr);
	else if (!PageKsm(page))
		check_anon_rmap(c, mm, vma, addr, page);
}

static void walk_entry(struct checker *c, struct mm_struct *mm,
		       struct page *table, int level, unsigned long i,
		       unsigned long addr, u64 groups, long *anon, long *shmem,
		       long *file);

static void walk_tables(struct checker *c, struct mm_struct *mm,
			struct page *table, int level, unsigned long base,
			long *anon, long *shmem, long *file)
{
	static const int shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT,
				     PAGE_SHIFT };
	unsigned long pfn = page_to_pfn(table), i;
	u64 groups = *pt_table_groups(table->pt_table), todo;
	/*
	 * Reachability alone, through a table that did not change: the
	 * groups not marked hold nothing (a table that changed, and the
	 * full check, look at every entry).
	 */
	bool skip_unmarked = c->reach && !sim_page_touched(table);

	if (!PageTable(table)) {
		report(c, SIM_V_PT_MM, pfn,
		       "mm%u: level-%d page table pfn %#lx is not typed PGTY_table",
		       mm->mm_id, 4 - level, pfn);
		return;
	}
	if (table->pt_mm != mm)
		report(c, SIM_V_PT_MM, pfn,
		       "mm%u: page table pfn %#lx records pt_mm %s%d",
		       mm->mm_id, pfn, table->pt_mm ? "mm" : "NULL ",
		       table->pt_mm ? (int)table->pt_mm->mm_id : 0);
	if (table_seen(c, pfn))
		report(c, SIM_V_PT_MM, pfn,
		       "page table pfn %#lx is linked twice", pfn);

	/* Reachability stops at a PTE table: nothing below it is a table. */
	if (level == 3 && c->reach)
		return;
	/*
	 * The groups to look at, each a group of PT_GROUP entries: the
	 * marked ones, or all to see that none set is unmarked.  A group of
	 * zero entries, marked or not, is passed whole: nothing below looks
	 * at a zero entry (none at every level).
	 */
	for (todo = skip_unmarked ? groups : ~0ULL; todo; todo &= todo - 1) {
		unsigned long g =
			(unsigned long)__builtin_ctzll(todo) * PT_GROUP;

		if (pt_entries_zero(&table->pt_table[g], PT_GROUP))
			continue;
		for (i = g; i < g + PT_GROUP; i++)
			walk_entry(c, mm, table, level, i,
				   base + (i << shift[level]), groups, anon,
				   shmem, file);
	}
}

/* Entry @i of @table, at @addr: walk_tables()'s look at one entry. */
static void walk_entry(struct checker *c, struct mm_struct *mm,
		       struct page *table, int level, unsigned long i,
		       unsigned long addr, u64 groups, long *anon, long *shmem,
		       long *file)
{
	unsigned long pfn = page_to_pfn(table);
	u64 e = table->pt_table[i];

	if (e && !(groups & (1ULL << (i / PT_GROUP))))
		report(c, SIM_V_PT_MM, pfn,
		       "page table pfn %#lx: entry %lu is set but its "
		       "group is not marked",
		       pfn, i);
	if (level == 3) {
		pte_t pte = __pte(e);
		struct page *page;

		if (pte_none(pte))
			return;
		check_pte(c, mm, addr, pte);
		if (!pte_present(pte) || pte_special(pte) ||
		    pte_pfn(pte) >= c->sim->nr_pfns)
			return;
		page = pfn_to_page(c->sim, pte_pfn(pte));
		c->use[pte_pfn(pte)].raw_ptes++;
		if (pte_write(pte))
			c->use[pte_pfn(pte)].wptes++;
		if (PageAnon(page))
			(*anon)++;
		else if (sim_page_class(page) == SIM_PC_FILE)
			(*file)++;
		else if (!PageBuddy(page))
			(*shmem)++;
		return;
	}
	if (pxd_none(e))
		return;
	if (level == 2 && pmd_leaf(__pmd(e))) {
		/*
		 * A reachability walk only passes it: a changed huge
		 * PMD makes the check the full one (set_pmd_at).
		 */
		if (!c->reach)
			check_pmd(c, mm, addr, __pmd(e), anon);
		return;
	}
	if (pxd_pfn(e) >= c->sim->nr_pfns) {
		report(c, SIM_V_PT_MM, pxd_pfn(e),
		       "mm%u: table entry points beyond memory", mm->mm_id);
		return;
	}
	walk_tables(c, mm, pfn_to_page(c->sim, pxd_pfn(e)), level + 1, addr,
		    anon, shmem, file);
}

static void check_mm(struct checker *c, struct mm_struct *mm)
{
	long anon = 0, shmem = 0, file = 0;

	c->mm_swapents = 0;
	walk_tables(c, mm, mm->pgd, 0, 0, &anon, &shmem, &file);
	if (c->mm_swapents != mm->rss_stat[MM_SWAPENTS])
		report(c, SIM_V_RSS, ~0UL,
		       "mm%u: MM_SWAPENTS %ld but %ld swap PTEs", mm->mm_id,
		       mm->rss_stat[MM_SWAPENTS], c->mm_swapents);
	if (anon != mm->rss_stat[MM_ANONPAGES])
		report(c, SIM_V_RSS, ~0UL,
		       "mm%u: MM_ANONPAGES %ld but %ld anon PTEs", mm->mm_id,
		       mm->rss_stat[MM_ANONPAGES], anon);
	if (shmem != mm->rss_stat[MM_SHMEMPAGES])
		report(c, SIM_V_RSS, ~0UL,
		       "mm%u: MM_SHMEMPAGES %ld but %ld shmem PTEs", mm->mm_id,
		       mm->rss_stat[MM_SHMEMPAGES], shmem);
	if (file != mm->rss_stat[MM_FILEPAGES])
		report(c, SIM_V_RSS, ~0UL,
		       "mm%u: MM_FILEPAGES %ld but %ld file PTEs", mm->mm_id,
		       mm->rss_stat[MM_FILEPAGES], file);
	mm->sim_rss[MM_FILEPAGES] = file;
	mm->sim_rss[MM_ANONPAGES] = anon;
	mm->sim_rss[MM_SHMEMPAGES] = shmem;
	mm->sim_rss[MM_SWAPENTS] = c->mm_swapents;
}

/* A count as struct sim_page_use keeps it (linux/mm_types.h). */
static u16 saturate_u16(int n)
{
	return n < SIM_USE_SATURATED((u16)0) ? (u16)n :
					       SIM_USE_SATURATED((u16)0);
}

/*
 * What the full check counted becomes the tallies the touch hooks keep
 * (harness/touch.c), and the touched set starts empty.
 */
static void resync_tallies(struct checker *c)
{
	struct sim *sim = c->sim;
	unsigned long pfn, off;
	unsigned int type;

	for (pfn = 0; pfn < sim->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(sim, pfn);
		struct page_use *u = &c->use[pfn];
		struct sim_page_use *su = &page->sim_use;

		su->ptes = saturate_u16(u->raw_ptes);
		su->wptes = saturate_u16(u->wptes);
		su->cache_refs =
			u->cache_refs < SIM_USE_SATURATED(su->cache_refs) ?
				(u8)u->cache_refs :
				SIM_USE_SATURATED(su->cache_refs);
		su->cls = (u8)sim_page_class(page);
		/* A clone's copy of a mark its original had: not listed. */
		page->flags &= ~(1UL << SIM_PAGE_TOUCHED_BIT);
	}
	for (type = 0; type < sim->nr_swapfiles; type++) {
		struct swap_info_struct *si = sim->swap_info[type];

		for (off = 0; si && off < c->sw->n[type]; off++) {
			if (off >= si->sim_nslots && !c->sw->ptes[type][off] &&
			    !c->sw->excl[type][off])
				continue;
			swap_slot_room(sim, si, off);
			si->sim_use[off].ptes = c->sw->ptes[type][off];
			si->sim_use[off].excl = c->sw->excl[type][off];
		}
	}
	sim_touch_clear(sim);
}

static void check_page_use(struct checker *c, struct page *page,
			   struct page_use *u)
{
	unsigned long pfn = page_to_pfn(page);
	const char *bug =
		c->sim->nr_page_bugs ? sim_page_bug_take(c->sim, pfn) : NULL;
	int mapcount, holders;

	if (bug)
		report(c, SIM_V_PGFLAGS, pfn,
		       "pfn %#lx: %s() called against its precondition", pfn,
		       bug);
	if (PageHWPoison(page)) {
		if (PageBuddy(page))
			report(c, SIM_V_HWPOISON, pfn,
			       "pfn %#lx is poisoned but free in the allocator",
			       pfn);
		/*
		 * A swap-cache page is unmapped without TTU_HWPOISON, which
		 * a pin can stop (MF_MSG_UNMAP_FAILED), and a large folio
		 * that could not be split is not unmapped at all: the
		 * kernel leaves them mapped (hwpoison.unmap, hwpoison.thp).
		 * A KSM page memory failure unmapped stays in the stable
		 * tree while a reference keeps it, and a merge maps it again
		 * while an rmap_item still lists it (hwpoison.ksm).
		 */
		else if (u->ptes && !folio_test_swapcache(page_folio(page)) &&
			 !test_bit_flags(PG_sim_mf_left, page) &&
			 !PageKsm(page))
			report(c, SIM_V_HWPOISON, pfn,
			       "pfn %#lx is poisoned but mapped by %d PTEs",
			       pfn, u->ptes);
	}
	if (PageBuddy(page)) {
		if (page->_refcount || u->pin_refs || u->get_refs ||
		    u->cache_refs)
			report(c, SIM_V_FREED, pfn,
			       "pfn %#lx is free but referenced (refcount %d, "
			       "%d pins, %d gets, %d cache)",
			       pfn, page->_refcount, u->pins, u->get_refs,
			       u->cache_refs);
		return;
	}
	if (PageTable(page)) {
		if (!u->table_reachable)
			report(c, SIM_V_PT_MM, pfn,
			       "page table pfn %#lx (pt_mm %s) is not reachable "
			       "from its mm: leaked",
			       pfn, page->pt_mm ? "set" : "NULL");
		return;
	}

	mapcount = page_mapcount(page);
	if (mapcount != u->ptes)
		report(c, SIM_V_MAPCOUNT, pfn,
		       "pfn %#lx: mapcount %d but %d PTEs map it", pfn,
		       mapcount, u->ptes);
	if (u->ptes &&
	    !!(pagemap_pte_entry(page) & PM_MMAP_EXCLUSIVE) != (u->ptes == 1))
		report(c, SIM_V_I9, pfn,
		       "pfn %#lx: pagemap PM_MMAP_EXCLUSIVE disagrees with %d "
		       "mapping PTEs",
		       pfn, u->ptes);
	holders = mapcount + u->pin_refs + u->get_refs + u->cache_refs;
	/*
	 * memory_failure keeps the reference GUP took (hwpoison.held), of
	 * an anon or a shmem page (swap-backed), in the page cache or not.
	 */
	if (PageHWPoison(page) &&
	    (PageAnon(page) || folio_test_swapbacked(page_folio(page))) &&
	    !test_bit_flags(PG_sim_mf_left, page))
		holders++;
	if (page->_refcount < holders)
		report(c, SIM_V_I5, pfn,
		       "pfn %#lx: refcount %d < mapcount %d + pins %d*%u + "
		       "gets %d + pagecache %d",
		       pfn, page->_refcount, mapcount, u->pins,
		       GUP_PIN_COUNTING_BIAS, u->get_refs, u->cache_refs);
	else if (page->_refcount > holders)
		report(c, SIM_V_LEAK, pfn,
		       "pfn %#lx: refcount %d but only %d references are held",
		       pfn, page->_refcount, holders);
	if (PageAnon(page) && !PageKsm(page) && PageAnonExclusive(page) &&
	    u->ptes > 1)
		report(c, SIM_V_I2, pfn,
		       "pfn %#lx is PageAnonExclusive but mapped by %d PTEs",
		       pfn, u->ptes);
	if (!PageAnon(page) && test_bit_flags(PG_anon_exclusive, page) &&
	    !page->mapping)
		report(c, SIM_V_I2, pfn,
		       "pfn %#lx: PG_anon_exclusive on a page with no mapping",
		       pfn);
	if (PageAnon(page) && u->pins && !PageKsm(page) &&
	    !PageAnonExclusive(page))
		report(c, SIM_V_I4, pfn,
		       "pfn %#lx is FOLL_PIN'd but not PageAnonExclusive", pfn);
}

/*
 * The huge zero folio: the machine's reference (mm_get_huge_zero_folio
 * keeps it for the machine's life; the mappings take none, as the
 * model counts none for the small zero page), plus what GUP took: unlike
 * the small zero page, try_grab_folio pins it as any large folio
 * (refcount and _pincount).  Never mapped by a PTE, never anon.
 */
static void check_huge_zero_folio(struct checker *c, struct folio *folio)
{
	unsigned long pfn = page_to_pfn(&folio->page), i;
	int refs = 1, pins = 0;

	for (i = 0; i < folio_nr_pages(folio); i++) {
		struct page *page = folio_page(folio, i);
		struct page_use *u = &c->use[pfn + i];

		/* A large folio's pin is one reference, and _pincount. */
		refs += u->get_refs + u->pins;
		pins += u->pins;
		if (page->_mapcount != -1 || u->ptes || PageAnon(page) ||
		    test_bit_flags(PG_anon_exclusive, page))
			report(c, SIM_V_FOLIO, pfn + i,
			       "huge zero folio pfn %#lx: mapped by a PTE, "
			       "anon or exclusive",
			       pfn + i);
	}
	if (folio_ref_count(folio) != refs || folio->_large_mapcount != -1 ||
	    folio->_entire_mapcount != -1 || folio->_pincount != pins)
		report(c, SIM_V_FOLIO, pfn,
		       "huge zero folio pfn %#lx: refcount %d (GUP holds %d), "
		       "large mapcount %d, entire mapcount %d, pincount %d "
		       "(%d pins)",
		       pfn, folio_ref_count(folio), refs - 1,
		       folio_large_mapcount(folio),
		       folio_entire_mapcount(folio), folio->_pincount, pins);
}

/*
 * A large folio, from its head: its pages and counts against what the
 * page tables, pins and caches hold (see "folio" above).
 */
static void check_large_folio(struct checker *c, struct folio *folio)
{
	unsigned long pfn = page_to_pfn(&folio->page), nr, i;
	struct page_use *hu = &c->use[pfn];
	int ptes = 0, pins = 0, gets = 0, cache = 0, mapped = 0, holders;
	bool head_excl;
	const char *bug;

	nr = folio_nr_pages(folio);
	if (!(BIT(folio_order(folio)) & THP_ORDERS_ALL_ANON) ||
	    (pfn & (nr - 1)) || pfn + nr > c->sim->nr_pfns) {
		report(c, SIM_V_FOLIO, pfn,
		       "pfn %#lx: head of a folio of order %u, not an "
		       "aligned block of a THP order (2..%u)",
		       pfn, folio_order(folio), HPAGE_PMD_ORDER);
		return;
	}
	if (pfn == c->sim->huge_zero_pfn) {
		check_huge_zero_folio(c, folio);
		return;
	}
	head_excl = PageAnon(&folio->page) && !PageKsm(&folio->page) &&
		    PageAnonExclusive(&folio->page);
	for (i = 0; i < nr; i++) {
		struct page *page = folio_page(folio, i);
		struct page_use *u = &c->use[pfn + i];
		int own = page->_mapcount + 1;

		bug = sim_page_bug_take(c->sim, pfn + i);
		if (bug)
			report(c, SIM_V_PGFLAGS, pfn + i,
			       "pfn %#lx: %s() called against its "
			       "precondition",
			       pfn + i, bug);
		if (i &&
		    (!PageTail(page) || PageHead(page) || page->private != i ||
		     page->_refcount || PageBuddy(page) || PageTable(page)))
			report(c, SIM_V_FOLIO, pfn + i,
			       "pfn %#lx: not a tail page of the folio at "
			       "pfn %#lx (refcount %d)",
			       pfn + i, pfn, page->_refcount);
		if (own != u->ptes)
			report(c, SIM_V_MAPCOUNT, pfn + i,
			       "pfn %#lx: mapcount %d but %d PTEs map it",
			       pfn + i, own, u->ptes);
		ptes += u->ptes;
		mapped += u->ptes > 0;
		pins += u->pins;
		gets += u->get_refs;
		cache += u->cache_refs;
		if (!PageAnon(page) || PageKsm(page) ||
		    !test_bit_flags(PG_anon_exclusive, page))
			continue;
		if (i && hu->pmds)
			report(c, SIM_V_FOLIO, pfn + i,
			       "pfn %#lx: PageAnonExclusive on a tail page "
			       "while the folio is PMD-mapped",
			       pfn + i);
		if (u->ptes + (head_excl ? hu->pmds : 0) > 1)
			report(c, SIM_V_I2, pfn + i,
			       "pfn %#lx is PageAnonExclusive but mapped %d "
			       "times",
			       pfn + i, u->ptes + hu->pmds);
	}
	for (i = 0; i < nr; i++) {
		struct page *page = folio_page(folio, i);

		/*
		 * Pinned: exclusive.  Unless PTEs map the page, the head's
		 * bit may speak for it: a page pinned while a PMD mapped
		 * its THP has no bit of its own, and gets none when that
		 * PMD is zapped rather than split.
		 */
		if (c->use[pfn + i].pins && PageAnon(page) && !PageKsm(page) &&
		    !PageAnonExclusive(page) &&
		    (c->use[pfn + i].ptes || !head_excl))
			report(c, SIM_V_I4, pfn + i,
			       "pfn %#lx is FOLL_PIN'd but not "
			       "PageAnonExclusive",
			       pfn + i);
	}
	if (folio_entire_mapcount(folio) != hu->pmds)
		report(c, SIM_V_FOLIO, pfn,
		       "folio pfn %#lx: entire mapcount %d but %d huge PMDs "
		       "map it",
		       pfn, folio_entire_mapcount(folio), hu->pmds);
	if (folio_large_mapcount(folio) != ptes + hu->pmds)
		report(c, SIM_V_FOLIO, pfn,
		       "folio pfn %#lx: large mapcount %d but %d PTEs and %d "
		       "PMDs map it",
		       pfn, folio_large_mapcount(folio), ptes, hu->pmds);
	if (folio->_nr_pages_mapped !=
	    mapped + (hu->pmds ? ENTIRELY_MAPPED : 0))
		report(c, SIM_V_FOLIO, pfn,
		       "folio pfn %#lx: nr_pages_mapped %#x but %d pages "
		       "PTE-mapped, %sPMD-mapped",
		       pfn, folio->_nr_pages_mapped, mapped,
		       hu->pmds ? "" : "not ");
	if (folio->_pincount != pins)
		report(c, SIM_V_FOLIO, pfn,
		       "folio pfn %#lx: pincount %d but %d FOLL_PINs", pfn,
		       folio->_pincount, pins);
	/* A large folio's FOLL_PIN takes one reference, and _pincount. */
	holders = ptes + hu->pmds + pins + gets + cache;
	if (folio_ref_count(folio) < holders)
		report(c, SIM_V_I5, pfn,
		       "folio pfn %#lx: refcount %d < %d PTEs + %d PMDs + "
		       "pins %d + gets %d + pagecache %d",
		       pfn, folio_ref_count(folio), ptes, hu->pmds, pins, gets,
		       cache);
	else if (folio_ref_count(folio) > holders)
		report(c, SIM_V_LEAK, pfn,
		       "folio pfn %#lx: refcount %d but only %d references "
		       "are held",
		       pfn, folio_ref_count(folio), holders);
	if (head_excl && hu->pmds && (hu->pmds > 1 || ptes))
		report(c, SIM_V_I2, pfn,
		       "folio pfn %#lx: exclusive head but mapped by %d PMDs "
		       "and %d PTEs",
		       pfn, hu->pmds, ptes);
	/*
	 * Deferred split (thp.deferred-split): an anon folio is partially
	 * mapped exactly when some of its pages are PTE-mapped and others
	 * are not, no PMD maps it, and it is not in the swap cache; once
	 * marked it stays so until it is split or freed, also when its last
	 * mappings go while something else holds it (pages that lost their
	 * mappings never get them back).
	 */
	if (PageAnon(&folio->page) && !PageKsm(&folio->page) &&
	    !folio_test_swapcache(folio) &&
	    (folio_test_partially_mapped(folio) ?
		     hu->pmds || mapped == (int)nr :
		     !hu->pmds && mapped && mapped < (int)nr))
		report(c, SIM_V_FOLIO, pfn,
		       "folio pfn %#lx: %spartially mapped (deferred split) "
		       "but %d of its %lu pages PTE-mapped, %d PMDs",
		       pfn, folio_test_partially_mapped(folio) ? "" : "not ",
		       mapped, nr, hu->pmds);
}

static void check_page(struct checker *c, struct page *page)
{
	/* A large folio is checked whole, from its head. */
	if (PageTail(page))
		return;
	if (PageHead(page)) {
		check_large_folio(c, page_folio(page));
		return;
	}
	check_page_use(c, page, &c->use[page_to_pfn(page)]);
}

/**
 * sim_check - run every invariant over @sim.
 * @fn: called once per violation (may be NULL)
 *
 * Return: the number of violations.
 */
int sim_check(struct sim *sim, sim_violation_fn fn, void *ctx)
{
	struct swap_tally sw = { 0 };
	struct checker c = { .sim = sim, .fn = fn, .ctx = ctx, .sw = &sw };
	struct address_space *as;
	const char *zero_bug;
	struct mm_struct *mm;
	unsigned long pfn, i;
	unsigned int m;

	sim_check_pins(sim);
	for (i = 0; i < sim->nr_warnings; i++) {
		c.count++;
		if (fn)
			fn(ctx, &sim->warnings[i]);
	}
	sim->nr_warnings = 0;

	c.use = calloc(sim->nr_pfns, sizeof(*c.use));
	if (!c.use)
		abort();
	for (i = 0; i < sim->nr_swapfiles; i++) {
		if (!sim->swap_info[i])
			continue;
		swap_counts_room(&c, i, sim->swap_info[i]->sim_nslots);
	}
	for_each_mm(sim, mm, m)
		check_mm(&c, mm);
	for (i = 0; i < sim->nr_pins; i++) {
		struct sim_pin *pin = &sim->pins[i];

		if (!pin->page || is_zero_page(pin->page))
			continue;
		pfn = page_to_pfn(pin->page);
		if (pin->gup_flags & FOLL_PIN) {
			c.use[pfn].pins++;
			c.use[pfn].pin_refs += GUP_PIN_COUNTING_BIAS;
		} else {
			c.use[pfn].get_refs++;
		}
	}
	for (as = sim->mappings; as; as = as->sim_next) {
		for (i = 0; i < as->nr_pages; i++) {
			swp_entry_t e = as->swap[i];

			if (as->pages[i])
				c.use[page_to_pfn(as->pages[i])].cache_refs++;
			if (!e.val)
				continue;
			if (as->pages[i])
				report(&c, SIM_V_SWAP,
				       page_to_pfn(as->pages[i]),
				       "shmem object %u index %lu holds a page "
				       "and a swap entry",
				       as->sim_id, i);
			if (!sim_swap_info_quiet(sim, e)) {
				report(&c, SIM_V_SWAP, ~0UL,
				       "shmem object %u index %lu: swap entry "
				       "%#llx has no device",
				       as->sim_id, i,
				       (unsigned long long)e.val);
				continue;
			}
			/* A user of its slot, as a swap PTE is. */
			swap_counts_room(&c, swp_type(e), swp_offset(e) + 1);
			c.sw->ptes[swp_type(e)][swp_offset(e)]++;
		}
	}
	check_swap_devices(&c);
	/* The zero page: only accessor preconditions apply to it. */
	zero_bug = sim_page_bug_take(sim, SIM_ZERO_PFN);
	if (zero_bug)
		report(&c, SIM_V_PGFLAGS, SIM_ZERO_PFN,
		       "the zero page: %s() called against its precondition",
		       zero_bug);
	for (pfn = SIM_ZERO_PFN + 1; pfn < sim->nr_pfns; pfn++)
		check_page(&c, pfn_to_page(sim, pfn));
	/* Each page above had its violation reported: these were not kept. */
	if (sim->page_bugs_lost)
		report(&c, SIM_V_PGFLAGS, ~0UL,
		       "%u more calls of an accessor against its "
		       "precondition (not kept)",
		       sim->page_bugs_lost);
	sim->page_bugs_lost = 0;
	resync_tallies(&c);
	free(c.use);
	for (i = 0; i < MAX_SWAPFILES; i++) {
		free(c.sw->ptes[i]);
		free(c.sw->excl[i]);
	}
	return c.count;
}

/* sim_check_fork's walk over the child: the checker and the parent. */
struct fork_walk {
	struct checker *c;
	struct mm_struct *pmm;
};

static int check_fork_pte_entry(pte_t *cp, unsigned long addr,
				unsigned long next, struct mm_walk *walk)
{
	struct fork_walk *fw = walk->private;
	struct checker *c = fw->c;
	const pte_t *pp = pte_offset_map_ro(fw->pmm, addr);
	struct page *page;

	if (!pp || !pte_present(*cp) || !pte_present(*pp) || pte_special(*pp))
		return 0;
	page = pfn_to_page(c->sim, pte_pfn(*pp));
	if (!PageAnon(page))
		return 0;
	if (pte_pfn(*cp) != pte_pfn(*pp)) {
		if (!PageAnonExclusive(page) ||
		    !folio_maybe_dma_pinned(page_folio(page)))
			report(c, SIM_V_I6, page_to_pfn(page),
			       "%#lx: child got a copy of a page "
			       "that could be shared",
			       addr);
		return 0;
	}
	if (pte_write(*cp) || pte_write(*pp) || PageAnonExclusive(page))
		report(c, SIM_V_I6, page_to_pfn(page),
		       "%#lx: page shared by fork is still "
		       "writable or exclusive",
		       addr);
	return 0;
}

static const struct mm_walk_ops check_fork_walk_ops = {
	.pte_entry = check_fork_pte_entry,
};

/* I6 for the huge PMDs of a child's @vma (the PTE walk skips them). */
static void check_fork_pmds(struct checker *c, struct vm_area_struct *vma,
			    struct mm_struct *pmm)
{
	unsigned long addr;

	for (addr = ALIGN(vma->vm_start, PMD_SIZE);
	     addr + PMD_SIZE <= vma->vm_end; addr += PMD_SIZE) {
		const pmd_t *cp = pmd_offset_map_ro(vma->vm_mm, addr);
		const pmd_t *pp = pmd_offset_map_ro(pmm, addr);
		struct page *head;

		if (!cp || !pmd_trans_huge(*cp) || !pp ||
		    !pmd_trans_huge(*pp) || pmd_pfn(*cp) != pmd_pfn(*pp) ||
		    is_huge_zero_pmd(c->sim, *cp))
			continue;
		head = pfn_to_page(c->sim, pmd_pfn(*cp));
		if (pmd_write(*cp) || pmd_write(*pp) ||
		    (PageAnon(head) && PageAnonExclusive(head)))
			report(c, SIM_V_I6, page_to_pfn(head),
			       "%#lx: THP shared by fork is still writable "
			       "or exclusive",
			       addr);
	}
}

/*
 * sim_check_fork - I6, right after fork: every anon page the child shares
 * with the parent is R/O and non-exclusive on both sides; an exclusive
 * page that may be pinned in a process that has pinned was copied.
 */
int sim_check_fork(struct sim *sim, int parent, int child, sim_violation_fn fn,
		   void *ctx)
{
	struct checker c = { .sim = sim, .fn = fn, .ctx = ctx };
	struct fork_walk fw = { .c = &c, .pmm = sim->mms[parent] };
	struct vm_area_struct *vma;

	for_each_vma(sim->mms[child], vma) {
		if (!is_cow_mapping(vma->vm_flags))
			continue;
		walk_page_vma(vma, &check_fork_walk_ops, &fw);
		check_fork_pmds(&c, vma, fw.pmm);
	}
	return c.count;
}

/* ---- The incremental check: what the last statements touched ---- */

/* The violations found, kept until the check knows it need not escalate. */
struct found {
	struct sim_violation *v;
	unsigned int n, cap;
};

static void found_add(void *ctx, const struct sim_violation *v)
{
	struct found *f = ctx;

	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = realloc(f->v, f->cap * sizeof(*f->v));
		if (!f->v)
			abort();
	}
	f->v[f->n++] = *v;
}

/*
 * check_pte for one PTE that changed (or lies in a VMA range that did).
 * What depends on the page or the slot as well is checked from their
 * side when they are touched too (I1 by check_page_use's tally of
 * writable PTEs, I3 and I7 by check_slot), so that each is said once.
 */
static void check_pte_changed(struct checker *c, struct mm_struct *mm,
			      unsigned long addr, pte_t pte)
{
	struct sim *sim = c->sim;
	struct sim_touched *t = sim->touched;
	struct vm_area_struct *vma;
	struct page *page;
	unsigned long pfn;

	if (pte_none(pte))
		return;
	/* PTEs come in address order: the last VMA is likely the one. */
	vma = c->vma;
	if (!vma || vma->vm_mm != mm || addr < vma->vm_start ||
	    addr >= vma->vm_end)
		vma = c->vma = vma_lookup(mm, addr);
	if (!vma) {
		/* The full check leaves such a PTE out of the mapcount. */
		c->escalate = true;
		return;
	}
	/* Unless check_pte, called below, checks it itself. */
	if (!pte_present(pte) ||
	    (pte_pfn(pte) < sim->nr_pfns && !pte_special(pte)))
		check_uffd_pte(c, mm, vma, addr, pte);
	if (!pte_present(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		if (is_migration_entry(entry) || non_swap_entry(entry) ||
		    !sim_swap_info_quiet(sim, entry) ||
		    sim_keyset_find(&t->slots, (unsigned long)entry.val) < 0) {
			check_swap_pte(c, mm, addr, pte);
			return;
		}
		return; /* check_slot */
	}
	pfn = pte_pfn(pte);
	if (pfn >= sim->nr_pfns || pte_special(pte)) {
		check_pte(c, mm, addr, pte);
		return;
	}
	page = pfn_to_page(sim, pfn);
	if (PageBuddy(page) || PageTable(page)) {
		c->escalate = true;
		return;
	}
	if (pte_write(pte) && !(vma->vm_flags & VM_WRITE))
		report(c, SIM_V_I10, pfn,
		       "mm%u: writable PTE at %#lx in a VMA without VM_WRITE",
		       mm->mm_id, addr);
	if (pte_write(pte) && pte_needs_soft_dirty_wp(vma, pte))
		report(c, SIM_V_SOFT_DIRTY, pfn,
		       "mm%u: writable PTE at %#lx is not soft-dirty while "
		       "soft-dirty tracking is on",
		       mm->mm_id, addr);
	if (!PageAnon(page))
		return;
	if (pte_write(pte) && (PageKsm(page) || !PageAnonExclusive(page)) &&
	    !sim_page_touched(page))
		report(c, SIM_V_I1, pfn,
		       "mm%u: writable PTE at %#lx maps a %s page", mm->mm_id,
		       addr, PageKsm(page) ? "KSM" : "non-exclusive anon");
	if (vma_is_anonymous(vma) && !vma->anon_vma)
		report(c, SIM_V_VM_WARN, pfn,
		       "mm%u: anon page at %#lx in a VMA without anon_vma",
		       mm->mm_id, addr);
}

/* The check of swap slot @entry, from the tallies of its swap PTEs. */
static void check_slot(struct checker *c, swp_entry_t entry)
{
	struct swap_info_struct *si = sim_swap_info_quiet(c->sim, entry);
	unsigned long off = swp_offset(entry);
	unsigned int type = swp_type(entry), i;
	unsigned char map;
	struct page *page;

	if (!si || !off)
		return;
	map = si->swap_map[off];
	page = si->sim_cache[off];
	if (swap_slot_users(si, off) != si->sim_use[off].ptes)
		report(c, SIM_V_SWAP, ~0UL,
		       "slot %u:%#lx: count %u but %u swap PTEs", type, off,
		       swap_slot_users(si, off), si->sim_use[off].ptes);
	if (!(map & COUNT_CONTINUED) != !si->sim_cont[off])
		report(c, SIM_V_SWAP, ~0UL,
		       "slot %u:%#lx: COUNT_CONTINUED %s but a continuation "
		       "of %u",
		       type, off, map & COUNT_CONTINUED ? "set" : "clear",
		       si->sim_cont[off]);
	if (!!(map & SWAP_HAS_CACHE) != !!page &&
	    !swap_slot_in_slots_cache(si, off))
		report(c, SIM_V_SWAP, page ? page_to_pfn(page) : ~0UL,
		       "slot %u:%#lx: SWAP_HAS_CACHE %s but %s folio in the "
		       "swap cache",
		       type, off, (map & SWAP_HAS_CACHE) ? "set" : "clear",
		       page ? "a" : "no");
	if (page && (!folio_test_swapcache(page_folio(page)) ||
		     page->swap.val != swp_entry(type, off).val))
		report(c, SIM_V_SWAP, page_to_pfn(page),
		       "pfn %#lx is in the swap cache for %u:%#lx without "
		       "PG_swapcache and the entry",
		       page_to_pfn(page), type, off);
	if (swap_slot_users(si, off) != 1)
		for (i = 0; i < si->sim_use[off].excl; i++)
			report(c, SIM_V_I7, ~0UL,
			       "slot %u:%#lx has %u users but a swap PTE with "
			       "the exclusive bit",
			       type, off, swap_slot_users(si, off));
	if (page && PageAnon(page) && !PageKsm(page) && PageAnonExclusive(page))
		for (i = 0; i < si->sim_use[off].ptes; i++)
			report(c, SIM_V_I3, page_to_pfn(page),
			       "swap PTE of %u:%#lx leads to exclusive pfn %#lx "
			       "in the swap cache",
			       type, off, page_to_pfn(page));
}

/* The PTEs of a VMA range that changed, but those checked already. */
static void check_range(struct checker *c, unsigned int r)
{
	struct sim_touched *t = c->sim->touched;
	struct sim_range *range = &t->ranges[r];
	struct mm_struct *mm;
	unsigned long addr;
	unsigned int k;

	if (range->mm_id >= c->sim->nr_mms)
		return;
	mm = c->sim->mms[range->mm_id];
	if (mm->dead)
		return;
	for (addr = range->start; addr < range->end; addr += PAGE_SIZE) {
		const pte_t *ptep = pte_offset_map_ro(mm, addr);
		bool seen = false;

		if (!ptep) {
			addr = (addr | ~PMD_MASK);
			continue;
		}
		if (sim_touched_pte(t, mm->mm_id, addr))
			continue;
		for (k = 0; k < r; k++)
			if (t->ranges[k].mm_id == range->mm_id &&
			    addr >= t->ranges[k].start &&
			    addr < t->ranges[k].end)
				seen = true;
		if (!seen)
			check_pte_changed(c, mm, addr, *ptep);
	}
}

/*
 * A touched page whose tally the full check would count otherwise, or
 * that only the full check counts (a saturated count).
 */
static bool page_needs_full_check(struct page *page)
{
	struct sim_page_use *u = &page->sim_use;

	if (u->ptes == SIM_USE_SATURATED(u->ptes) ||
	    u->wptes == SIM_USE_SATURATED(u->wptes) ||
	    u->cache_refs == SIM_USE_SATURATED(u->cache_refs))
		return true;
	return u->ptes > 0 &&
	       (u->cls != sim_page_class(page) || u->cls == SIM_PC_BUDDY ||
		u->cls == SIM_PC_TABLE);
}

/*
 * A touched anon page a cache holds is in the swap cache, which
 * check_slot judges from the slot the page names; a page not at that
 * slot is held for another, which only the full scan finds.
 */
static bool page_off_its_slot(struct sim *sim, struct page *page)
{
	struct swap_info_struct *si;

	if (!page->sim_use.cache_refs || PageBuddy(page) || PageTable(page) ||
	    !PageAnon(page))
		return false;
	si = sim_swap_info_quiet(sim, page->swap);
	return !si || si->sim_cache[swp_offset(page->swap)] != page;
}

/*
 * Whether the second page loop of check_changed() would find nothing to
 * say about @page, a touched page no pin or GUP reference holds and with
 * no recorded precondition violation: the common small anon page,
 * judged without a call.  False sends it to the loop's own code, which
 * reports.  The conditions are those of check_changed()'s I1 and of
 * check_page_use() with what the loop hands it (the tallies, no pins).
 */
static inline bool page_use_clean(struct page *page)
{
	const struct sim_page_use *su = &page->sim_use;
	int mapcount;
	bool excl;

	if (PageCompound(page) || PageBuddy(page) || PageTable(page) ||
	    (page->mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON)
		return false;
	mapcount = page_mapcount(page);
	excl = test_bit_flags(PG_anon_exclusive, page);
	/* I1, the mapcount (and with it PM_MMAP_EXCLUSIVE), I5, I2. */
	return (!su->wptes || excl) && mapcount == su->ptes &&
	       page->_refcount == mapcount + su->cache_refs &&
	       (!excl || su->ptes <= 1);
}

/*
 * The touched pages check_changed() has something to do for, in order:
 * their indices in sim->hooks.pages, in @todo; how many.  A page beyond
 * memory is left out (nothing looks at it), and so is a clean one
 * (sim_page_clean) when @quick (no pin held on a touched page, no recorded
 * precondition violation).  A loop of its own, kept tight (not inlined
 * into check_changed(), whose other loops spoil its registers).
 */
static unsigned int __attribute__((noinline))
touched_todo(struct sim *sim, unsigned int *todo, bool quick)
{
	const unsigned long *keys = sim->hooks.pages.keys;
	struct sim_chunk *const *chunks = sim->chunks;
	unsigned long nr_pfns = sim->nr_pfns;
	unsigned int i, n = sim->hooks.pages.n, nr = 0;

	for (i = 0; i < n; i++) {
		unsigned long pfn = keys[i];

		if (pfn >= nr_pfns)
			continue;
		/* pfn_to_page, the memory map read once (it stays). */
		if (quick && !is_zero_pfn(pfn) &&
		    sim_page_clean(
			    &chunks[pfn >> SIM_CHUNK_SHIFT]
				     ->pages[pfn & (SIM_CHUNK_PAGES - 1)]))
			continue;
		todo[nr++] = i;
	}
	return nr;
}

static int pin_cmp(const void *a, const void *b)
{
	const struct page *x = (*(const struct sim_pin *const *)a)->page;
	const struct page *y = (*(const struct sim_pin *const *)b)->page;

	return x < y ? -1 : x > y;
}

/*
 * The pins and GUP references held on touched pages, sorted by page
 * (*@nr of them; NULL if none): a page's are found by bisection.
 */
static struct sim_pin **touched_pins(struct sim *sim, unsigned int *nr)
{
	struct sim_pin **v = NULL;
	unsigned int i, n = 0;

	for (i = 0; i < sim->nr_pins; i++) {
		struct sim_pin *pin = &sim->pins[i];

		if (!pin->page || is_zero_page(pin->page) ||
		    !sim_page_touched(pin->page))
			continue;
		if (!v) {
			v = malloc(sim->nr_pins * sizeof(*v));
			if (!v)
				abort();
		}
		v[n++] = pin;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), pin_cmp);
	*nr = n;
	return v;
}

/* Adds the references the pins in @v hold on @page to @u. */
static void count_pins(struct sim *sim, struct sim_pin **v, unsigned int n,
		       struct page *page, struct page_use *u)
{
	unsigned int lo = 0, hi = n;

	(void)sim;
	while (lo < hi) {
		unsigned int mid = (lo + hi) / 2;

		if (v[mid]->page < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && v[lo]->page == page; lo++) {
		if (v[lo]->gup_flags & FOLL_PIN) {
			u->pins++;
			u->pin_refs += GUP_PIN_COUNTING_BIAS;
		} else {
			u->get_refs++;
		}
	}
}

static void check_changed(struct checker *c)
{
	struct sim *sim = c->sim;
	struct sim_touched *t = sim->touched;
	struct sim_pin **pinned = NULL;
	unsigned int nr_pinned = 0, nr_todo, k;
	struct mm_struct *mm;
	unsigned int i;
	bool tables = t->tables, quick;

	/* Pins do not change during a check: known before the pages. */
	pinned = touched_pins(sim, &nr_pinned);
	quick = !nr_pinned && !sim->nr_page_bugs;
	if (t->todo_cap < sim->hooks.pages.n) {
		free(t->todo);
		t->todo_cap = sim->hooks.pages.n;
		t->todo = malloc(t->todo_cap * sizeof(*t->todo));
		if (!t->todo)
			abort();
	}

	/*
	 * Each page touched: one only the full scan can judge escalates, a
	 * table has its mm walked, a page in the swap cache has its slot
	 * (I3) checked as well.  A page on which neither this loop nor the
	 * page loop below has anything to do or say (sim_page_clean) is left
	 * out of both: t->todo lists the others, in order.
	 */
	nr_todo = touched_todo(sim, t->todo, quick);
	for (k = 0; k < nr_todo; k++) {
		unsigned long pfn = sim->hooks.pages.keys[t->todo[k]];
		struct page *page = pfn_to_page(sim, pfn);

		if (page_needs_full_check(page) ||
		    page_off_its_slot(sim, page)) {
			c->escalate = true;
			goto out;
		}
		/* A table whose pt_mm is gone: check everything. */
		if (PageTable(page)) {
			tables = true;
			if (!page->pt_mm || page->pt_mm->dead ||
			    !sim_keyset_add(&t->mms, page->pt_mm->mm_id)) {
				c->escalate = true;
				goto out;
			}
			continue;
		}
		if (!PageBuddy(page) && page->swap.val &&
		    sim_swap_info_quiet(sim, page->swap) &&
		    !sim_keyset_add(&t->slots, (unsigned long)page->swap.val)) {
			c->escalate = true;
			goto out;
		}
	}

	if (tables) {
		sim_keyset_clear(&t->reach);
		c->reach = &t->reach;
		for (i = 0; i < t->mms.n; i++) {
			mm = sim->mms[t->mms.keys[i]];
			if (!mm->dead)
				walk_tables(c, mm, mm->pgd, 0, 0, NULL, NULL,
					    NULL);
		}
	}

	/* The PTEs, a PTE table at a time. */
	for (i = 0; i < t->blocks.n && !c->escalate; i++) {
		unsigned long key = t->blocks.keys[i];
		unsigned long base = (key & ((1UL << SIM_BLOCK_BITS) - 1))
				     << PMD_SHIFT;
		unsigned int mm_id = (unsigned int)(key >> SIM_BLOCK_BITS), w;
		const pte_t *table;

		if (mm_id >= sim->nr_mms || sim->mms[mm_id]->dead)
			continue;
		mm = sim->mms[mm_id];
		table = pte_offset_map_ro(mm, base);
		if (!table)
			continue;
		for (w = 0; w < ARRAY_SIZE(t->blk[i].bits); w++) {
			u64 bits = t->blk[i].bits[w];

			while (bits && !c->escalate) {
				unsigned int j = w * 64 + __builtin_ctzll(bits);
				unsigned long addr = base + j * PAGE_SIZE;
				struct vm_area_struct *vma = c->vma;

				bits &= bits - 1;
				if (pte_none(table[j]))
					continue;
				/* check_pte_changed's VMA, looked up alike. */
				if (!vma || vma->vm_mm != mm ||
				    addr < vma->vm_start || addr >= vma->vm_end)
					vma = c->vma = vma_lookup(mm, addr);
				if (vma &&
				    sim_pte_changed_clean(sim, vma, table[j]))
					continue;
				check_pte_changed(c, mm, addr, table[j]);
			}
		}
	}
	for (i = 0; i < t->nr_ranges && !c->escalate; i++)
		check_range(c, i);
	if (c->escalate)
		goto out;
	for (i = 0; i < t->slots.n; i++)
		check_slot(c, (swp_entry_t){ t->slots.keys[i] });

	/* The pages: GUP references from the handles, the rest tallied. */
	for (k = 0; k < nr_todo; k++) {
		unsigned long pfn = sim->hooks.pages.keys[t->todo[k]];
		struct page *page;
		struct page_use use = { 0 }, *u = &use;
		const char *bug;
		int n;

		page = pfn_to_page(sim, pfn);
		if (!nr_pinned && !sim->nr_page_bugs && !is_zero_pfn(pfn) &&
		    page_use_clean(page))
			continue;
		if (nr_pinned)
			count_pins(sim, pinned, nr_pinned, page, u);
		if (is_zero_pfn(pfn)) {
			bug = sim_page_bug_take(sim, pfn);
			if (bug)
				report(c, SIM_V_PGFLAGS, SIM_ZERO_PFN,
				       "the zero page: %s() called against its "
				       "precondition",
				       bug);
			continue;
		}
		if (PageTable(page)) {
			u->table_reachable =
				tables && sim_keyset_find(&t->reach, pfn) >= 0;
		} else if (!PageBuddy(page)) {
			u->ptes = page->sim_use.ptes;
			if (PageAnon(page) && page->sim_use.wptes &&
			    (PageKsm(page) || !PageAnonExclusive(page)))
				for (n = 0; n < page->sim_use.wptes; n++)
					report(c, SIM_V_I1, pfn,
					       "pfn %#lx: a writable PTE maps "
					       "this %s page",
					       pfn,
					       PageKsm(page) ?
						       "KSM" :
						       "non-exclusive anon");
		}
		u->cache_refs = page->sim_use.cache_refs;
		check_page_use(c, page, u);
	}

	/* The counters: rss of every process touched against its PTEs. */
	for (i = 0; i < t->mms.n; i++) {
		mm = sim->mms[t->mms.keys[i]];
		if (mm->dead)
			continue;
		if (mm->sim_rss[MM_SWAPENTS] != mm->rss_stat[MM_SWAPENTS])
			report(c, SIM_V_RSS, ~0UL,
			       "mm%u: MM_SWAPENTS %ld but %ld swap PTEs",
			       mm->mm_id, mm->rss_stat[MM_SWAPENTS],
			       mm->sim_rss[MM_SWAPENTS]);
		if (mm->sim_rss[MM_ANONPAGES] != mm->rss_stat[MM_ANONPAGES])
			report(c, SIM_V_RSS, ~0UL,
			       "mm%u: MM_ANONPAGES %ld but %ld anon PTEs",
			       mm->mm_id, mm->rss_stat[MM_ANONPAGES],
			       mm->sim_rss[MM_ANONPAGES]);
		if (mm->sim_rss[MM_SHMEMPAGES] != mm->rss_stat[MM_SHMEMPAGES])
			report(c, SIM_V_RSS, ~0UL,
			       "mm%u: MM_SHMEMPAGES %ld but %ld shmem PTEs",
			       mm->mm_id, mm->rss_stat[MM_SHMEMPAGES],
			       mm->sim_rss[MM_SHMEMPAGES]);
		if (mm->sim_rss[MM_FILEPAGES] != mm->rss_stat[MM_FILEPAGES])
			report(c, SIM_V_RSS, ~0UL,
			       "mm%u: MM_FILEPAGES %ld but %ld file PTEs",
			       mm->mm_id, mm->rss_stat[MM_FILEPAGES],
			       mm->sim_rss[MM_FILEPAGES]);
	}
out:
	free(pinned);
	c->reach = NULL;
}

/*
 * The touch hooks recorded nothing since the last check: check_changed()
 * would find nothing to look at (its every loop goes over a set that is
 * empty), and clearing the sets would leave them as they are.
 */
static bool touched_nothing(struct sim *sim)
{
	const struct sim_touched *t = sim->touched;

	return !sim->hooks.pages.n && !t->blocks.n && !t->slots.n &&
	       !t->mms.n && !t->nr_ranges && !t->tables;
}

/**
 * sim_check_changed - the invariants of what changed since the last check.
 * @fn: called once per violation (may be NULL)
 *
 * Checks the PTEs, pages, swap slots, page tables and VMA ranges the
 * touch hooks recorded, and the counters kept as tallies; falls back to
 * sim_check() when the touched set overflowed or a change is one only the
 * full scan can judge.  Finds what sim_check() would (tests/stress).
 *
 * Return: the number of violations.
 */
int sim_check_changed(struct sim *sim, sim_violation_fn fn, void *ctx)
{
	struct found f = { 0 };
	struct checker c = { .sim = sim, .fn = found_add, .ctx = &f };
	unsigned int i;
	int count = 0;

	if (sim->hooks.touch_all)
		return sim_check(sim, fn, ctx);
	/*
	 * No touch record: nothing changed since the last check, or since
	 * the copy of a state checked with nothing changed (sim_clone()).
	 * Most statements change nothing the invariants look at either.
	 * Then only what a statement records without changing anything (a
	 * property broken by a read) and the pins are left to look at.
	 */
	if (sim->touched && !touched_nothing(sim)) {
		check_changed(&c);
		if (c.escalate) {
			free(f.v);
			return sim_check(sim, fn, ctx);
		}
	}
	sim_check_pins(sim);
	for (i = 0; i < sim->nr_warnings; i++) {
		count++;
		if (fn)
			fn(ctx, &sim->warnings[i]);
	}
	sim->nr_warnings = 0;
	for (i = 0; i < f.n; i++) {
		count++;
		if (fn)
			fn(ctx, &f.v[i]);
	}
	free(f.v);
	if (sim->touched && !touched_nothing(sim))
		sim_touch_clear(sim);
	return count;
}
