/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the harness's files share beyond the public API (include/mmsim.h):
 * the machine (include/linux/sim_machine.h) and the checks of the
 * behaviour properties that run after every statement.
 */
#ifndef MMSIM_HARNESS_HARNESS_H
#define MMSIM_HARNESS_HARNESS_H

#include "linux/sim_machine.h"
#include "linux/swap.h"
#include "linux/sim_tally.h"

/* The properties of every held GUP handle (LEAK, STALE, LOST-WRITE). */
void sim_check_pins(struct sim *sim);
unsigned long sim_hwpoison_held(struct sim *sim);

/*
 * Whether the design @policy has the rule @id (harness/violation.c): the
 * exclusivity invariants need PG_anon_exclusive, I7 the swap-PTE bit.
 */
bool sim_violation_checked(const struct sim_policy *policy,
			   enum sim_violation_id id);

/*
 * The touched set (harness/touch.c): a set of keys in insertion order,
 * of at most @limit keys; slots[] holds index + 1 into keys[], where[]
 * the slot of each key, so that clearing costs what was added.  Room for
 * @cap keys (4 * @cap slots) is allocated as keys come, up to @limit, so
 * that a new state costs what it uses.
 */
struct sim_keyset {
	unsigned int *slots;
	unsigned long *keys;
	unsigned int *where;
	unsigned int n, cap, limit, mask;
};

struct sim_range {
	unsigned int mm_id;
	unsigned long start, end;
};

#define SIM_TOUCH_PAGES 8192
#define SIM_TOUCH_PTES 8192
#define SIM_TOUCH_SLOTS 2048
#define SIM_TOUCH_MMS 256
/*
 * The tables the incremental check may walk for reachability when a
 * table changed: past it, the check is the full one, 500 times the cost
 * (a write that took a new PTE table beyond 2 Mi mapped pages cost
 * 400 us with 4096).  The walk's set grows with what it holds.
 */
#define SIM_TOUCH_REACH (1U << 20)

/*
 * The touched PTEs of one PTE table's span: the PMD block of @key
 * (sim_pte_block_key()), one bit per PTE.
 */
struct sim_pte_block {
	u64 bits[PTRS_PER_PTE / 64];
};

/* The pages touched are sim->hooks.pages (linux/sim_hooks.h). */
struct sim_touched {
	/*
	 * PTEs, a bitmap per PMD block: blocks holds the block keys, blk[i]
	 * the bits of blocks.keys[i] (room for blocks.cap); nr_ptes counts
	 * the bits set, up to SIM_TOUCH_PTES.  A PTE hook finds its block
	 * in a two-entry cache first: fork and zap go a table at a time,
	 * fork in two tables (parent and child) at once.
	 */
	struct sim_keyset blocks;
	struct sim_pte_block *blk;
	unsigned int nr_ptes;
	unsigned long last_blk_key[2];
	unsigned int last_blk[2];
	struct sim_keyset slots; /* swp_entry_t values */
	/*
	 * mm ids whose PTEs, page tables, VMAs or rss counters changed:
	 * the only mms the incremental check walks (last_mm: the last two
	 * added, -1 if none, so that a run of hooks on one mm, or on a
	 * parent and its child as fork alternates them, hashes once).
	 */
	struct sim_keyset mms;
	int last_mm[2];
	/*
	 * The checker's scratch, kept between checks so that a check costs
	 * what it looks at: the tables reached, and the touched pages (their
	 * indices in sim->hooks.pages) it has something to look at for.
	 */
	struct sim_keyset reach;
	unsigned int *todo;
	unsigned int todo_cap;
	struct sim_range ranges[16]; /* VMAs changed */
	unsigned int nr_ranges;
	bool tables; /* a page table was linked, unlinked or freed */
};

/* Nothing recorded in @t since it was emptied (sim->hooks.pages aside). */
bool sim_touch_empty(const struct sim_touched *t);

/*
 * The violation sim_pgflags_bug() recorded for @pfn, forgotten as it is
 * returned (the checker reports it), or NULL.
 */
const char *sim_page_bug_take(struct sim *sim, unsigned long pfn);

/* The key of the PMD block of @addr in mm @mm_id: struct sim_pte_block. */
#define SIM_BLOCK_BITS (48 - PMD_SHIFT)
static inline unsigned long sim_pte_block_key(unsigned int mm_id,
					      unsigned long addr)
{
	return ((unsigned long)mm_id << SIM_BLOCK_BITS) | (addr >> PMD_SHIFT);
}

/*
 * Whether check_pte_changed() would find nothing to say about @pte, a
 * present PTE of @vma, and change nothing: the common PTE after fork or a
 * fault, judged without a call.  False sends it to check_pte_changed(),
 * which reports.  The conditions are those of check_pte_changed() (and
 * check_uffd_pte()) for a present PTE, in the same terms;
 * sim_pte_page_clean() for a present PTE, not special, of @page of the
 * memory map.  Fork's hook
 * (harness/touch.c) asks it of the PTEs it has just copied: one clean
 * then is not recorded, as what could make it otherwise later in the
 * statement records what it changes (the PTE; the page, whose tallies
 * the check judges I1 from; the VMA range, whose PTEs it checks).
 */
static inline bool sim_pte_page_clean(const struct vm_area_struct *vma,
				      pte_t pte, const struct page *page)
{
	if (pte_uffd_wp(pte) || PageBuddy(page) || PageTable(page))
		return false;
	/* pte_needs_soft_dirty_wp(), for a const VMA: the soft-dirty check. */
	if (pte_write(pte) && !(vma->vm_flags & VM_SOFTDIRTY) &&
	    !pte_soft_dirty(pte))
		return false;
	if (!PageAnon(page))
		return !pte_write(pte) || (vma->vm_flags & VM_WRITE);
	if (pte_write(pte) && (!(vma->vm_flags & VM_WRITE) || PageKsm(page) ||
			       !PageAnonExclusive(page)))
		return false;
	return !vma_is_anonymous(vma) || vma->anon_vma;
}

static inline bool sim_pte_changed_clean(struct sim *sim,
					 const struct vm_area_struct *vma,
					 pte_t pte)
{
	return pte_present(pte) && !pte_special(pte) &&
	       pte_pfn(pte) < sim->nr_pfns &&
	       sim_pte_page_clean(vma, pte, pfn_to_page(sim, pte_pfn(pte)));
}

/* Whether the hooks recorded the PTE of @addr in mm @mm_id. */
bool sim_touched_pte(const struct sim_touched *t, unsigned int mm_id,
		     unsigned long addr);

/* swp_swap_info without counting the slot as touched (the checker's). */
static inline struct swap_info_struct *sim_swap_info_quiet(struct sim *sim,
							   swp_entry_t entry)
{
	struct swap_info_struct *si;

	if (swp_type(entry) >= MAX_SWAPFILES)
		return NULL;
	si = sim->swap_info[swp_type(entry)];
	if (!si || swp_offset(entry) >= si->max)
		return NULL;
	swap_slot_room(sim, si, swp_offset(entry));
	return si;
}

int sim_keyset_find(const struct sim_keyset *s, unsigned long key);
void sim_keyset_clear(struct sim_keyset *s);
bool sim_keyset_add(struct sim_keyset *s, unsigned long key);
int sim_keyset_add_index(struct sim_keyset *s, unsigned long key);
void sim_touch_clear(struct sim *sim);
void sim_touch_free(struct sim *sim);
void sim_touch_cache_drain(void);
int sim_page_class_rss(int cls);

/*
 * Isolation: may @reader see data @writer wrote at @wtime?  Yes if it
 * wrote it, or an ancestor of @reader wrote it before their lines parted
 * (harness/sim.c, the behaviour properties).
 */
bool sim_visible(const struct sim *sim, int writer, u64 wtime, int reader);

#endif /* MMSIM_HARNESS_HARNESS_H */
