// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend's machine-wide operations: swap, migration and
 * KSM, which act beyond the scenario's own processes.
 *
 * The machine lock (host/machine.h) is taken before the first use of swap
 * or KSM and held to the end of the scenario, so that two mmsims do not
 * share a swap device or ksmd.  `swapout` is MADV_PAGEOUT in the agent,
 * on the machine's own swap if it has one (never changed), else on a swap
 * device made for the scenario (host/machine.c): a swap file, or a zram
 * device for `swapdev sync`; then the backend waits for the writeback of
 * the pages and drains the per-CPU LRU batches, so that a write fault
 * after it sees what the model sees.  KSM: `madvise mergeable` is
 * MADV_MERGEABLE, `ksm` lets ksmd run with a fast scan until it has
 * completed enough full scans.  Migration cannot be forced on a machine
 * with one NUMA node.  docs/kernel-backend.md has the details.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "host/agent.h"
#include "host/kernel.h"
#include "host/machine.h"
#include "host/procfs.h"
#include "scenario/backend.h"

/*
 * The machine lock (host/machine.h), taken before the first use of swap or
 * KSM and held to the end of the scenario.  Waiting for another mmsim's
 * scenario is not this scenario's time: the deadline moves by the wait.
 */
int k_machine_lock(struct kernel_backend *k)
{
	struct timespec t0, t1;
	char why[256];
	int ret;

	if (k->machine_locked)
		return 0;
	if (k->b.broken)
		return -EIO;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ret = sim_machine_lock(K_LOCK_TIMEOUT_S * 1000, why, sizeof(why));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	k->deadline.tv_sec += t1.tv_sec - t0.tv_sec;
	if (ret) {
		snprintf(k->broken_why, sizeof(k->broken_why),
			 "swap and KSM: %s", why);
		k->b.broken = k->broken_why;
		k->b.broken_err = ret;
		k_kill_all(k);
		return -EIO;
	}
	k->machine_locked = true;
	k_counters_locked(k);
	return 0;
}

/*
 * The scenario's swap, before the first swap-out: the machine's own swap
 * if one is on (used as it is), else a device made for the scenario: a
 * swap file, or with `swapdev sync` a zram device, above the machine's
 * devices in priority so that the scenario's pages go there.
 */
static int k_swap_ready(struct kernel_backend *k)
{
	struct sim_machine_swaps sw;
	int ret, prio;

	if (k->swap != K_SWAP_UNSET)
		return 0;
	ret = k_machine_lock(k);
	if (ret)
		return ret;
	/*
	 * The swap readahead window's maximum is 1 << page-cluster
	 * (swap_vma_ra_win): the model's 3, put back at the end.
	 */
	ret = sim_machine_page_cluster(K_PAGE_CLUSTER);
	if (ret) {
		snprintf(k->swap_why, sizeof(k->swap_why),
			 "swap: cannot set vm.page-cluster to %d: %s",
			 K_PAGE_CLUSTER, strerror(-ret));
		return k_unsupported(k, k->swap_why);
	}
	if (sim_machine_swaps(&sw))
		return k_unsupported(k, "swap: cannot read /proc/swaps");
	if (sw.n && k->swap_pages) {
		snprintf(k->swap_why, sizeof(k->swap_why),
			 "swapdev pages: the machine's own swap %s is on, "
			 "and its size counts in vm_swap_full",
			 sw.top);
		return k_unsupported(k, k->swap_why);
	}
	if (sw.n && !k->want_sync) {
		if (sw.top_sync) {
			snprintf(k->swap_why, sizeof(k->swap_why),
				 "swapdev file: the machine's own swap %s is "
				 "a SWP_SYNCHRONOUS_IO (zram) device, which "
				 "mmsim does not touch",
				 sw.top);
			return k_unsupported(k, k->swap_why);
		}
		k->swap = K_SWAP_MACHINE;
		return 0;
	}
	prio = !sw.n ? -1 : sw.max_prio < 0 ? 0 : sw.max_prio + 1;
	ret = sim_machine_swap_create(k->want_sync, prio,
				      k->swap_pages *
					      (unsigned long)getpagesize(),
				      k->swap_why, sizeof(k->swap_why));
	if (ret)
		return k_unsupported(k, k->swap_why);
	k->swap = K_SWAP_OURS;
	return 0;
}

/*
 * Empty every CPU's per-CPU LRU batches, as lru_add_drain_all() does.
 * The end of a swap-out's writeback puts the page in a batch of the CPU
 * that took the I/O completion (folio_end_writeback ->
 * folio_rotate_reclaimable), holding a reference until that CPU drains
 * it; a write fault meanwhile sees the extra reference and copies instead
 * of reusing (wp_can_reuse_anon_folio).  migrate_pages(2) from a node to
 * itself moves nothing, but do_migrate_pages() calls lru_cache_disable(),
 * which drains every CPU and waits for it.  Best effort: without NUMA
 * (ENOSYS) there is no other user-space trigger.
 */
static void k_lru_drain_all(void)
{
	unsigned long nodes = 1; /* node 0, which every machine has */

	syscall(SYS_migrate_pages, 0, sizeof(nodes) * 8, &nodes, &nodes);
}

/*
 * Wait until the pages a swap-out wrote are no longer under writeback
 * (kpageflags bit 8): a write fault on a page still under writeback cannot drop
 * its swap cache and copies (docs/kernel-observations.md obs.writeback-window:
 * 100-200 us on a swap file; a zram write completes at once).
 */
static int k_settle_writeback(struct kernel_backend *k, const uint64_t *pfns,
			      unsigned long n)
{
	struct timespec ts = { 0, 50000 };
	unsigned long i;
	uint64_t flags;
	int ret;

	for (i = 0; i < n; i++) {
		while (!(ret = k_check_time(k, "waiting for the writeback of "
					       "the pages swapped out")) &&
		       !sim_kpageflags_read(pfns[i], &flags) &&
		       (flags & KPF_BIT(KPF_WRITEBACK)))
			nanosleep(&ts, NULL);
		if (ret)
			return ret;
	}
	k_lru_drain_all();
	return 0;
}

/* MADV_PAGEOUT of @npages at @addr in the agent of @proc. */
int k_pageout(struct kernel_backend *k, int proc, unsigned long addr,
	      unsigned long npages)
{
	struct k_proc *p = k_proc(k, proc);
	unsigned long n = 0, i;
	uint64_t *pm;
	int ret;

	if (!p)
		return -ESRCH;
	ret = k_swap_ready(k);
	if (ret)
		return ret;
	/*
	 * The pages mapped now: the ones whose writeback may start.  One
	 * pagemap read in chunks, within the time limit (a read per page
	 * took 77 s for 16 Mi pages).  The PFNs take the place of the
	 * entries as they are read: pm[n] never passes pm[i].
	 */
	pm = calloc(npages ? npages : 1, sizeof(*pm));
	if (!pm)
		abort();
	ret = sim_pagemap_read_until(p->pid, addr, npages, pm, &k->deadline);
	if (ret == -ETIMEDOUT)
		ret = k_timeout(k, "reading the pagemap of process %d (pid %d)",
				proc, (int)p->pid);
	for (i = 0; !ret && i < npages; i++)
		if ((pm[i] & PM_PRESENT) && (pm[i] & PM_PFN_MASK))
			pm[n++] = pm[i] & PM_PFN_MASK;
	/*
	 * MADV_PAGEOUT drains only the LRU batch of the CPU it runs on
	 * (madvise_pageout: lru_add_drain), and a page still in a batch is
	 * not on the LRU, so it cannot be isolated and stays.  A page the
	 * agent faulted on another CPU (the scheduler moves it under load)
	 * would stay mapped: drain every CPU's batch first.
	 */
	if (!ret)
		k_lru_drain_all();
	if (!ret)
		ret = k_range_op(&k->b, proc, SIM_AGENT_MADVISE, addr, npages,
				 MADV_PAGEOUT);
	if (!ret)
		ret = k_settle_writeback(k, pm, n);
	free(pm);
	return ret;
}

/*
 * `swapdev`: the kind of device to make when the scenario first swaps out.
 * A real device's writeback cannot be held back or completed on demand,
 * nor can SWP_STABLE_WRITES be set: those options are unsupported.
 */
int k_swapdev(struct sim_backend *b, bool sync, bool stable_writes,
	      bool slow_writeback, unsigned long pages)
{
	struct kernel_backend *k = kb(b);

	if (stable_writes)
		return k_unsupported(k, "swapdev stable-writes: "
					"SWP_STABLE_WRITES matters only while "
					"a page is under writeback, which "
					"cannot be held on a real device");
	if (slow_writeback)
		return k_unsupported(k, "swapdev slow-writeback: a real "
					"device's writeback cannot be held "
					"back until writeback-done");
	if (sync && access("/sys/class/zram-control/hot_add", F_OK))
		return k_unsupported(k, "swapdev sync: no zram (CONFIG_ZRAM, "
					"/sys/class/zram-control)");
	if (k->swap != K_SWAP_UNSET &&
	    (sync != k->want_sync || pages != k->swap_pages))
		return -EBUSY;
	k->want_sync = sync;
	k->swap_pages = pages;
	return 0;
}

int k_swapout(struct sim_backend *b, int proc, unsigned long addr,
	      unsigned long npages)
{
	return k_pageout(kb(b), proc, addr, npages);
}

/*
 * swapoff(2) of the scenario's own device, which is removed at once: the
 * scenario has no swap from then on.  Never of the machine's own swap.
 */
int k_swapoff(struct sim_backend *b)
{
	struct kernel_backend *k = kb(b);
	struct sim_machine_swaps sw;
	int ret;

	ret = k_seen_check(k);
	if (ret)
		return ret;
	if (k->swap == K_SWAP_UNSET) {
		ret = k_machine_lock(k);
		if (ret)
			return ret;
		if (sim_machine_swaps(&sw))
			return k_unsupported(k, "swapoff: cannot read "
						"/proc/swaps");
		k->swap = sw.n ? K_SWAP_MACHINE : K_SWAP_OFF;
	}
	switch (k->swap) {
	case K_SWAP_MACHINE:
		return k_unsupported(k, "swapoff would swap off the machine's "
					"own swap");
	case K_SWAP_OURS:
		ret = sim_machine_swap_remove();
		if (ret)
			return ret;
		k->swap = K_SWAP_OFF;
		return 0;
	default:
		return 0;
	}
}

int k_writeback_done(struct sim_backend *b)
{
	return k_unsupported(kb(b), "writeback-done: a real device's "
				    "writeback cannot be completed on "
				    "demand");
}

/*
 * move_pages(2) moves a page to another NUMA node; on its own node it
 * does nothing, and no other way to move one given page exists from user
 * space here (MADV_SOFT_OFFLINE needs CONFIG_MEMORY_FAILURE; memory
 * offlining moves whole blocks of the machine).  Where the page is can
 * still be asked: nothing mapped is ENOENT and the zero page EFAULT
 * (do_pages_stat_array), as for a migration; any page that would move is
 * unsupported.
 */
int k_migrate(struct sim_backend *b, int proc, unsigned long addr)
{
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	void *pages[1] = { (void *)addr };
	int status = 0;

	if (!p)
		return -ESRCH;
	if (syscall(SYS_move_pages, p->pid, 1UL, pages, NULL, &status, 0))
		return -errno;
	if (status < 0)
		return status;
	return k_unsupported(k, "migrate: move_pages(2) moves a page only to "
				"another NUMA node, and nothing else moves "
				"one given page from user space on this "
				"kernel (no CONFIG_MEMORY_FAILURE for "
				"MADV_SOFT_OFFLINE)");
}

/*
 * Whether an agent is still registered with KSM (MMF_VM_MERGEABLE, the
 * ksm_mergeable line of /proc/PID/ksm_stat): ksmd scans it in every full
 * scan until it finds no mergeable region in it.  A kernel without the
 * line (before 6.8): assume so, and let the time limit end the wait.
 */
static bool k_ksm_busy(void *ctx)
{
	struct kernel_backend *k = ctx;
	int i, ret;

	for (i = 0; i < k->nprocs; i++) {
		if (k->procs[i].sock < 0)
			continue;
		ret = sim_ksm_mergeable(k->procs[i].pid);
		/*
		 * Before ksm_stat's ksm_mergeable (6.12 has none), a VMA
		 * still VM_MERGEABLE keeps ksmd scanning the mm.
		 */
		if (ret == -ENODATA)
			ret = sim_vmas_mergeable(k->procs[i].pid);
		if (ret == 1)
			return true;
	}
	return false;
}

static bool k_ksm_always(void *ctx)
{
	return true;
}

/* Whether a process of the machine other than mmsim's is in ksmd's list. */
static bool k_ksm_others(struct kernel_backend *k)
{
	struct dirent *de;
	DIR *d = opendir("/proc");
	bool found = false;
	int ret;

	if (!d)
		return true;
	while (!found && (de = readdir(d))) {
		pid_t pid = (pid_t)atoi(de->d_name);

		if (pid <= 0)
			continue;
		ret = sim_ksm_mergeable(pid);
		if (ret == -ENODATA)
			ret = sim_vmas_mergeable(pid);
		found = ret == 1;
	}
	closedir(d);
	return found;
}

/*
 * Before the scenario's first MADV_MERGEABLE: ksmd's scan cursor must be
 * between two scans, or the first full scan counted would be the rest of
 * one under way, which never reaches an mm queued behind the cursor
 * (__ksm_enter).  Another mmsim's ksmd (a smaller pages_to_scan, or
 * before this one) may have stopped mid-scan over other processes' mms,
 * such as QEMU guests' memory (mem-merge): ksmd finishes that scan first,
 * before any of ours is in the list (seen on this machine's 6.18: the
 * second `ksm-scan` of 4715 did not merge).
 */
int k_ksm_sync(struct kernel_backend *k)
{
	int ret;

	if (k->ksm_synced)
		return 0;
	k->ksm_synced = true;
	if (!k_ksm_others(k))
		return 0;
	ret = sim_machine_ksm_start();
	if (ret)
		return 0; /* someone else's ksmd runs: used as it is */
	ret = sim_machine_ksm_wait(1, k_remaining_ms(k) / 2, k_ksm_always,
				   NULL);
	sim_machine_ksm_pause();
	return ret < 0 ?
		       k_timeout(k, "ksmd did not finish the scan under way") :
		       0;
}

/*
 * One `ksm`: ksmd runs with a fast scan (host/machine.c) until it has
 * completed K_KSM_PASSES full scans (`ksm-scan N`: N), or until no agent
 * is registered with KSM any more, and is stopped again.  A scan is one
 * batch (pages_to_scan is above any scenario's pages, and a batch ends
 * where a full scan does: scan_get_next_rmap_item), so ksmd stops
 * between scans.  No wait ends on a quiet period:
 * under CPU load ksmd (nice 5) may not complete a scan for a long time,
 * and the pages must be merged all the same.  If someone else runs KSM on
 * the machine, it is used as it is: then it also merges between
 * statements, which the model does not.
 */
int k_ksm(struct sim_backend *b, unsigned int scans)
{
	struct kernel_backend *k = kb(b);
	unsigned long cow_ksm = k_cow_ksm();
	int ret, shared;

	ret = k_machine_lock(k);
	if (!ret)
		ret = k_seen_check(k);
	if (ret)
		return ret;
	shared = sim_machine_ksm_start();
	if (shared < 0) {
		snprintf(k->swap_why, sizeof(k->swap_why),
			 "ksm: cannot start ksmd: %s", strerror(-shared));
		return k_unsupported(k, k->swap_why);
	}
	if (!scans)
		scans = K_KSM_PASSES;
	ret = sim_machine_ksm_wait(scans, k_remaining_ms(k), k_ksm_busy, k);
	sim_machine_ksm_pause();
	k_seen_ksm_churn(k, cow_ksm);
	if (ret < 0)
		return k_timeout(k, "ksmd did not complete %u full scans",
				 scans);
	return 0;
}
