/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A backend executes scenario statements: the model (scenario/backend-model.c)
 * or the live kernel (host/kernel.c).  The runner drives one or two
 * backends statement by statement through these operations and compares
 * what they observe.
 *
 * Processes are the backend's own process ids (the model: mm ids), handles
 * its own handle numbers.  Every operation returns 0, -errno, or
 * SIM_SIGNAL_ERR(sig) when a user access raised a signal.
 */
#ifndef MMSIM_SCENARIO_BACKEND_H
#define MMSIM_SCENARIO_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mmsim.h"

/* Statement results: 0, -errno, or this for a signal an access raised. */
#define SIM_SIGNAL_ERR(sig) (-1000 - (sig))
/*
 * A signal with its si_code (1..5: BUS_ADRALN .. BUS_MCEERR_AO for a
 * SIGBUS), when the backend knows it: `=> SIGBUS:MCEERR_AR`.
 */
#define SIM_SIGNAL_CODE_ERR(sig, code) (-1000 - (sig)-100 * (code))

/* The signal of a statement result, or 0; its si_code, or 0. */
static inline int sim_err_signal(int err)
{
	if (err > -1000 || err <= -1000 - 100 * 6)
		return 0;
	return (-1000 - err) % 100;
}

static inline int sim_err_sigcode(int err)
{
	return sim_err_signal(err) ? (-1000 - err) / 100 : 0;
}

/*
 * Whether result @got is what @want names: the same, or @want a signal
 * without a code and @got that signal with one (`=> SIGBUS` holds for
 * every SIGBUS).
 */
static inline bool sim_err_matches(int want, int got)
{
	return want == got || (sim_err_signal(want) && !sim_err_sigcode(want) &&
			       sim_err_signal(want) == sim_err_signal(got));
}
/*
 * The backend cannot do this operation at all (e.g. a gup_test pin on a
 * kernel without CONFIG_GUP_TEST): the runner reports the statement and
 * the rest of the file as SKIP, with struct sim_backend.unsupported as why.
 */
#define SIM_UNSUPPORTED_ERR (-3000)
/*
 * The backend does not implement this statement yet (the model's THP,
 * shmem and file mappings, userfaultfd, memory failure; an operation the
 * backend leaves NULL): the runner fails the statement with "not
 * implemented yet in the BACKEND: why" (struct sim_backend.unsupported)
 * and stops the file, which must never pass quietly.
 */
#define SIM_NOT_IMPLEMENTED_ERR (-3001)

/* What an mmap maps (docs/scenario-language.md, "Operations"). */
enum sim_backing { SIM_BACKING_ANON, SIM_BACKING_SHMEM, SIM_BACKING_FILE };

/* What a backend cannot observe (struct sim_obs.unobservable). */
#define SIM_UNOBS_WRITABLE (1U << 0) /* the PTE write bit */
#define SIM_UNOBS_EXCLUSIVE (1U << 1) /* PageAnonExclusive */
#define SIM_UNOBS_MAPCOUNT (1U << 2)
#define SIM_UNOBS_IDENTITY (1U << 3) /* PFNs (same, is, isnot) */
#define SIM_UNOBS_HANDLE_PAGE (1U << 4) /* which page a handle holds */
/*
 * Whether the page at this PFN is still the page a label took earlier
 * (is, isnot): the PFN may have been freed and handed out again since,
 * unseen.  A different PFN still proves a different page.
 */
#define SIM_UNOBS_LABEL (1U << 5)
/* PageKsm (a kernel whose KPF_KSM marks every anon page) */
#define SIM_UNOBS_KSM (1U << 6)
/* Whether a huge PMD maps the page (no PAGEMAP_SCAN before v6.7) */
#define SIM_UNOBS_PMD (1U << 7)
/*
 * Whether the file page behind a none PTE is in the swap cache (no
 * cachestat(2) before v6.5)
 */
#define SIM_UNOBS_SWAPCACHE (1U << 8)
/*
 * The swap offset (expect swap-offset): on the machine's own swap device,
 * which every process shares, where the scenario's pages go depends on
 * the others.
 */
#define SIM_UNOBS_SWAP_OFFSET (1U << 9)

struct sim_obs {
	struct sim_pte_info info;
	unsigned int unobservable;
	/* A short reason for the SKIP line, e.g. "PTE write bit". */
	const char *why;
	/* The reason PageAnonExclusive is unobservable, if not why's. */
	const char *why_exclusive;
};

/*
 * What a scenario may require (`requires CAP`): each named once, in
 * sim_cap_names (scenario/caps.c), which the parser, the runner and the
 * backends' missing_cap share.
 */
enum sim_cap {
	SIM_CAP_NONE, /* a statement that needs none; no name */
	SIM_CAP_SWAP,
	SIM_CAP_THP,
	SIM_CAP_KSM,
	SIM_CAP_UFFD,
	SIM_CAP_IOURING,
	SIM_CAP_VMSPLICE,
	SIM_CAP_GUP_TEST,
	SIM_CAP_ROOT,
	SIM_CAP_HWPOISON, /* memory failure: MADV_HWPOISON, corrupt-pfn */
	SIM_CAP_SOFT_DIRTY, /* CONFIG_MEM_SOFT_DIRTY: clear-refs soft-dirty */
	SIM_NR_CAPS,
};

/* "swap", "gup_test"...; the capability named @name or SIM_CAP_NONE. */
const char *sim_cap_name(enum sim_cap cap);
enum sim_cap sim_cap_lookup(const char *name);

struct sim_backend;

struct sim_backend_ops {
	const char *name;
	/* NULL if @cap is available; else why not (for "# SKIP missing"). */
	const char *(*missing_cap)(struct sim_backend *b, enum sim_cap cap);
	/* The process that exists at the start (p0). */
	int (*first_process)(struct sim_backend *b);
	int (*fork)(struct sim_backend *b, int proc, int *child);
	int (*exit)(struct sim_backend *b, int proc);
	bool (*alive)(struct sim_backend *b, int proc);
	/* thp: a PMD-aligned region with MADV_HUGEPAGE. */
	int (*mmap)(struct sim_backend *b, int proc, unsigned long npages,
		    int prot, bool shared, enum sim_backing backing, bool thp,
		    unsigned long *addr);
	int (*munmap)(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages);
	int (*mprotect)(struct sim_backend *b, int proc, unsigned long addr,
			unsigned long npages, int prot);
	int (*madvise)(struct sim_backend *b, int proc, unsigned long addr,
		       unsigned long npages, int advice);
	/* mlock(2), which populates the range, or munlock(2). */
	int (*mlock)(struct sim_backend *b, int proc, unsigned long addr,
		     unsigned long npages, bool lock);
	int (*load)(struct sim_backend *b, int proc, unsigned long addr,
		    uint64_t *val);
	int (*store)(struct sim_backend *b, int proc, unsigned long addr,
		     uint64_t val);
	/* how: SIM_GUP_* of mmsim.h */
	int (*gup)(struct sim_backend *b, int proc, unsigned long addr,
		   unsigned int how, int *handle);
	int (*unpin)(struct sim_backend *b, int handle);
	int (*dma_read)(struct sim_backend *b, int handle, uint64_t *val);
	int (*dma_write)(struct sim_backend *b, int handle, uint64_t val);
	/*
	 * Swap, migration and KSM.  A NULL operation is not supported by
	 * the backend.  swapdev: the scenario's swap device (before the
	 * first operation), of @pages pages with its header (0: the
	 * backend's size); swapout is MADV_PAGEOUT.
	 */
	int (*swapdev)(struct sim_backend *b, bool sync, bool stable_writes,
		       bool slow_writeback, unsigned long pages);
	int (*swapout)(struct sim_backend *b, int proc, unsigned long addr,
		       unsigned long npages);
	int (*swapoff)(struct sim_backend *b);
	int (*migrate)(struct sim_backend *b, int proc, unsigned long addr);
	/* @scans full scans; 0: what a `ksm` statement waits for. */
	int (*ksm)(struct sim_backend *b, unsigned int scans);
	/* deferred-split: run the deferred split shrinker. */
	int (*deferred_split)(struct sim_backend *b);
	int (*writeback_done)(struct sim_backend *b);
	/*
	 * THP, userfaultfd and memory failure (NULL: not implemented).
	 * split: the PMD mapping of the THP at @addr; uffd_wp: on or off
	 * over the range; poison: the page mapped at @addr, poison_table:
	 * the page-table page that maps it.
	 */
	int (*split)(struct sim_backend *b, int proc, unsigned long addr);
	/*
	 * thp-sizes: the THP orders (a bit per order, 2..9) a MADV_HUGEPAGE
	 * region may get, every other size turned off (before the first
	 * operation).
	 */
	int (*thp_sizes)(struct sim_backend *b, unsigned long orders);
	/*
	 * ksm-max-page-sharing: /sys/kernel/mm/ksm/max_page_sharing for the
	 * scenario (before the first operation).
	 */
	int (*ksm_max_page_sharing)(struct sim_backend *b, unsigned int knob);
	/*
	 * mremap(MREMAP_MAYMOVE | MREMAP_FIXED) of the range to a new place
	 * at the same offset within a PMD; *@new_addr: where.
	 */
	int (*mremap)(struct sim_backend *b, int proc, unsigned long addr,
		      unsigned long npages, unsigned long *new_addr);
	int (*uffd_wp)(struct sim_backend *b, int proc, unsigned long addr,
		       unsigned long npages, bool on);
	/*
	 * userfaultfd: open the process's uffd with SIM_UFFD_* features
	 * (mmsim.h); the count of write-protect faults its handler served.
	 */
	int (*uffd)(struct sim_backend *b, int proc, unsigned int features);
	int (*uffd_faults)(struct sim_backend *b, int proc,
			   unsigned long *faults);
	/*
	 * UFFDIO_POISON over the range, registering it for write-protection
	 * first as uffd_wp does.
	 */
	int (*uffd_poison)(struct sim_backend *b, int proc, unsigned long addr,
			   unsigned long npages);
	/* UFFDIO_UNREGISTER over the range. */
	int (*uffd_unregister)(struct sim_backend *b, int proc,
			       unsigned long addr, unsigned long npages);
	int (*poison)(struct sim_backend *b, int proc, unsigned long addr);
	int (*poison_table)(struct sim_backend *b, int proc,
			    unsigned long addr);
	/*
	 * prctl(PR_MCE_KILL) of the process (how: SIM_MCE_KILL_* of mmsim.h);
	 * the sysctl vm.memory_failure_early_kill; the SIGBUS signals the
	 * process caught with si_code @code (0: any).  NULL: not supported.
	 */
	/* hwpoison-inject's corrupt-pfn of the page mapped at @addr. */
	int (*corrupt)(struct sim_backend *b, int proc, unsigned long addr);
	int (*mce_kill)(struct sim_backend *b, int proc, int how);
	/* A write of @type to /proc/PID/clear_refs (4: soft-dirty). */
	int (*clear_refs)(struct sim_backend *b, int proc, int type);
	int (*mce_early_kill)(struct sim_backend *b, bool early);
	int (*sigbus_count)(struct sim_backend *b, int proc, int code,
			    unsigned long *count);
	/* COW copies made by write faults so far (NULL: not counted). */
	unsigned long (*copies)(struct sim_backend *b);
	/*
	 * expect thp-counter: how much THP counter @ev (enum sim_thp_event)
	 * grew since the backend was created, for folios of @order, or
	 * /proc/vmstat's line (the PMD size's) for @order 0.  -EOPNOTSUPP
	 * with *@why set: not observable here.
	 */
	int (*thp_counter)(struct sim_backend *b, unsigned int ev,
			   unsigned int order, unsigned long *val,
			   const char **why);
	/* Observe the PTE at @addr without faulting. */
	/* What handle @h pins (optional: the model; for pictures). */
	int (*pin_query)(struct sim_backend *b, int handle,
			 struct sim_pte_info *info);
	int (*query)(struct sim_backend *b, int proc, unsigned long addr,
		     struct sim_obs *obs);
	/* Trace hook for --trace (NULL: the backend has no trace). */
	void (*set_trace)(struct sim_backend *b, sim_trace_fn fn, void *ctx);
	/* Invariants after a statement (NULL: the backend has none). */
	int (*check)(struct sim_backend *b, sim_violation_fn fn, void *ctx);
	/* The same over what changed since (NULL: check does it all). */
	int (*check_changed)(struct sim_backend *b, sim_violation_fn fn,
			     void *ctx);
	int (*check_fork)(struct sim_backend *b, int parent, int child,
			  sim_violation_fn fn, void *ctx);
	void (*show)(struct sim_backend *b,
		     void (*out)(void *ctx, const char *line), void *ctx);
	/* End of scenario: release everything; returns pages leaked. */
	unsigned long (*teardown)(struct sim_backend *b);
	void (*destroy)(struct sim_backend *b);
};

struct sim_backend {
	const struct sim_backend_ops *ops;
	/*
	 * Why the last SIM_UNSUPPORTED_ERR ("no gup_test on this kernel")
	 * or SIM_NOT_IMPLEMENTED_ERR ("THP split").
	 */
	const char *unsupported;
	/*
	 * Set when the backend cannot go on (the scenario's time limit ran
	 * out): the runner fails the statement and stops the file.
	 */
	const char *broken;
	/* What the breakage amounts to, named with it (e.g. -ETIMEDOUT). */
	int broken_err;
};

struct sim_backend *sim_backend_model_create(const char *policy);

#endif /* MMSIM_SCENARIO_BACKEND_H */
