/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model-only: struct sim, the whole state of one simulated machine
 * (physical memory, processes, anon_vmas, shmem objects, GUP handles,
 * counters): what the kernel keeps in globals (mem_map, swap_info[], the
 * task list).  There is no global state anywhere in the model, so a
 * struct sim can be cloned, hashed and compared (harness/state.c).
 */
#ifndef MMSIM_LINUX_SIM_MACHINE_H
#define MMSIM_LINUX_SIM_MACHINE_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "linux/mm.h"
#include "linux/sim_hooks.h"
#include "linux/sim_policy.h"
#include "linux/swapops.h"

struct swap_info_struct;

/* A GUP reference held by a scenario handle (a pipe, a DMA engine...). */
struct sim_pin {
	struct page *page;
	unsigned int gup_flags;
	unsigned int mm_id;
	unsigned long address;
	/*
	 * The reference is tied to the process's mapping of that address
	 * until the mapping goes (munmap, MADV_DONTNEED, exit); the
	 * properties are checked only while it is.
	 */
	bool connected;
	bool stale_reported;
};

struct sim {
	/* Must come first: the hooks header reads it (sim_hooks_of). */
	struct sim_hooks hooks;

	/* Simulated physical memory: pages in chunks that never move. */
	struct sim_chunk **chunks;
	unsigned long nr_chunks;
	unsigned long nr_pfns;
	unsigned long *free_pfns;
	unsigned long nr_free, free_cap;
	unsigned long nr_allocated;
	/* The huge zero folio's PFN, 0 until its first use (huge_memory.c). */
	unsigned long huge_zero_pfn;
	/*
	 * The THP orders a VM_HUGEPAGE VMA may get (the machine's
	 * hugepages-NkB/enabled set to madvise; every other size never):
	 * BIT(HPAGE_PMD_ORDER) by default, as on the host (huge_mm.h).
	 */
	unsigned long thp_orders;

	struct mm_struct **mms;
	unsigned int nr_mms, mms_cap;

	struct anon_vma *anon_vmas;
	unsigned int next_anon_vma_id;
	struct address_space *mappings;
	unsigned int next_mapping_id;

	struct sim_pin *pins;
	unsigned int nr_pins, pins_cap;

	/* Swap devices by type (swap_info[] of mm/swapfile.c). */
	struct swap_info_struct *swap_info[MAX_SWAPFILES];
	unsigned int nr_swapfiles;
	/*
	 * Cluster swap readahead's machine-wide history (mm/swap_state.c:
	 * swapin_nr_pages' static prev_offset and last_readahead_pages, and
	 * swapin_readahead_hits, which starts at 4).
	 */
	unsigned long swap_ra_prev_offset;
	unsigned int swap_ra_last_pages;
	unsigned int swap_ra_hits;
	/* 6.12's swap_slot_cache_active (mm/swap_slots.c), machine-wide. */
	bool swap_slots_active;

	unsigned long events[NR_SIM_EVENTS];
	/* THP counters by folio order (count_thp_event): history too. */
	unsigned long thp_events[NR_SIM_THP_EVENTS][SIM_THP_MAX_ORDER + 1];

	/* Logical time of writes and forks, for the behaviour properties. */
	u64 clock;

	/* The design being modelled (harness/policy.c). */
	struct sim_policy policy;

	/*
	 * KSM's stable nodes (mm/ksm.c): the KSM pages' PFNs in the order
	 * their chains list them, most recently added or moved first
	 * (stable_node_chain_add_dup, stable_node_dup's move to the head);
	 * a chain is the entries of one contents.  An entry whose page is no
	 * longer a KSM page is stale, as the kernel's until ksm_get_folio
	 * meets it.  ksm_max_page_sharing: /sys/kernel/mm/ksm/
	 * max_page_sharing, 256 by default.
	 */
	struct ksm_stable_node *ksm_dups;
	unsigned int ksm_nr_dups, ksm_dups_cap;
	unsigned int ksm_max_page_sharing;

	/*
	 * sysctl vm.memory_failure_early_kill (mm/memory-failure.c): a
	 * process that did not choose with PR_MCE_KILL gets BUS_MCEERR_AO
	 * as soon as a page it maps is poisoned, not only when it touches it.
	 */
	bool sysctl_memory_failure_early_kill;

	/*
	 * What changed since the last check (harness/touch.c): history,
	 * not state; a clone starts with touch_all instead.
	 */
	struct sim_touched *touched;

	/* VM_WARN_ON hits since the last sim_check(), reported there. */
	struct sim_violation warnings[8];
	unsigned int nr_warnings;

	/*
	 * Pages whose accessors were called against their preconditions
	 * (VM_BUG_ON_PGFLAGS), the first violation of each, until a check
	 * reports them: history, not state.  Kept here rather than in every
	 * struct page (it would not fit in 64 bytes) as they are rare; past
	 * the table's room only a count is kept, and the next check is the
	 * full one, which reports it (harness/sim.c: sim_pgflags_bug).
	 */
	struct sim_page_bug {
		unsigned long pfn;
		const char *what;
	} page_bugs[8];
	unsigned int nr_page_bugs;
	unsigned int page_bugs_lost;

	/*
	 * Host memory, not state: the end of the allocation that begins
	 * with this struct.  A copy (sim_clone) puts its objects and arrays
	 * there too, which go with the machine, never one by one
	 * (sim_obj_free).  NULL: each is its own allocation.
	 */
	const char *block_end;
};

/*
 * "exclusive " in a trace line about a new anon page, under a design that
 * has PG_anon_exclusive (v5.19+): before, no page is marked exclusive,
 * and the line would say what the design does not know.
 */
static inline const char *sim_excl(const struct sim *sim)
{
	return sim->policy.anon_exclusive ? "exclusive " : "";
}

/* Whether @p lies in @sim's own allocation, past the struct (sim_clone). */
static inline bool sim_in_block(const struct sim *sim, const void *p)
{
	uintptr_t a = (uintptr_t)p;

	return a > (uintptr_t)sim && a < (uintptr_t)sim->block_end;
}

/*
 * sim_obj_free - free() of one of @sim's objects (an mm_struct, VMA,
 * anon_vma, address_space, swap device) or arrays (a device's clusters
 * and per-slot arrays, sim_obj_realloc's), unless it lies in @sim's own
 * allocation (sim_clone), which sim_destroy() frees whole.
 */
static inline void sim_obj_free(const struct sim *sim, void *p)
{
	if (!sim_in_block(sim, p))
		free(p);
}

/*
 * sim_obj_realloc - realloc() of one of @sim's growing arrays (mms,
 * chunks, free PFNs, stable nodes, pins) from @old to @size bytes; one
 * in @sim's own allocation moves out of it.  Never fails.
 */
static inline void *sim_obj_realloc(const struct sim *sim, void *p, size_t old,
				    size_t size)
{
	void *q;

	if (!sim_in_block(sim, p)) {
		q = realloc(p, size);
	} else {
		q = malloc(size);
		if (q)
			memcpy(q, p, old < size ? old : size);
	}
	if (!q)
		abort();
	return q;
}

/*
 * for_each_mm - every live process's mm_struct, in mm id order: the
 * model's stand-in for the kernel's for_each_process() followed to each
 * task's mm (the kernel keeps no list of mms).  @i, an unsigned int, is
 * the mm id.  An exited process's mm stays in sim->mms, marked dead
 * (mmput), and is skipped.  A process the body creates (fork) is visited
 * too: sim->nr_mms and sim->mms are read again at every step.
 */
#define for_each_mm(sim, mm, i)                \
	for_each_mm_including_dead(sim, mm, i) \
		if ((mm)->dead) {              \
		} else

/* for_each_mm with the exited processes' (dead) mm_structs as well. */
#define for_each_mm_including_dead(sim, mm, i) \
	for ((i) = 0; (i) < (sim)->nr_mms && ((mm) = (sim)->mms[(i)], 1); (i)++)

/* The room sim->chunks has for @nr chunks: it doubles as it fills. */
static inline unsigned long sim_chunks_cap(unsigned long nr)
{
	unsigned long cap = 1;

	while (cap < nr)
		cap *= 2;
	return nr ? cap : 0;
}

/* mm/page_alloc.c's memory map: chunks that never move. */
static inline struct page *pfn_to_page(struct sim *sim, unsigned long pfn)
{
	return &sim->chunks[pfn >> SIM_CHUNK_SHIFT]
			->pages[pfn & (SIM_CHUNK_PAGES - 1)];
}

static inline struct sim *vma_sim(const struct vm_area_struct *vma)
{
	return vma->vm_mm->sim;
}

static inline const struct sim_policy *
vma_policy(const struct vm_area_struct *vma)
{
	return &vma->vm_mm->sim->policy;
}

static inline const struct sim_policy *folio_policy(const struct folio *folio)
{
	return &folio_sim(folio)->policy;
}

static inline struct page *sim_zero_page(struct sim *sim)
{
	return pfn_to_page(sim, SIM_ZERO_PFN);
}

static inline void count_sim_event(struct sim *sim, enum sim_event ev)
{
	sim->events[ev]++;
}

/*
 * count_thp_event - count_vm_event of a thp_* line for a PMD-size folio
 * and count_mthp_stat of the folio's size (orders 1..9).
 */
static inline void count_thp_event(struct sim *sim, unsigned int order,
				   enum sim_thp_event ev)
{
	if (order && order <= SIM_THP_MAX_ORDER)
		sim->thp_events[ev][order]++;
}

#endif /* MMSIM_LINUX_SIM_MACHINE_H */
