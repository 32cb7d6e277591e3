/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model-only: the seam between the modelled kernel and the simulator that
 * runs it, as the arch hooks are between generic mm and arch code.  The
 * model (mm/, kernel/, arch/, include/linux/) reaches the simulator only
 * through what is declared here, and the harness (harness/) provides it:
 *
 *  - sim_trace(): one line per kernel path taken, for --trace; free when
 *    no trace hook is set;
 *  - sim_warn() and VM_WARN_ON(): a state the model itself must never
 *    reach, reported by the next invariant check instead of a crash;
 *  - the event counters (enum sim_event) and the violation record, which
 *    are part of the public API (include/mmsim.h).
 */
#ifndef MMSIM_LINUX_SIM_HOOKS_H
#define MMSIM_LINUX_SIM_HOOKS_H

#include "mmsim.h"

struct sim;

/*
 * The touched pages (harness/touch.c): their PFNs in the order touched,
 * each page marked with SIM_PAGE_TOUCHED_BIT while listed
 * (linux/page-flags-layout.h), so that listing is a bit test; room for
 * @cap, at most @limit (cap never exceeds it).
 */
struct sim_pagelist {
	unsigned long *keys;
	unsigned int n, cap, limit;
};

/*
 * The first member of struct sim: what the hooks look at inline, so that
 * a hook that has nothing to do costs a load and a branch.
 */
struct sim_hooks {
	sim_trace_fn trace;
	void *trace_ctx;
	/*
	 * The touched set overflowed (or was never valid): nothing is
	 * recorded until the next full check, which the next incremental
	 * one becomes.
	 */
	bool touch_all;
	/* Here, not in struct sim_touched: a page is listed inline. */
	struct sim_pagelist pages;
};

static inline const struct sim_hooks *sim_hooks_of(const struct sim *sim)
{
	return (const struct sim_hooks *)(const void *)sim;
}

static inline struct sim_hooks *sim_hooks_mut(struct sim *sim)
{
	return (struct sim_hooks *)(void *)sim;
}

void __sim_trace(struct sim *sim, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The arguments are not even evaluated when no trace hook is set. */
#define sim_trace(sim_, ...)                                          \
	do {                                                          \
		struct sim *__ts = (sim_);                            \
                                                                      \
		if (__builtin_expect(!!sim_hooks_of(__ts)->trace, 0)) \
			__sim_trace(__ts, __VA_ARGS__);               \
	} while (0)

/*
 * What a statement touched, for sim_check_changed() (harness/touch.c):
 * each hook records one object the model changed, and keeps the tallies
 * the full check would count (PTEs per page and per swap slot, rss per
 * mm, cache references) up to date.  Nothing is recorded while
 * touch_all is set.
 */
struct page;
struct mm_struct;
void __sim_touch_page(struct page *page);
void __sim_touch_pte(struct mm_struct *mm, unsigned long addr,
		     unsigned long long oldval, unsigned long long newval);
void __sim_touch_slot(struct sim *sim, unsigned long long entry);
void __sim_touch_table(struct sim *sim, struct page *table);
void __sim_touch_mm(struct mm_struct *mm);
void __sim_touch_cache(struct sim *sim, struct page *old, struct page *new);
void __sim_touch_shmem_swap(struct sim *sim, unsigned long long entry,
			    int delta);
void __sim_touch_vmas(struct mm_struct *mm, unsigned long start,
		      unsigned long end);
void sim_touch_all(struct sim *sim);

#define __sim_touching(sim_) (!sim_hooks_of(sim_)->touch_all)
/*
 * A page's flags, refcount, mapcount, mapping or swap entry changed.  A
 * page listed already says so in its flags: nothing else to look at.  A
 * small page is listed inline while the list has room; a large folio's
 * page, or a list that must grow first, goes to __sim_touch_page().
 * While touch_all is set, nothing is listed, but the page is marked all
 * the same: its next touches are a bit test, not a page_sim() and a look
 * at touch_all each.  The next check is then the full one, which clears
 * every page's mark (resync_tallies, harness/check.c), so that a marked
 * page is one listed or one of a machine with touch_all set.
 */
#define sim_touch_page(page_)                                        \
	do {                                                         \
		struct page *__tpg = (page_);                        \
                                                                     \
		if (!(__tpg->flags & (1UL << SIM_PAGE_TOUCHED_BIT))) \
			sim_touch_page_of(page_sim(__tpg), __tpg);   \
	} while (0)
/*
 * sim_touch_page() of a page of @sim, for a loop that knows it: no
 * page_sim() per page.
 */
#define sim_touch_page_of(sim_, page_)                                    \
	do {                                                              \
		struct page *__tp = (page_);                              \
		struct sim_hooks *__th = sim_hooks_mut(sim_);             \
		struct sim_pagelist *__tl = &__th->pages;                 \
                                                                          \
		if (__tp->flags & (1UL << SIM_PAGE_TOUCHED_BIT))          \
			break;                                            \
		if (__th->touch_all) {                                    \
			__tp->flags |= 1UL << SIM_PAGE_TOUCHED_BIT;       \
			break;                                            \
		}                                                         \
		if (__tl->n < __tl->cap &&                                \
		    !(__tp->flags & (BIT(PG_head) | BIT(PG_sim_tail)))) { \
			__tl->keys[__tl->n++] = page_to_pfn(__tp);        \
			__tp->flags |= 1UL << SIM_PAGE_TOUCHED_BIT;       \
		} else {                                                  \
			__sim_touch_page(__tp);                           \
		}                                                         \
	} while (0)
/* The PTE of @addr in @mm went from @oldval to @newval. */
#define sim_touch_pte(mm_, addr_, oldval_, newval_)                            \
	do {                                                                   \
		if (__sim_touching((mm_)->sim))                                \
			__sim_touch_pte((mm_), (addr_), (oldval_), (newval_)); \
	} while (0)
/*
 * PTE changes in one PTE table, recorded by a loop over the table (fork,
 * zap) and handed to the hooks a batch at a time: the same as
 * sim_touch_pte() for each, in order, without a call per PTE.  Only
 * changes made while __sim_touching() are recorded; a change of the
 * model a hook looks at (a page's class, its tallies) must not come
 * between a change and its flush, so only PTEs whose page stays as it is
 * until then may be batched (which the callers say).
 */
#define SIM_PTE_BATCH 64
struct sim_pte_change {
	unsigned long long oldval, newval;
	/*
	 * The page the new PTE maps, or the old one if the new one is none:
	 * a small page (no large folio's) of the memory map, by a PTE that
	 * is present and not special; NULL if the caller does not say.  The
	 * hook then need not find it (it still finds that an old PTE that is
	 * not none maps the same PFN, or takes the change the slow way).
	 */
	struct page *page;
	unsigned int idx; /* of the PTE in its table */
	unsigned int which; /* index of its mm in mm[] */
};
struct sim_pte_batch {
	struct mm_struct *mm[2];
	/* Fork's: the VMAs of the run in mm[0] and mm[1] (else unused). */
	struct vm_area_struct *vma[2];
	unsigned long base; /* the address of the table's first PTE */
	unsigned int nr;
	struct sim_pte_change e[SIM_PTE_BATCH];
};
void __sim_touch_pte_batch(struct sim_pte_batch *b);

static inline void sim_pte_batch_add(struct sim_pte_batch *b,
				     unsigned int which, unsigned int idx,
				     unsigned long long oldval,
				     unsigned long long newval,
				     struct page *page)
{
	struct sim_pte_change *e = &b->e[b->nr];

	e->oldval = oldval;
	e->newval = newval;
	e->page = page;
	e->idx = idx;
	e->which = which;
	if (++b->nr == SIM_PTE_BATCH)
		__sim_touch_pte_batch(b);
}

/*
 * The PTE changes of a run of fork's copy in one table (mm/memory.c
 * copy_small_anon_ptes), from index @from up to @to, the same as
 * sim_touch_pte() for each in order: at each index set in @copied, the
 * parent's PTE (of b->mm[0]) write-protected if the index is set in
 * @wrprotected too (it was @src's entry with _PAGE_RW), then the child's
 * (of b->mm[1]) mapped where it was none, to @dst's entry, a present,
 * not special PTE of a small page of the memory map.  Nothing else
 * changed since: the entries are as the run left them.
 */
void __sim_touch_fork_run(struct sim_pte_batch *b, const u64 *src,
			  const u64 *dst, const u64 *copied,
			  const u64 *wrprotected, unsigned int from,
			  unsigned int to);
#define sim_touch_fork_run(b_, src_, dst_, copied_, wp_, from_, to_)          \
	do {                                                                  \
		if (__sim_touching((b_)->mm[0]->sim))                         \
			__sim_touch_fork_run((b_), (src_), (dst_), (copied_), \
					     (wp_), (from_), (to_));          \
	} while (0)

static inline void sim_pte_batch_flush(struct sim_pte_batch *b)
{
	if (b->nr)
		__sim_touch_pte_batch(b);
}

/* An rss counter of @mm changed. */
#define sim_touch_mm(mm_)                       \
	do {                                    \
		if (__sim_touching((mm_)->sim)) \
			__sim_touch_mm((mm_));  \
	} while (0)
/* A swap slot's swap_map entry changed. */
#define sim_touch_slot(sim_, entry_)                            \
	do {                                                    \
		if (__sim_touching(sim_))                       \
			__sim_touch_slot((sim_), (entry_).val); \
	} while (0)
/*
 * A page-table page was linked, unlinked, allocated or freed.  Its mm's
 * tables are walked by the next check: the pt_mm the table has when the
 * hook runs (pagetable_alloc() and pagetable_free() call it while pt_mm
 * is set), else the one the check finds, else every mm.
 */
#define sim_touch_table(sim_, table_)                        \
	do {                                                 \
		if (__sim_touching(sim_))                    \
			__sim_touch_table((sim_), (table_)); \
	} while (0)
/* A swap cache or shmem slot went from holding @old to @new. */
#define sim_touch_cache(sim_, old_, new_)                          \
	do {                                                       \
		if (__sim_touching(sim_))                          \
			__sim_touch_cache((sim_), (old_), (new_)); \
	} while (0)
/*
 * A shmem object's swap entry @entry_ was set (@delta_ 1) or cleared
 * (-1): it is a user of its slot, as a swap PTE is.
 */
#define sim_touch_shmem_swap(sim_, entry_, delta_)                   \
	do {                                                         \
		if (__sim_touching(sim_))                            \
			__sim_touch_shmem_swap((sim_), (entry_).val, \
					       (delta_));            \
	} while (0)
/* The VMAs of [@start, @end) in @mm changed (flags, unmapped). */
#define sim_touch_vmas(mm_, start_, end_)                          \
	do {                                                       \
		if (__sim_touching((mm_)->sim))                    \
			__sim_touch_vmas((mm_), (start_), (end_)); \
	} while (0)

void sim_warn(struct sim *sim, const char *where, const char *what);
#define VM_WARN_ON(sim, cond) \
	((cond) ? sim_warn((sim), __func__, #cond) : (void)0)

#endif /* MMSIM_LINUX_SIM_HOOKS_H */
