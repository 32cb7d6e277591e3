/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Model-only: the design being modelled, as the decisions that differ
 * between kernel versions (docs/kernel-rules.md, Historical designs).  The
 * model consults the policy of its struct sim at the kernel's decision
 * points, instead of carrying version checks; the named designs (v5.7 ...
 * latest) are tables of the harness (harness/policy.c).
 */
#ifndef MMSIM_LINUX_SIM_POLICY_H
#define MMSIM_LINUX_SIM_POLICY_H

#include <stdbool.h>

/* do_wp_page: may a write fault reuse a R/O anon page? */
enum sim_wp_reuse {
	/* <= 5.8: reuse_swap_page: mapcount + swap count <= 1 */
	SIM_WP_REUSE_MAPCOUNT,
	/* 5.9-5.17: !KSM, refcount == 1 and mapcount == 1 */
	SIM_WP_REUSE_REFCOUNT,
	/* 5.18+: wp_can_reuse_anon_folio (drain, free swap, refcount 1) */
	SIM_WP_REUSE_CAN_REUSE,
};

/* R/O GUP (FOLL_GET or FOLL_PIN without FOLL_WRITE) on a COW mapping. */
enum sim_gup_ro {
	SIM_GUP_RO_NONE, /* the page is taken as it is */
	SIM_GUP_RO_BREAK_COW, /* 5.8: GUP breaks COW as if writing */
	SIM_GUP_RO_UNSHARE_ANON, /* 5.19: R/O FOLL_PIN unshares anon pages */
	SIM_GUP_RO_UNSHARE_COW, /* 6.2+: ...and longterm, anything in COW */
};

/* fork: what happens to a maybe-pinned anon page. */
enum sim_fork_pinned {
	SIM_FORK_PINNED_SHARE, /* <= 5.8: shared like any page */
	SIM_FORK_PINNED_COPY, /* 5.9+: copied if the mm has pinned */
	SIM_FORK_PINNED_COPY_EXCL, /* 5.19+: ...and only exclusive pages */
};

/* do_swap_page: when is the page mapped exclusive (and writable)? */
enum sim_swapin {
	/* <= 5.17: on a write fault, if reuse_swap_page() says so */
	SIM_SWAPIN_REUSE_SWAP_PAGE,
	/* 5.18: a fresh folio, or the sole reference after freeing swap */
	SIM_SWAPIN_FRESH_OR_SOLE,
	/* 5.19+: the swap-PTE exclusive bit too (origin.swp-exclusive) */
	SIM_SWAPIN_EXCLUSIVE,
};

struct sim_policy {
	char name[48];
	const char *desc;
	const char *commits;
	enum sim_wp_reuse wp_reuse;
	/* PG_anon_exclusive exists and is maintained (5.19+). */
	bool anon_exclusive;
	enum sim_gup_ro gup_ro;
	enum sim_fork_pinned fork_pinned;
	enum sim_swapin swapin;
	/* An exclusive swapped-in page is writable on read faults (6.11+). */
	bool swapin_writable_on_read;
	/* The swap PTE keeps the exclusive bit (5.19+, per architecture). */
	bool swp_exclusive;
	/* Reclaim keeps maybe-pinned pages out of swap (5.19+ table). */
	bool reclaim_refuses_pinned;
	/* mprotect maps exclusive anon PTEs writable at once (6.0+). */
	bool mprotect_upgrade;
	/*
	 * ...clean ones too, and exclusive huge PMDs (6.2+); 6.0 and 6.1
	 * upgrade only dirty PTEs.
	 */
	bool mprotect_upgrade_clean;
	/*
	 * swap_writepage notes a zero-filled folio in the device's zeromap
	 * and does no I/O, so reclaim frees it at once (6.12+, commit
	 * 0ca0c24e3211); before, it is written like any folio.
	 */
	bool swap_zeromap;
	/*
	 * GUP refuses a FOLL_WRITE | FOLL_PIN | FOLL_LONGTERM pin of a
	 * shared writable mapping that needs dirty tracking (a regular
	 * file, not shmem) with EFAULT, slow and fast (6.5+: 8ac268436e6d
	 * and a6e79df92e4a, writable_file_mapping_allowed,
	 * gup_fast_folio_allowed); before, it pinned.
	 */
	bool gup_longterm_file_write_refused;
	/*
	 * move_pages(2) reports an address with nothing mapped as ENOENT
	 * (6.12+: add_page_for_migration walks with folio_walk_start);
	 * before, follow_page(FOLL_DUMP) made it EFAULT in an anon VMA.
	 */
	bool migrate_none_enoent;
	/*
	 * A write fault on the huge zero PMD maps a new THP
	 * (do_huge_zero_wp_pmd, 6.13+) instead of splitting the PMD and
	 * copying 4 KiB.
	 */
	bool huge_zero_wp_thp;
	/*
	 * A write fault on a PTE-mapped page of a large anon folio may reuse
	 * it when the folio is mapped by this process alone and has no other
	 * reference (__wp_can_reuse_large_anon_folio, 6.15+); before, a
	 * large folio is always copied.
	 */
	bool wp_reuse_large;
	/*
	 * mremap(MREMAP_FIXED) may move a range of several VMAs, VMA by VMA,
	 * holes included (6.17+); before, the range must lie in one VMA.
	 */
	bool mremap_multi_vma;
	/*
	 * madvise(MADV_HWPOISON) is an action-required error: the caller is
	 * always collected and gets BUS_MCEERR_AR when the data is lost
	 * (madvise_inject_error passes MF_ACTION_REQUIRED to memory_failure,
	 * 6.11+: "mm/madvise: add MF_ACTION_REQUIRED to
	 * madvise(MADV_HWPOISON)"); before, the caller is told only if it
	 * is early-kill, with BUS_MCEERR_AO, and a page poisoned already is
	 * -EHWPOISON without a signal (kill_accessing_process not called).
	 */
	bool mf_madvise_action_required;
	/*
	 * A THP that cannot be split tells everyone mapping it (the caller
	 * BUS_MCEERR_AR) and memory_failure is -EHWPOISON (kill_procs_now,
	 * 6.11+: "mm/memory-failure: send SIGBUS in the event of thp split
	 * fail"); before, "unsplit thp" is MF_IGNORED, -EBUSY, nobody told.
	 */
	bool mf_unsplit_thp_kill;
	/*
	 * Splitting an anon THP maps its zero-filled pages to the shared
	 * zero page (remap_page with RMP_USE_SHARED_ZEROPAGE, 6.12+:
	 * b1f202060afe "mm: remap unused subpages to shared zeropage when
	 * splitting isolated thp"); before, each stays mapped as it is.
	 */
	bool thp_split_zeropage;
	/*
	 * swapoff meets a poisoned swap-cache page: the swap PTE becomes a
	 * hwpoison entry, whose fault is BUS_MCEERR_AR (unuse_pte checks
	 * PageHWPoison, 6.2+: "mm: hwpoison: support recovery from
	 * ksm_might_need_to_copy()"); before, unuse_pte sees only that the
	 * page is not uptodate (memory failure cleared it) and leaves a
	 * swap-in error entry (SWP_SWAPIN_ERROR, 6.0-6.1), whose fault is
	 * VM_FAULT_SIGBUS, BUS_ADRERR.
	 */
	bool swapoff_hwpoison_entry;
	/*
	 * A memory error in a page-table page (mm/memory-failure.c): false
	 * is every kernel so far (6.12: not an LRU page, so the handler
	 * gives up -- "unhandlable" -- and the table stays in use, held
	 * back from the allocator once freed); true is origin.pt-mm's
	 * proposal (docs/origins.md): the table names its mm in pt_mm,
	 * whose process is killed, tearing its tables down.  A knob
	 * (pt_poison=kill), in no named design.
	 */
	bool pt_poison_kill;
	/*
	 * MADV_COLLAPSE collapses a block whose PTEs are all read-only (seen
	 * on this machine's 6.18: after fork, and in a PROT_READ VMA); 6.12
	 * wants one writable PTE (hpage_collapse_scan_pmd: SCAN_PAGE_RO).
	 */
	bool collapse_ro;
	/*
	 * A swap-in that skips the swap cache (a SWP_SYNCHRONOUS_IO device,
	 * one user of the slot) may read a large folio of an enabled mTHP
	 * order whole (do_swap_page, alloc_swap_folio, 6.12+: 242d12c98174
	 * "mm: support large folios swap-in for sync io devices"); before,
	 * one page.
	 */
	bool swapin_large;
	/*
	 * ksmd checksums a page that is not KSM before searching the stable
	 * tree, so a page changed since the last scan does not merge even
	 * into an existing KSM page (6.12 and 6.18; 6.1 searches the stable
	 * tree first: seen on vm:6.1 with 4716).
	 */
	bool ksm_checksum_first;
	/*
	 * A shmem swap-in that misses the swap cache on a SWP_SYNCHRONOUS_IO
	 * device (zram) reads the slot into a new folio that never enters
	 * the swap cache, with no readahead (mm/shmem.c: shmem_swapin_folio,
	 * shmem_swap_alloc_folio; 6.14+: 1dd44c0af4fa "mm: shmem: skip
	 * swapcache for swapin of synchronous swap device", unconditional
	 * from 6.17: 69805ea79db6 "mm/shmem, swap: never use swap cache and
	 * readahead for SWP_SYNCHRONOUS_IO"); before, every device reads
	 * through the swap cache with cluster readahead
	 * (shmem_swapin_cluster, swap_cluster_readahead).
	 */
	bool shmem_swapin_direct;
	/*
	 * When a slot allocation fills a device while swap is more than half
	 * full (vm_swap_full), the device's full clusters give back every
	 * slot only the swap cache holds (swap_range_alloc schedules
	 * reclaim_work: swap_reclaim_full_clusters, __try_to_reclaim_swap
	 * with TTRS_ANYWAY; cluster_alloc_swap_entry also calls it when no
	 * free or nonfull cluster is left).  6.12 has it for a device with
	 * clusters, a non-rotational one (si->cluster_info: the model's
	 * SWP_SYNCHRONOUS_IO device, zram); 6.18 for a swap file on a
	 * rotational disk too (seen with 4017; 6.12 keeps those slots).
	 */
	enum sim_swap_full_reclaim {
		SIM_SWAP_FULL_RECLAIM_NONE,
		SIM_SWAP_FULL_RECLAIM_NONROT,
		SIM_SWAP_FULL_RECLAIM_ALL,
	} swap_full_reclaim;
	/*
	 * A split for reclaim (split_folio_to_list) leaves the other pages
	 * on reclaim's list so that the last page is swapped right after
	 * the first, then the others down (seen on 6.18, 8123:
	 * __split_unmapped_folio adds them from the second up and
	 * shrink_folio_list takes its list from the tail); before (6.12:
	 * __split_huge_page adds them from the last down), the second page
	 * right after the first, then the others up.  Which slot each page
	 * gets follows.
	 */
	bool split_list_last_first;
	/*
	 * The swap slot allocator (mm/swapfile.c: folio_alloc_swap).
	 * SCAN (up to 6.12): a device with clusters, a non-rotational one
	 * (the model's zram), allocates from the CPU's cluster, then a free
	 * cluster, then nonfull and fragmented ones (cluster_alloc_swap_entry);
	 * a rotational one (the model's swap file) scans linearly from where
	 * the last allocation stopped (scan_swap_map_slots, cluster_next).
	 * CLUSTERS (6.13 rework, seen on 6.18): every device has clusters, a
	 * rotational one one global cluster (si->global_cluster), and a
	 * nonfull cluster goes before a free one.
	 */
	enum sim_swap_alloc {
		SIM_SWAP_ALLOC_SCAN,
		SIM_SWAP_ALLOC_CLUSTERS,
	} swap_alloc;
};

/* The default: this machine's kernel (6.18) for base pages. */
#define SIM_POLICY_DEFAULT "latest"

#endif /* MMSIM_LINUX_SIM_POLICY_H */
