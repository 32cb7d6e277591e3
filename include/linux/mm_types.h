/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/mm_types.h at v6.12: struct page (with the ptdesc
 * overlay of page-table pages), struct folio, struct mm_struct,
 * struct vm_area_struct, struct anon_vma and struct vm_fault.
 *
 * Deviations:
 * - large folios are PMD-sized (order 9) only, and a folio's tail pages
 *   are marked by a flag of their own (PG_sim_tail, linux/page-flags.h)
 *   rather than by bit 0 of compound_head; compound_head itself is kept as
 *   the distance to the head page, not a pointer, so that a copied memory
 *   map (sim_clone()) needs no fixing up.  Where the kernel's struct folio
 *   overlays the first tail page, so does the model's (struct folio
 *   below), on the words a tail page does not otherwise use;
 * - pt_mm is set for page-table pages of every level, not only x86 PGDs,
 *   as proposed by origin.pt-mm ("Record the mm_struct in the page table
 *   pages"); the invariant checker verifies it;
 * - a page-table page's 512 entries live in a separately allocated array
 *   (pt_table) because simulated memory does not store page contents;
 *   as in struct ptdesc, a page-table page's fields overlay those a data
 *   page uses: pt_mm is where ptdesc has pt_mm/pt_index (page->index), and
 *   pt_table is where ptdesc has ptl (page->private, a pointer to a
 *   separately allocated lock with ALLOC_SPLIT_PTLOCKS); code must test
 *   PageTable() before reading either meaning (mm_types.h: struct ptdesc);
 *   a data page's contents are one 64-bit value (sim_content), since
 *   scenarios store one value to every word of a page;
 * - struct page is 64 bytes, as in the kernel: the kernel's lru,
 *   memcg_data and compound fields make way for the model-only sim_content,
 *   sim_wstamp (the writer and time of the contents in one word), sim_use
 *   (the checker's tally, narrowed) and sim_gen (the allocation count,
 *   16 bits: a scenario label names a page by PFN and sim_gen, compared
 *   for equality when the label is checked (scenario/run.c), and would
 *   take another page for it only if its PFN were allocated a multiple of
 *   65536 times in between); the PFN is in the upper bits of flags
 *   (linux/page-flags-layout.h); there is no page_ext
 *   (mm/page_ext.c): the rare record of a violated precondition is
 *   kept by struct sim for the few pages that have one
 *   (sim_pgflags_bug());
 * - VMAs are kept on a sorted list (vm_next/vm_prev, as before v6.1)
 *   instead of a maple tree, and are merged only by madvise;
 * - shared anonymous memory is a shmem object modelled as a small
 *   struct address_space holding its pages by index.
 */
#ifndef MMSIM_LINUX_MM_TYPES_H
#define MMSIM_LINUX_MM_TYPES_H

#include <stddef.h>

#include "linux/kernel.h"
#include "linux/page-flags-layout.h"
#include "linux/pgtable.h"

struct sim;
struct mm_struct;

/* A swap entry, arch-independent (type and offset; see swapops.h). */
typedef struct {
	u64 val;
} swp_entry_t;

/*
 * Model-only, derived: what the invariant checker counts for a page,
 * kept up to date by the touch hooks (harness/touch.c) and set again by
 * every full check.  ptes counts every present, non-special PTE mapping
 * the page, wptes the writable ones, cache_refs the caches holding it;
 * cls is the class (enum sim_page_class of harness/harness.h) the page
 * had when ptes was last taken from 0, which says which rss counter the
 * PTEs were counted in.
 *
 * Narrow, so that struct page stays within 64 bytes: a count that would
 * leave its range (a KSM page can have more PTEs than a u16 counts)
 * sticks at its maximum, SIM_USE_SATURATED, which only the full check
 * counts past: the touch hook that saturates it sets touch_all, the
 * incremental check escalates on a touched page with a saturated count,
 * and the full check stores what it counted, saturated.
 */
struct sim_page_use {
	u16 ptes;
	u16 wptes;
	u8 cache_refs;
	u8 cls;
};

#define SIM_USE_SATURATED(field) ((typeof(field))~0)

/*
 * The fields shared by struct page and struct folio: both names of the
 * same memory, as in the kernel.
 */
#define __PAGE_FIELDS                                                         \
	unsigned long flags;                                                  \
	/* anon: struct anon_vma * | PAGE_MAPPING_ANON; shmem: the mapping */ \
	unsigned long mapping;                                                \
	/* ptdesc: a page-table page's pt_mm is where pt_index would be */    \
	union {                                                               \
		unsigned long index;                                          \
		struct mm_struct *pt_mm;                                      \
	};                                                                    \
	/* swap entry in the swap cache; ptdesc: pt_table is where ptl is */  \
	union {                                                               \
		unsigned long private;                                        \
		swp_entry_t swap;                                             \
		u64 *pt_table;                                                \
	};                                                                    \
	union {                                                               \
		int _mapcount;                                                \
		unsigned int page_type;                                       \
	};                                                                    \
	int _refcount;                                                        \
	/* model-only */                                                      \
	u64 sim_content;                                                      \
	/* who wrote sim_content, and when: page_writer(), page_wtime() */    \
	u64 sim_wstamp;                                                       \
	/* derived: the checker's tally (harness/touch.c) */                  \
	struct sim_page_use sim_use;                                          \
	/* history: how often the PFN was allocated, modulo 2^16 */           \
	u16 sim_gen;

struct page {
	__PAGE_FIELDS
};

/*
 * struct folio overlays the head page and, for a large folio only, the
 * first tail page (never read for a small folio: check folio_test_large()
 * first).  The kernel puts _large_mapcount, _entire_mapcount,
 * _nr_pages_mapped and _pincount in the first tail page after its
 * compound_head word, and the order in the low byte of its flags
 * (_flags_1); the model does the same on the words of a tail page that
 * hold nothing else: mapping and index take the four counts, private the
 * compound_head word every tail page has (the distance to the head), and
 * the low byte of the first tail page's flags the order.  Those low bits
 * are page flags (PG_locked..PG_waiters) no tail page uses.  A tail page's
 * own flags keep its PG_anon_exclusive and PG_hwpoison, and its _mapcount
 * its own PTE mappings, _refcount stays 0 (the head holds the folio's),
 * and the model-only words (contents, tallies) are per page, as before.
 */
struct folio {
	union {
		struct {
			__PAGE_FIELDS
		};
		struct page page;
	};
	union {
		struct {
			unsigned long _flags_1;
			/* page[1].mapping */
			int _large_mapcount;
			int _entire_mapcount;
			/* page[1].index */
			int _nr_pages_mapped;
			int _pincount;
			/* page[1].private: compound_head */
			unsigned long _head_1;
		};
		struct page __page_1;
	};
};

_Static_assert(offsetof(struct folio, _large_mapcount) ==
		       sizeof(struct page) + offsetof(struct page, mapping),
	       "folio counts overlay the first tail page's mapping");
_Static_assert(offsetof(struct folio, _nr_pages_mapped) ==
		       sizeof(struct page) + offsetof(struct page, index),
	       "folio counts overlay the first tail page's index");
_Static_assert(offsetof(struct folio, _head_1) ==
		       sizeof(struct page) + offsetof(struct page, private),
	       "compound_head is the first tail page's private word");

typedef struct page ptdesc_t;

/* As in the kernel (64-bit, no debug options): one cache line. */
_Static_assert(sizeof(struct page) <= 64, "struct page over 64 bytes");

/*
 * The PFN in the upper bits of page->flags (linux/page-flags-layout.h),
 * like page_to_section()/set_page_section() of include/linux/mm.h; here
 * rather than in mm.h because the page flag accessors need it.
 */
static inline unsigned long page_to_pfn(const struct page *page)
{
	return (page->flags >> SIM_PFN_PGSHIFT) & SIM_PFN_MASK;
}

static inline void set_page_pfn(struct page *page, unsigned long pfn)
{
	page->flags &= SIM_PAGE_FLAGS_MASK | 1UL << SIM_PAGE_TOUCHED_BIT;
	page->flags |= (pfn & SIM_PFN_MASK) << SIM_PFN_PGSHIFT;
}

/*
 * Model-only, history: sim_wstamp packs the writer of sim_content (an mm
 * id plus one in the low SIM_WRITER_BITS, 0: nobody, so that a zeroed page
 * was written by nobody) and the logical time of the write (sim->clock)
 * above it.  Hence at most SIM_MAX_MMS processes per machine (sim_fork()
 * and sim_process_create() refuse more with -EAGAIN).  Deviation: the
 * kernel's copy_process() refuses past max_threads *live* tasks; the
 * model counts every process the machine ever had, as mm ids are never
 * reused.  And at most 2^48 writes (sim->clock ticks once per write or
 * fork: out of reach, but checked).
 */
/* The SIGBUS si_codes a count is kept of: BUS_ADRALN (1) .. BUS_MCEERR_AO (5). */
#define SIM_NR_BUS_CODES 6

#define SIM_WRITER_BITS 16
#define SIM_MAX_MMS ((1U << SIM_WRITER_BITS) - 1)
#define SIM_WTIME_MAX ((1ULL << (64 - SIM_WRITER_BITS)) - 1)

/* The mm id that wrote @page's contents, -1 for nobody. */
static inline int page_writer(const struct page *page)
{
	return (int)(page->sim_wstamp & SIM_MAX_MMS) - 1;
}

static inline u64 page_wtime(const struct page *page)
{
	return page->sim_wstamp >> SIM_WRITER_BITS;
}

/* sim_wstamp for a write by @writer (-1: nobody) at @wtime. */
static inline u64 sim_wstamp(int writer, u64 wtime)
{
	if (writer < -1 || writer >= (int)SIM_MAX_MMS || wtime > SIM_WTIME_MAX)
		__builtin_trap();
	return wtime << SIM_WRITER_BITS | (u64)(writer + 1);
}

static inline void page_set_written(struct page *page, int writer, u64 wtime)
{
	page->sim_wstamp = sim_wstamp(writer, wtime);
}

struct anon_vma {
	struct anon_vma *root;
	struct anon_vma *parent;
	int refcount;
	/* Model-only: stable identity for hashing and copying. */
	unsigned int sim_id;
	struct anon_vma *sim_next;
};

/*
 * A shmem object (tmpfs inode and its mapping): the object of a shared
 * anonymous mapping (shmem_zero_setup) or a memfd (shmem_file_setup).
 * Deviation: the kernel's i_pages xarray holds a folio or a swap entry
 * (a value entry) per index; the model keeps two arrays, @pages and
 * @swap, at most one of them set per index.  The size is fixed
 * (i_size: no truncation or fallocate).
 */
struct address_space {
	struct page **pages;
	swp_entry_t *swap;
	unsigned long nr_pages;
	/* Model-only: the machine, as a folio's is its memmap's. */
	struct sim *sim;
	int refcount;
	unsigned int sim_id;
	struct address_space *sim_next;
	/*
	 * A tmpfs object (shmem_mapping: swap-backed pages, swap entries);
	 * false for a regular file of a disk file system (mm/filemap.c).
	 */
	bool shmem;
};

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
	unsigned long vm_flags;
	unsigned long vm_pgoff;
	struct anon_vma *anon_vma;
	/* Non-NULL for file mappings: shmem (memfd, shared anon) or regular. */
	struct address_space *vm_mapping;
	/*
	 * VMA swap readahead's history (mm/swap_state.c, SWAP_RA_VAL): the
	 * last swap fault's page address, its window and the readahead
	 * hits since; 0 until the first swap fault.  Copied with the VMA
	 * (vm_area_dup: fork, split, mremap).
	 */
	unsigned long swap_readahead_info;
	struct vm_area_struct *vm_next, *vm_prev;
};

/*
 * A userfaultfd context (fs/userfaultfd.c's struct userfaultfd_ctx), as
 * far as write-protection needs one.  Deviation: the kernel points each
 * registered VMA at its context (vm_userfaultfd_ctx) and a process may
 * open many; the model gives each process at most one, embedded in its
 * mm, and every VMA with VM_UFFD_WP belongs to it.  @faults is the
 * count kept by the process's handler thread (user memory, which
 * `expect P uffd-faults N` reads), so it is state.
 */
struct userfaultfd_ctx {
	unsigned long faults;
	unsigned int features; /* UFFD_FEATURE_* (userfaultfd_k.h) */
	bool open;
};

enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES, NR_MM_COUNTERS };

/*
 * mm/ksm.c's ksm_rmap_item as far as the model needs it: an address of a
 * mergeable VMA where ksmd found an anon page in its last scan, the
 * checksum of that page's contents then (0 before the first), and the
 * PFN of the KSM page whose stable node lists it (rmap_item->head with
 * STABLE_FLAG; 0: none).  An item stays listed after its address stopped
 * mapping that page (a write copied it) until a scan reaches the address
 * again, as in the kernel (remove_rmap_item_from_tree).
 */
struct ksm_rmap_item {
	unsigned long address;
	u64 oldchecksum;
	unsigned long kpfn;
};

/*
 * mm/ksm.c's ksm_stable_node as far as the model needs it: the KSM page
 * (kpfn) and the number of rmap_items listing it (rmap_hlist_len,
 * derived: it follows from the mms' ksm_rmap_items, and is kept so that
 * a KSM page with many mappings is not counted again at every merge).
 * There are no chain nodes: a chain is the stable nodes of one contents
 * (struct sim's ksm_dups).
 */
struct ksm_stable_node {
	unsigned long kpfn;
	unsigned int rmap_hlist_len;
};

/* mm->flags bits (include/linux/sched/coredump.h). */
#define MMF_HAS_PINNED 27

struct mm_struct {
	struct sim *sim;
	unsigned int mm_id;
	struct page *pgd;
	struct vm_area_struct *mmap;
	unsigned long flags;
	long rss_stat[NR_MM_COUNTERS];
	/* Odd while fork copies the page tables (copy_page_range). */
	unsigned int write_protect_seq;
	unsigned long mmap_base;
	/* Model-only: the last PTE table walked to (memory.c), derived. */
	unsigned long sim_walk_base;
	struct page *sim_walk_table;
	/* Model-only: the lineage, for the isolation property. */
	int sim_parent;
	u64 sim_fork_time;
	int map_count;
	bool dead;
	/* Model-only, derived: exit_mmap() is tearing the mm down. */
	bool sim_exiting;
	/* Model-only, derived: rss_stat as the PTEs say (harness/touch.c). */
	long sim_rss[NR_MM_COUNTERS];
	/* The process's userfaultfd, if it opened one. */
	struct userfaultfd_ctx uffd_ctx;
	/*
	 * Model-only: what the task_struct of the process's one thread
	 * would say about memory failure.  sim_mce_kill is its PR_MCE_KILL
	 * setting (PF_MCE_PROCESS and PF_MCE_EARLY of kernel/sys.c,
	 * SIM_MCE_KILL_* of mmsim.h), which fork keeps as copy_process
	 * keeps the task flags; sim_sigbus counts the SIGBUS signals the
	 * process caught, by si_code (BUS_ADRERR .. BUS_MCEERR_AO), as the
	 * handler every scenario process installs would.
	 */
	u8 sim_mce_kill;
	unsigned int sim_sigbus[SIM_NR_BUS_CODES];
	/*
	 * KSM's rmap_items of this mm (the kernel's mm_slot->rmap_list), in
	 * address order: what the last scan saw (mm/ksm.c).
	 */
	struct ksm_rmap_item *ksm_rmap_items;
	unsigned int ksm_nr_rmap_items;
};

typedef unsigned int vm_fault_t;

struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;
	unsigned int flags;
	/* The PMD entry of address. */
	pmd_t *pmd;
	pte_t *pte;
	pte_t orig_pte;
	struct page *page;
	/* do_cow_fault's new anon page. */
	struct page *cow_page;
};

#endif /* MMSIM_LINUX_MM_TYPES_H */
