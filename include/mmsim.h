/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmsim - an executable model of Linux anonymous memory.
 *
 * The public interface, used by the CLI, the scenario runner, the tests and
 * the benchmarks.  A struct sim is one simulated machine; processes are
 * numbered mm ids; addresses are user virtual addresses; every call returns
 * 0 or a negative errno unless documented otherwise.
 */
#ifndef MMSIM_H
#define MMSIM_H

/* The version of mmsim and of this interface (the Makefile reads it). */
#define MMSIM_VERSION "0.2.0"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct sim;

/* Counters of the kernel paths taken (a model-side /proc/vmstat). */
enum sim_event {
	SIM_PGFAULT,
	SIM_PGREUSE, /* do_wp_page reused the page */
	SIM_COW_COPY, /* wp_page_copy or do_cow_fault for a write fault */
	SIM_UNSHARE_COPY, /* wp_page_copy for FAULT_FLAG_UNSHARE */
	SIM_FORK_COPY, /* copy_present_page: maybe-pinned page at fork */
	SIM_ZERO_MAP, /* read fault mapped the shared zero page */
	SIM_GUP_FAST_FALLBACK,
	/*
	 * a fault allocated a THP: thp_fault_alloc for the PMD size, the
	 * per-size anon_fault_alloc (mTHP stats) for the others
	 */
	SIM_THP_FAULT_ALLOC,
	NR_SIM_EVENTS
};

/*
 * THP counters by folio order (0..9): the PMD order's are /proc/vmstat's
 * thp_* lines, every order's the per-size stats of
 * /sys/kernel/mm/transparent_hugepage/hugepages-NkB/stats/ (which the
 * kernel keeps for the PMD size too).
 */
enum sim_thp_event {
	/* thp_fault_alloc, anon_fault_alloc: a fault mapped a new THP */
	SIM_THP_EV_FAULT_ALLOC,
	/* thp_swpout, swpout: a large folio written to swap whole */
	SIM_THP_EV_SWPOUT,
	/* thp_swpout_fallback, swpout_fallback: split to be swapped */
	SIM_THP_EV_SWPOUT_FALLBACK,
	/* swpin (6.13+): a fault read a large folio from swap whole */
	SIM_THP_EV_SWPIN,
	/* thp_split_pmd: a huge PMD was split into PTEs (PMD order only) */
	SIM_THP_EV_SPLIT_PMD,
	/* thp_split_page, split: a large folio was split into small ones */
	SIM_THP_EV_SPLIT,
	/*
	 * thp_deferred_split_page, split_deferred: a large anon folio became
	 * partially mapped and was queued for the deferred split shrinker
	 */
	SIM_THP_EV_SPLIT_DEFERRED,
	NR_SIM_THP_EVENTS
};
#define SIM_THP_MAX_ORDER 9

typedef void (*sim_trace_fn)(void *ctx, const char *msg);

struct sim *sim_create(void);
void sim_destroy(struct sim *sim);
struct sim *sim_clone(const struct sim *sim);
/*
 * sim_destroy() keeps some host memory of the machine for this thread's
 * next ones; a thread that ends gives it back with this.
 */
void sim_thread_cache_drain(void);
uint64_t sim_hash(const struct sim *sim);
bool sim_equal(const struct sim *a, const struct sim *b);
/*
 * sim_hash() and, for every page's and swap slot's contents, which live
 * processes the isolation property lets see them: two states with the
 * same value lead to the same behaviour properties too (mmsim explore).
 */
uint64_t sim_hash_history(const struct sim *sim);
/*
 * sim_hash_history() up to a renaming of the live processes, of the
 * pages [start, start + npages pages) of every process when they are
 * interchangeable, and of the values written (contents are compared only
 * for equality and with 0): the least over the orders tried
 * (docs/state.md).  @next: for each live process in mm id order, the
 * value it writes next; @page_values: a value per page (a device's
 * writes there), renamed with its page.  @ksm: a KSM pass may come, whose
 * outcome depends on the order of pages with the same contents: then such
 * states keep their order.
 */
struct sim_sym {
	const uint64_t *next;
	unsigned long start;
	unsigned int npages;
	const uint64_t *page_values;
	bool ksm;
	/* Swap faults may come: their readahead window tells pages apart. */
	bool swap;
};
uint64_t sim_hash_history_sym(const struct sim *sim, const struct sim_sym *sym);
void sim_set_trace(struct sim *sim, sim_trace_fn fn, void *ctx);
/*
 * The design to model (see 'mmsim policies'), before any operation:
 * "latest" (the default), "v5.7" ... "v5.19", optionally with knobs
 * ("v5.19,swp_exclusive=off").  Returns 0 or -EINVAL.
 */
int sim_set_policy(struct sim *sim, const char *spec);
const char *sim_policy_name(const struct sim *sim);
bool sim_policy_has_anon_exclusive(const struct sim *sim);
unsigned long sim_event_count(const struct sim *sim, enum sim_event ev);
/* A THP counter of folios of @order (0..SIM_THP_MAX_ORDER). */
unsigned long sim_thp_event_count(const struct sim *sim, enum sim_thp_event ev,
				  unsigned int order);

/* Processes. */
int sim_process_create(struct sim *sim); /* an mm id >= 0, or -EAGAIN */
int sim_fork(struct sim *sim, int mm_id); /* the child's id, or -errno */
int sim_exit(struct sim *sim, int mm_id);
bool sim_process_alive(const struct sim *sim, int mm_id);
unsigned long sim_teardown(struct sim *sim);

/* Memory map.  prot: PROT_* of <sys/mman.h>; shared: MAP_SHARED. */
int sim_mmap(struct sim *sim, int mm_id, unsigned long npages, int prot,
	     bool shared, unsigned long *addr);
/* A new memfd of @npages, mapped whole (MAP_SHARED if @shared). */
int sim_mmap_shmem(struct sim *sim, int mm_id, unsigned long npages, int prot,
		   bool shared, unsigned long *addr);
/*
 * A new file of @npages mapped whole: a memfd (@shmem) or a regular file
 * of a disk file system, made with O_TMPFILE and ftruncate (a hole).
 */
int sim_mmap_file(struct sim *sim, int mm_id, unsigned long npages, int prot,
		  bool shared, bool shmem, unsigned long *addr);
int sim_mremap(struct sim *sim, int mm_id, unsigned long addr,
	       unsigned long npages, unsigned long *new_addr);
int sim_munmap(struct sim *sim, int mm_id, unsigned long addr,
	       unsigned long npages);
int sim_mprotect(struct sim *sim, int mm_id, unsigned long addr,
		 unsigned long npages, int prot);
int sim_madvise(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages, int advice);
/*
 * mlock(2) (@lock) or munlock(2).  mlock populates the range: a private
 * writable mapping with write faults, which break COW.
 */
int sim_mlock(struct sim *sim, int mm_id, unsigned long addr,
	      unsigned long npages, bool lock);

/*
 * User accesses.  Return 0, or the number of the signal the access raised
 * (SIGSEGV, SIGBUS) as a positive value; a SIGBUS carries its si_code
 * (BUS_ADRERR, BUS_MCEERR_AR) above the number: SIM_SIG_CODE().
 */
#define SIM_SIG_CODE(sig, code) ((sig) | ((code) << 8))
#define SIM_SIG_NR(v) ((v)&0xff)
#define SIM_SIG_CODE_OF(v) ((v) >> 8)
int sim_load(struct sim *sim, int mm_id, unsigned long addr, uint64_t *val);
int sim_store(struct sim *sim, int mm_id, unsigned long addr, uint64_t val);

/* GUP on one page; returns a handle >= 0 or -errno. */
#define SIM_GUP_WRITE (1U << 0)
#define SIM_GUP_PIN (1U << 1) /* FOLL_PIN; otherwise FOLL_GET */
#define SIM_GUP_LONGTERM (1U << 2)
#define SIM_GUP_FAST (1U << 3)
int sim_gup(struct sim *sim, int mm_id, unsigned long addr, unsigned int how);
int sim_unpin(struct sim *sim, int handle);
int sim_dma_read(struct sim *sim, int handle, uint64_t *val);
int sim_dma_write(struct sim *sim, int handle, uint64_t val);

/*
 * Swap, migration, KSM.  sim_swapdev replaces the swap device (only while
 * nothing is swapped out): sync = SWP_SYNCHRONOUS_IO (zram-like), else a
 * swap file; slow_writeback keeps written pages under writeback until
 * sim_writeback_done().  sim_swapout is MADV_PAGEOUT.  sim_migrate returns
 * 0, -EBUSY (maybe pinned) or -EAGAIN (extra references).  sim_ksm runs
 * @scans full KSM scans (0: SIM_KSM_SCANS, what a `ksm` statement lets
 * ksmd do on the kernel) and returns the number of PTEs merged.
 */
#define SIM_KSM_SCANS 3
int sim_swapdev(struct sim *sim, unsigned int nslots, bool sync,
		bool stable_writes, bool slow_writeback);
int sim_swapout(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages);
int sim_swapoff(struct sim *sim);
int sim_migrate(struct sim *sim, int mm_id, unsigned long addr);
long sim_ksm(struct sim *sim, unsigned int scans);
/*
 * /sys/kernel/mm/ksm/max_page_sharing (256 at first): the most mappings
 * one KSM page takes before another of the same contents is made.
 * -EINVAL below 2, -EBUSY while a KSM page is mapped or rmap_items list
 * one, even a freed one until the next scan drops them.
 */
int sim_ksm_max_page_sharing(struct sim *sim, unsigned int knob);
/*
 * The deferred split shrinker (deferred_split_scan) over every partially
 * mapped large anon folio: returns how many it split.
 */
long sim_deferred_split(struct sim *sim);
/*
 * THP (anonymous: PMD-size and mTHP).  sim_split: __split_huge_pmd of the huge
 * PMD that maps @addr, if one does.  sim_thp_in_range: whether a page of
 * a large folio (or the huge zero page) is mapped in [@addr, @addr +
 * @npages pages) of @mm_id, or anywhere at all if @mm_id is -1, for the
 * paths that do not handle THPs yet.
 */
int sim_split(struct sim *sim, int mm_id, unsigned long addr);

/*
 * Soft-dirty: sim_clear_refs is a write of @type to /proc/PID/clear_refs
 * (fs/proc/task_mmu.c); the model has type 4, SIM_CLEAR_REFS_SOFT_DIRTY.
 */
#define SIM_CLEAR_REFS_SOFT_DIRTY 4
int sim_clear_refs(struct sim *sim, int mm_id, int type);
/*
 * sim_thp_orders: the THP orders (a bit per order, 2..9) a MADV_HUGEPAGE
 * region may get from now on, as the per-size sysfs files
 * hugepages-NkB/enabled set to madvise (the others to never); the
 * default is the PMD order alone.  -EINVAL for an order outside 2..9.
 */
int sim_thp_orders(struct sim *sim, unsigned long orders);
bool sim_thp_in_range(struct sim *sim, int mm_id, unsigned long addr,
		      unsigned long npages);
void sim_writeback_done(struct sim *sim);

/*
 * userfaultfd write-protection of private anonymous memory.  sim_uffd
 * opens the process's userfaultfd with SIM_UFFD_* features (one per
 * process: -EEXIST for a second); sim_uffd_wp registers the range for
 * write-protection (opening a uffd without features if the process has
 * none) and protects (@on) or unprotects it.  A store to a protected
 * page is delivered to the process's handler, which counts it and
 * unprotects that page; sim_uffd_faults reads the count.
 */
#define SIM_UFFD_EVENT_FORK (1U << 0)
#define SIM_UFFD_WP_UNPOPULATED (1U << 1)
int sim_uffd(struct sim *sim, int mm_id, unsigned int features);
int sim_uffd_wp(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages, bool on);
/* UFFDIO_UNREGISTER of the range: bits and uffd-wp markers go. */
int sim_uffd_unregister(struct sim *sim, int mm_id, unsigned long addr,
			unsigned long npages);
int sim_uffd_faults(struct sim *sim, int mm_id, unsigned long *faults);
/*
 * UFFDIO_POISON of the range, registered first as sim_uffd_wp does: each
 * PTE, which must be none (-EEXIST), becomes a PTE_MARKER_POISONED marker,
 * whose fault is a memory error (SIGBUS, BUS_MCEERR_AR).  A part done is
 * -EAGAIN, as the ioctl answers when it did less than the range.
 */
int sim_uffd_poison(struct sim *sim, int mm_id, unsigned long addr,
		    unsigned long npages);

/*
 * Memory failure (mm/memory-failure.c).  sim_poison is MADV_HWPOISON of
 * the page mapped at @addr, with the caller @mm_id: 0, -errno, or the
 * signal the caller got on the way (positive, SIM_SIG_CODE(SIGBUS,
 * BUS_MCEERR_AR)), which the caller catches; -ENOSYS for a shmem page,
 * which the model does not handle (nothing changed).  sim_poison_table is a
 * memory error in the PTE table that maps @addr (hwpoison-inject's
 * corrupt-pfn): 0 or -errno, what the policy's pt_poison_kill decides.
 * sim_mce_kill is prctl(PR_MCE_KILL) of the process; sim_set_mce_early_kill
 * the sysctl vm.memory_failure_early_kill; sim_sigbus_count the SIGBUS
 * signals @mm_id caught with si_code @code (0: any).
 */
enum sim_mce_kill {
	SIM_MCE_KILL_DEFAULT, /* PR_MCE_KILL_CLEAR: the sysctl decides */
	SIM_MCE_KILL_EARLY,
	SIM_MCE_KILL_LATE,
};
int sim_poison(struct sim *sim, int mm_id, unsigned long addr);
int sim_poison_table(struct sim *sim, int mm_id, unsigned long addr);
/*
 * hwpoison-inject's corrupt-pfn of the page mapped at @addr: a memory
 * error no process touched; only early-kill processes hear of it now
 * (BUS_MCEERR_AO).  0, -EBUSY, -EHWPOISON, or -EFAULT if nothing is
 * mapped there; -ENOSYS for a shmem page (not handled).
 */
int sim_corrupt(struct sim *sim, int mm_id, unsigned long addr);
int sim_mce_kill(struct sim *sim, int mm_id, enum sim_mce_kill how);
void sim_set_mce_early_kill(struct sim *sim, bool early);
int sim_sigbus_count(const struct sim *sim, int mm_id, int code,
		     unsigned long *count);

/* What is mapped at an address, without faulting. */
enum sim_pte_kind {
	SIM_PTE_NONE,
	SIM_PTE_PRESENT,
	SIM_PTE_ZEROPAGE,
	SIM_PTE_SWAP,
	SIM_PTE_MIGRATION,
	SIM_PTE_MARKER,
	SIM_PTE_OTHER,
	SIM_PTE_HWPOISON, /* a hwpoison entry (make_hwpoison_entry) */
};

struct sim_pte_info {
	enum sim_pte_kind kind;
	bool writable;
	bool exclusive; /* PageAnonExclusive of the mapped page */
	bool anon;
	bool ksm;
	/*
	 * THP: the mapped page belongs to a large folio (kpageflags' THP
	 * bit), of 2^order pages; pmd: the address is mapped by a huge PMD
	 * (PMD-mapped THP or the huge zero page), not by a PTE.
	 */
	bool thp;
	bool pmd;
	unsigned int order;
	int mapcount;
	int refcount;
	unsigned long pfn;
	/* identity: pfn + allocation generation (the model: mod 2^16) */
	unsigned int gen;
	/* Swap PTEs: the entry and its exclusive bit. */
	unsigned int swp_type;
	unsigned long swp_offset;
	bool swp_exclusive;
	/*
	 * The present PTE, swap PTE or PTE marker carries uffd-wp
	 * (pagemap's PM_UFFD_WP, bit 57).
	 */
	bool uffd_wp;
	/* The PTE or swap PTE is soft-dirty (pagemap's PM_SOFT_DIRTY, 55). */
	bool soft_dirty;
	/*
	 * A hwpoison entry, or a present PTE mapping a page with
	 * PG_hwpoison (kpageflags' HWPOISON bit).
	 */
	bool poisoned;
	uint64_t pte;
	/*
	 * The mapped page, or the swap PTE's slot, has a folio in the swap
	 * cache (on a real kernel: kpageflags' SWAPCACHE bit; mincore(2) of
	 * a swap PTE, which reports an uptodate swap-cache folio).
	 */
	bool swapcache;
	/*
	 * The model's alone (0 from a real kernel): the folio's pin count
	 * (FOLL_PIN) and a swap slot's count of users (swap_map, without
	 * SWAP_HAS_CACHE).
	 */
	int pincount;
	int swp_count;
};

int sim_query(struct sim *sim, int mm_id, unsigned long addr,
	      struct sim_pte_info *info);
int sim_pin_query(struct sim *sim, int handle, struct sim_pte_info *info);

/*
 * What a violation breaks: an invariant of the state (I1-I10 of
 * docs/kernel-rules.md, and more; harness/check.c), a behaviour property
 * (harness/sim.c) or a state the model must never reach.  Decide by id;
 * sim_violation_name() is for printing.
 */
enum sim_violation_id {
	SIM_V_I1,
	SIM_V_I2,
	SIM_V_I3,
	SIM_V_I4,
	SIM_V_I5,
	SIM_V_I6,
	SIM_V_I7,
	SIM_V_I9,
	SIM_V_I10,
	SIM_V_MAPCOUNT,
	SIM_V_PT_MM,
	SIM_V_FREED,
	SIM_V_LEAK,
	SIM_V_RSS,
	SIM_V_SWAP,
	SIM_V_FOLIO, /* a large folio's structure and counts */
	SIM_V_PROP_LEAK, /* isolation */
	SIM_V_PROP_STALE, /* pin coherence */
	SIM_V_PROP_LOST_WRITE,
	SIM_V_PGFLAGS, /* a page-flag accessor against its precondition */
	SIM_V_VM_WARN,
	SIM_V_UFFD_WP, /* uffd-wp bits and markers (harness/check.c) */
	SIM_V_HWPOISON, /* poisoned pages and hwpoison entries */
	SIM_V_SOFT_DIRTY, /* writable while soft-dirty tracking (check.c) */
	NR_SIM_VIOLATIONS
};

/* Each id's class; 0 is none, so that an id left out of the table shows. */
enum sim_violation_class {
	SIM_VC_INVARIANT = 1,
	SIM_VC_PROPERTY,
	SIM_VC_WARNING, /* the model met a state it must never reach */
};

/* "I1", "pt_mm", "property isolation (LEAK)", ...; NULL for no id. */
const char *sim_violation_name(enum sim_violation_id id);
/* 0 for no id. */
enum sim_violation_class sim_violation_class(enum sim_violation_id id);
bool sim_violation_is_property(enum sim_violation_id id);

struct sim_violation {
	enum sim_violation_id id;
	const char *invariant; /* sim_violation_name(id), for printing */
	unsigned long pfn; /* the page involved, or ~0UL */
	char msg[200];
};
typedef void (*sim_violation_fn)(void *ctx, const struct sim_violation *v);
int sim_check(struct sim *sim, sim_violation_fn fn, void *ctx);
/*
 * The same invariants over what changed since the last check only (the
 * PTEs, pages, swap slots, page tables and VMAs the model touched), at
 * the cost of what changed; falls back to sim_check() when too much did.
 */
int sim_check_changed(struct sim *sim, sim_violation_fn fn, void *ctx);
int sim_check_fork(struct sim *sim, int parent, int child, sim_violation_fn fn,
		   void *ctx);

/* Human-readable dump of the whole state (the `show` statement). */
void sim_show(struct sim *sim, void (*out)(void *ctx, const char *line),
	      void *ctx);

#endif /* MMSIM_H */
