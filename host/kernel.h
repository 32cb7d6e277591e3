/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live-kernel backend's internal header: the state of one backend
 * (struct kernel_backend: its processes, pins, pages seen, time limit,
 * swap and KSM), its constants, and the k_* functions that its files share.
 * The backend is split by concern:
 *
 *   host/kernel.c          life cycle: create, teardown, destroy, the ops
 *                          table, signal and crash handling, CPU pinning,
 *                          the time limit
 *   host/kernel-procs.c    agents and the scenario processes they stand for
 *   host/kernel-caps.c     capabilities, and what the backend cannot do
 *   host/kernel-pins.c     GUP handles: vmsplice and io_uring pins, DMA
 *   host/kernel-swap.c     the machine lock, swap, migration and KSM
 *   host/kernel-observe.c  page observation: pages seen, query, show
 *
 * Nothing here is public: the rest of mmsim knows the backend only through
 * sim_backend_kernel_create() and the ops of scenario/backend.h.
 */
#ifndef MMSIM_HOST_KERNEL_H
#define MMSIM_HOST_KERNEL_H

#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "host/host.h"
#include "scenario/backend.h"

#define K_PAGE 4096UL
#define K_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/*
 * Default time limit of one scenario; MMSIM_KERNEL_TIMEOUT (seconds, a
 * fraction allowed: tests use 0.2) changes it.
 */
#define K_TIMEOUT_S 10
/* How long a killed agent may take to be reaped. */
#define K_REAP_MS 5000
/* Pages of a region show reads from the pagemap at a time. */
#define K_SHOW_CHUNK 4096UL
#define K_WHY_WRITABLE "the PTE write bit is not exported"
/*
 * The largest folio the backend looks for around a PFN: MAX_PAGE_ORDER
 * (10 on x86-64); anon THPs are PMD-size (order 9) at most.
 */
#define K_FOLIO_MAX 1024UL
/* How long to wait for another mmsim's swap or KSM scenario to end. */
#define K_LOCK_TIMEOUT_S 60
/*
 * Full KSM scans per `ksm`: a page merges in the second scan that sees it
 * unchanged (the first records its checksum, cmp_and_merge_page), and an
 * mm made mergeable during a scan is queued behind the cursor, so the
 * scan under way when the statement starts may not reach it: 3.
 */
#define K_KSM_PASSES 3

/*
 * The swap type of a PTE marker in pagemap: SWP_PTE_MARKER, the last of
 * the 32 types whatever the configuration (include/linux/swap.h).
 */
#define K_SWP_PTE_MARKER 31U
/* The sysctl vm.memory_failure_early_kill (CONFIG_MEMORY_FAILURE). */
#define K_MF_EARLY_KILL "/proc/sys/vm/memory_failure_early_kill"
/* vm.page-cluster while the scenario swaps: the model's (mm/swap_state.c). */
#define K_PAGE_CLUSTER 3
/*
 * Below this, a swap type is a swap device's; a hwpoison entry's type is
 * MAX_SWAPFILES (23 to 27 with the usual options), which pagemap reports
 * with the page's PFN as the offset (pte_to_pagemap_entry).
 */
#define K_SWP_FIRST_SPECIAL 16U
/* v6.4 UAPI, which Debian 12's kernel headers lack. */
#define K_UFFD_FEATURE_WP_UNPOPULATED (1ULL << 13)

/* The scenario's swap device, as far as the backend knows. */
enum k_swap {
	K_SWAP_UNSET, /* not needed yet */
	K_SWAP_OURS, /* made for the scenario (host/machine.c) */
	K_SWAP_MACHINE, /* the machine's own, used as it is */
	K_SWAP_OFF, /* `swapoff` ran: the scenario has no swap */
};

struct k_region {
	unsigned long addr, npages;
};

struct k_proc {
	pid_t pid;
	int sock; /* -1 once the agent is gone */
	struct k_region *regions; /* for show */
	int nregions;
};

/* Only host/kernel-pins.c includes liburing.h and sees inside one. */
struct io_uring;

enum k_pin_kind { K_PIN_NONE, K_PIN_VMSPLICE, K_PIN_IOURING, K_PIN_GUP_TEST };

struct k_handle {
	enum k_pin_kind kind;
	/* K_PIN_VMSPLICE: the pipe's read end; K_PIN_GUP_TEST: gup_test's */
	int fd;
	struct io_uring *ring; /* K_PIN_IOURING: mapped here */
	unsigned long addr; /* the page, in the pinning process */
	pid_t pid; /* the pinning process */
	bool write; /* taken with FOLL_WRITE */
};

/*
 * A page seen by a query.  Its PFN is its identity only while it stays
 * allocated: the page allocator hands a page just freed out again first
 * (per-CPU lists are LIFO), so the page a zram swap-in allocates is often
 * the very PFN that swap-out freed.  A free is noticed between operations
 * (the PFN is no anon page any more) and the next time the PFN is seen
 * mapped, it is a new page: gen + 1, as the model's generations.
 */
struct k_seen {
	unsigned long pfn;
	unsigned int gen;
	bool freed;
	/*
	 * A `ksm` statement ran while this page was mapped, and ksmd made a
	 * copy of a KSM page in it (vmstat cow_ksm moved): ksmd frees pages
	 * (merged away, or unshared again) and allocates copies within one
	 * statement, so this PFN may be a new page that was never seen freed.
	 */
	bool churned;
};

/* A PTE table caught at its making (host/kernel-pgtable.c). */
struct k_pgt {
	pid_t pid;
	unsigned long block; /* the 2 MiB block it maps */
	unsigned long pfn;
	bool poisoned; /* by this file's poison-table */
};

#define K_CORRUPT_PFN "/sys/kernel/debug/hwpoison/corrupt-pfn"

struct kernel_backend {
	struct sim_backend b;
	pid_t self;
	pid_t pgid; /* the agents' process group: p0's pid */
	struct k_proc *procs;
	int nprocs;
	struct k_handle *handles;
	int nhandles;
	struct k_seen *seen;
	int nseen;
	int dma_fd; /* the "device" side of io_uring DMA: a memfd */
	struct timespec deadline;
	long timeout_ms;
	cpu_set_t old_cpus;
	bool cpus_saved;
	struct sigaction old_sa[3];
	bool torn_down;
	/* Swap and KSM (host/machine.c). */
	bool machine_locked;
	bool ksm_synced; /* k_ksm_sync done: ksmd is between two scans */
	enum k_swap swap;
	bool want_sync; /* swapdev sync: a zram device */
	unsigned long swap_pages; /* swapdev pages N, else 0 */
	bool thp_sizes_set; /* thp-sizes: the machine's sizes are ours */
	char swap_why[400];
	char broken_why[400];
	char cap_why[200];
	/* Why `mmap … file` cannot run here (sim_machine_file_create). */
	char file_why[200];
	/*
	 * vm.memory_failure_early_kill as it was before mce-early-kill
	 * changed it (-1: untouched), written back at teardown.
	 */
	int mce_early_kill_saved;
	/*
	 * The PFNs this file's poison found mapped (k_poison): a page
	 * poisoned before, but not among them, is an earlier file's.
	 */
	unsigned long poisoned_pfn[16];
	int npoisoned;
	/*
	 * poison-table (host/kernel-pgtable.c): the PTE tables seen made,
	 * the KPF_PGTABLE pages before a first touch (a bitmap of pgt_npfn
	 * bits), a buffer of kpageflags, why the last catch failed.
	 */
	struct k_pgt pgt[32];
	int npgt;
	uint64_t *pgt_before;
	uint64_t *pgt_buf;
	unsigned long pgt_npfn, pgt_nwords;
	char pgt_why[200];
	/* THP counters at the start (host/kernel-counters.c). */
	unsigned long thp_base[NR_SIM_THP_EVENTS][SIM_THP_MAX_ORDER + 1];
	bool thp_base_ok[NR_SIM_THP_EVENTS][SIM_THP_MAX_ORDER + 1];
};

static inline struct kernel_backend *kb(struct sim_backend *b)
{
	return (struct kernel_backend *)b;
}

/* host/kernel.c */
/*
 * The process group of the running scenario's agents (0: none), for the
 * signal handlers.
 */
extern volatile sig_atomic_t k_agents_pgid;
int k_remaining_ms(struct kernel_backend *k);
int __attribute__((format(printf, 2, 3)))
k_timeout(struct kernel_backend *k, const char *fmt, ...);
int k_check_time(struct kernel_backend *k, const char *what);

/* host/kernel-procs.c */
struct sim_agent_req;
struct sim_agent_rep;
struct k_proc *k_proc(struct kernel_backend *k, int proc);
void k_kill_all(struct kernel_backend *k);
/*
 * SIGKILL process group @pgid and reap it, waiting at most @ms: a process
 * in uninterruptible sleep may not die at once, and nothing may wait
 * without a deadline.  Returns 0, or -ETIMEDOUT if some are left (init
 * reaps them once mmsim exits).  Async-signal-safe.
 */
int k_kill_group(pid_t pgid, long ms);
int k_call(struct kernel_backend *k, int proc, struct sim_agent_req *rq,
	   int sendfd, struct sim_agent_rep *rp, int *fd);
int k_spawn_first(struct kernel_backend *k);
int k_range_op(struct sim_backend *b, int proc, unsigned int op,
	       unsigned long addr, unsigned long npages, int arg);
int k_first_process(struct sim_backend *b);
int k_fork(struct sim_backend *b, int proc, int *child);
int k_poison(struct sim_backend *b, int proc, unsigned long addr);
/* host/kernel-pgtable.c */
bool k_pgt_before(struct kernel_backend *k, int proc, unsigned long addr);
void k_pgt_after(struct kernel_backend *k, int proc, unsigned long addr);
/* Forget @proc's tables in [@addr, @addr + @len); all of them if !@len. */
void k_pgt_forget(struct kernel_backend *k, int proc, unsigned long addr,
		  unsigned long len);
int k_poison_table(struct sim_backend *b, int proc, unsigned long addr);
int k_mce_kill(struct sim_backend *b, int proc, int how);
int k_clear_refs(struct sim_backend *b, int proc, int type);
int k_sigbus_count(struct sim_backend *b, int proc, int code,
		   unsigned long *count);
int k_exit(struct sim_backend *b, int proc);
bool k_alive(struct sim_backend *b, int proc);
int k_mmap(struct sim_backend *b, int proc, unsigned long npages, int prot,
	   bool shared, enum sim_backing backing, bool thp,
	   unsigned long *addr);
int k_munmap(struct sim_backend *b, int proc, unsigned long addr,
	     unsigned long npages);
int k_mprotect(struct sim_backend *b, int proc, unsigned long addr,
	       unsigned long npages, int prot);
int k_madvise(struct sim_backend *b, int proc, unsigned long addr,
	      unsigned long npages, int advice);
int k_split(struct sim_backend *b, int proc, unsigned long addr);
int k_mremap(struct sim_backend *b, int proc, unsigned long addr,
	     unsigned long npages, unsigned long *new_addr);
int k_mlock(struct sim_backend *b, int proc, unsigned long addr,
	    unsigned long npages, bool lock);
int k_load(struct sim_backend *b, int proc, unsigned long addr, uint64_t *val);
int k_uffd(struct sim_backend *b, int proc, unsigned int features);
int k_uffd_wp(struct sim_backend *b, int proc, unsigned long addr,
	      unsigned long npages, bool on);
int k_uffd_faults(struct sim_backend *b, int proc, unsigned long *faults);
int k_uffd_poison(struct sim_backend *b, int proc, unsigned long addr,
		  unsigned long npages);
int k_uffd_unregister(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages);
int k_store(struct sim_backend *b, int proc, unsigned long addr, uint64_t val);

/* host/kernel-counters.c */
void k_counters_snapshot(struct kernel_backend *k);
void k_counters_locked(struct kernel_backend *k);
int k_thp_counter(struct sim_backend *b, unsigned int ev, unsigned int order,
		  unsigned long *val, const char **why);
int k_deferred_split(struct sim_backend *b);

/* host/kernel-caps.c */
const char *k_missing_cap(struct sim_backend *b, enum sim_cap cap);
/* NULL if MADV_HUGEPAGE regions get PMD-size THPs here; else why not. */
const char *k_thp_missing(struct kernel_backend *k);
int k_thp_sizes(struct sim_backend *b, unsigned long orders);
int k_ksm_max_page_sharing(struct sim_backend *b, unsigned int knob);
int k_unsupported(struct kernel_backend *k, const char *why);
/* SIM_NOT_IMPLEMENTED_ERR: what the kernel backend does not drive yet. */
int k_later(struct kernel_backend *k, const char *why);
const char *k_pfns_readable(void);

/* host/kernel-pins.c */
struct io_uring_params;
const char *k_iouring_missing(struct kernel_backend *k);
int k_gup(struct sim_backend *b, int proc, unsigned long addr, unsigned int how,
	  int *handle);
void k_release(struct k_handle *hd);
int k_unpin(struct sim_backend *b, int handle);
int k_dma_read(struct sim_backend *b, int handle, uint64_t *val);
int k_dma_write(struct sim_backend *b, int handle, uint64_t val);
/* The agent's half of an io_uring pin, for host/agent.c. */
int k_agent_ring_pin(unsigned long addr, unsigned long len,
		     struct io_uring_params *params, struct io_uring **ring);
void k_agent_ring_drop(struct io_uring *ring);

/* host/kernel-swap.c */
int k_machine_lock(struct kernel_backend *k);
int k_pageout(struct kernel_backend *k, int proc, unsigned long addr,
	      unsigned long npages);
int k_swapdev(struct sim_backend *b, bool sync, bool stable_writes,
	      bool slow_writeback, unsigned long pages);
int k_swapout(struct sim_backend *b, int proc, unsigned long addr,
	      unsigned long npages);
int k_swapoff(struct sim_backend *b);
int k_writeback_done(struct sim_backend *b);
int k_migrate(struct sim_backend *b, int proc, unsigned long addr);
int k_ksm(struct sim_backend *b, unsigned int scans);
int k_ksm_sync(struct kernel_backend *k);

/* host/kernel-observe.c */
int k_seen_check(struct kernel_backend *k);
unsigned long k_cow_ksm(void);
void k_seen_ksm_churn(struct kernel_backend *k, unsigned long cow_ksm);
int k_query(struct sim_backend *b, int proc, unsigned long addr,
	    struct sim_obs *obs);
void k_show(struct sim_backend *b, void (*out)(void *ctx, const char *line),
	    void *ctx);

#endif /* MMSIM_HOST_KERNEL_H */
