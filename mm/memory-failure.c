// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/memory-failure.c at v6.12 for what the model has: a memory
 * error in a small anonymous page, as MADV_HWPOISON injects it
 * (madvise_inject_error: the caller's memory_failure with
 * MF_ACTION_REQUIRED and MF_COUNT_INCREASED), in a THP (split first:
 * mm/huge_memory.c, split_huge_page), in the shared zero page, and in a
 * page-table page (hwpoison-inject's corrupt-pfn: memory_failure with no
 * flag).  docs/kernel-rules.md, hwpoison.*, states the rules.  What 6.1
 * decides otherwise are policy decisions: MADV_HWPOISON without
 * MF_ACTION_REQUIRED (mf_madvise_action_required) and an unsplit THP
 * ignored (mf_unsplit_thp_kill); the THP split's zero pages and swapoff's
 * entry live in mm/huge_memory.c and mm/swapfile.c.
 *
 * The steps, as the kernel takes them: PG_hwpoison is set first (a page
 * poisoned already only tells the caller again: kill_accessing_process);
 * a large folio is split (an unsplittable one, e.g. pinned, gets its
 * processes signalled and stays as it is); a page off the LRU is left
 * alone; for an LRU page the processes mapping it are collected through
 * the rmap (the caller always, the others if they asked for early kill),
 * every PTE is unmapped -- into a hwpoison entry, or into an ordinary
 * swap entry for a swap-cache page, which a pin can stop -- and, if the
 * page was dirty (no clean copy anywhere) or the unmap failed, the
 * collected processes get SIGBUS: BUS_MCEERR_AR for the caller,
 * BUS_MCEERR_AO for the others.  Then the page's state decides
 * (error_states): a dirty swap-cache page stays in the swap cache, where
 * a fault finds it poisoned; a clean one leaves it, and a fault reads the
 * slot again; any other anon page is simply dropped.  memory_failure
 * keeps the reference GUP took: the page never returns to the allocator.
 *
 * A shmem page (6.12: me_pagecache_dirty, me_pagecache_clean,
 * shmem_error_remove_folio) is unmapped into hwpoison entries as an anon
 * one, its processes collected from the file's VMAs, and stays in the
 * page cache, poisoned: a fault there is VM_FAULT_HWPOISON (__do_fault),
 * fault-around passes it over, a hole punch takes it out of the file
 * (hwpoison.shmem).
 *
 * Deviations: no hugetlb, no regular file pages and no shmem page in the
 * swap cache (-ENOSYS, before anything changed), no read(), write() or
 * fsync() to see the mapping's -EIO, no KSM-specific collection (the rmap walk finds a
 * KSM page's PTEs as any other); the process's signals are counted
 * (mm->sim_sigbus) rather than delivered, as every process of a scenario
 * catches SIGBUS; the signals are collected per PTE, where the kernel
 * collects per VMA (the same for anonymous memory, where a page has one
 * address per process).
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "linux/huge_mm.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/sim_machine.h"

/* memory_failure's flags (the kernel's values). */
#define MF_COUNT_INCREASED BIT(0)
#define MF_ACTION_REQUIRED BIT(1)
#define MF_MUST_KILL BIT(2)
#define MF_SW_SIMULATED BIT(5)

/* What page_action made of the page (action_result). */
enum mf_result {
	MF_IGNORED,
	MF_FAILED,
	MF_DELAYED,
	MF_RECOVERED,
};

static const char *const mf_result_name[] = {
	[MF_IGNORED] = "Ignored",
	[MF_FAILED] = "Failed",
	[MF_DELAYED] = "Delayed",
	[MF_RECOVERED] = "Recovered",
};

/* One process to tell, at the address where it maps the page. */
struct to_kill {
	struct mm_struct *mm;
	unsigned long addr;
};

/* One memory_failure call: who called, with what, and whom to tell. */
struct mf_call {
	struct sim *sim;
	struct mm_struct *current;
	int flags;
	struct to_kill *tk;
	unsigned int nr_tk, tk_cap;
	/* The signal the caller itself got (SIM_SIG_CODE), or 0. */
	int caller_sig;
};

/*
 * task_early_kill - whether @mm's process hears of the error now: the
 * caller of an action-required error always; another process if it asked
 * for early kill (PR_MCE_KILL_EARLY), or left it to the sysctl
 * vm.memory_failure_early_kill and that says so (find_early_kill_thread).
 */
static bool task_early_kill(struct mf_call *mf, struct mm_struct *mm)
{
	if ((mf->flags & MF_ACTION_REQUIRED) && mm == mf->current)
		return true;
	switch (mm->sim_mce_kill) {
	case SIM_MCE_KILL_EARLY:
		return true;
	case SIM_MCE_KILL_LATE:
		return false;
	default:
		return mf->sim->sysctl_memory_failure_early_kill;
	}
}

static void add_to_kill(struct mf_call *mf, struct mm_struct *mm,
			unsigned long addr)
{
	if (mf->nr_tk == mf->tk_cap) {
		mf->tk_cap = mf->tk_cap ? 2 * mf->tk_cap : 8;
		mf->tk = realloc(mf->tk, mf->tk_cap * sizeof(*mf->tk));
		if (!mf->tk)
			abort();
	}
	mf->tk[mf->nr_tk++] = (struct to_kill){ .mm = mm, .addr = addr };
}

static bool collect_one(struct folio *folio, struct vm_area_struct *vma,
			unsigned long address, pte_t *ptep, void *arg)
{
	struct mf_call *mf = arg;

	if (task_early_kill(mf, vma->vm_mm))
		add_to_kill(mf, vma->vm_mm, address);
	return true;
}

/*
 * collect_procs_file - the processes to tell of a page cache (shmem)
 * folio: every VMA of the file that covers its index, whether or not its
 * PTE maps the page (an early-kill process wants to hear of any
 * corruption of the file it maps), in each process that is told now.
 * The kernel looks the VMAs up in the mapping's i_mmap tree, per task;
 * the model scans every live mm.
 */
static void collect_procs_file(struct mf_call *mf, struct folio *folio)
{
	struct address_space *mapping =
		(struct address_space *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(mf->sim, mm, m) {
		struct vm_area_struct *vma;

		if (!task_early_kill(mf, mm))
			continue;
		for_each_vma(mm, vma) {
			unsigned long addr;

			if (vma->vm_mapping != mapping ||
			    folio->index < vma->vm_pgoff)
				continue;
			addr = vma->vm_start +
			       ((folio->index - vma->vm_pgoff) << PAGE_SHIFT);
			if (addr < vma->vm_end)
				add_to_kill(mf, mm, addr);
		}
	}
}

/*
 * collect_procs - the processes to tell, found before the unmap takes the
 * rmap down: through the anon rmap (collect_procs_anon) or the file's
 * VMAs (collect_procs_file).
 */
static void collect_procs(struct mf_call *mf, struct folio *folio)
{
	struct rmap_walk_control rwc = {
		.arg = mf,
		.rmap_one = collect_one,
	};

	if (!folio_test_anon(folio)) {
		collect_procs_file(mf, folio);
		return;
	}
	rmap_walk(folio, &rwc);
}

/*
 * kill_proc - SIGBUS with the error's address: BUS_MCEERR_AR for the
 * caller of an action-required error (force_sig_mceerr), BUS_MCEERR_AO
 * for anyone else (send_sig_mceerr).
 */
static void kill_proc(struct mf_call *mf, struct to_kill *tk, unsigned long pfn)
{
	int code = BUS_MCEERR_AO;

	if ((mf->flags & MF_ACTION_REQUIRED) && tk->mm == mf->current) {
		code = BUS_MCEERR_AR;
		mf->caller_sig = SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR);
	}
	tk->mm->sim_sigbus[code]++;
	sim_trace(mf->sim, "kill_proc: pfn %#lx: SIGBUS %s to mm%u at %#lx",
		  pfn,
		  code == BUS_MCEERR_AR ? "BUS_MCEERR_AR" : "BUS_MCEERR_AO",
		  tk->mm->mm_id, tk->addr);
}

/* kill_procs - tell the collected processes if @forcekill, then forget them. */
static void kill_procs(struct mf_call *mf, bool forcekill, unsigned long pfn)
{
	unsigned int i;

	for (i = 0; forcekill && i < mf->nr_tk; i++)
		if (!mf->tk[i].mm->dead)
			kill_proc(mf, &mf->tk[i], pfn);
	mf->nr_tk = 0;
}

static int action_result(struct mf_call *mf, unsigned long pfn,
			 const char *type, enum mf_result result)
{
	sim_trace(mf->sim, "memory_failure: %#lx: recovery action for %s: %s",
		  pfn, type, mf_result_name[result]);
	return (result == MF_RECOVERED || result == MF_DELAYED) ? 0 : -EBUSY;
}

/*
 * unmap_poisoned_folio - every PTE of the folio goes: a hwpoison entry,
 * except for a swap-cache folio, whose PTEs become swap entries of its
 * slot, so that the fault finds it there (TTU_HWPOISON dropped).  mlock
 * does not stop it.
 */
static bool unmap_poisoned_folio(struct mf_call *mf, struct folio *folio,
				 unsigned long pfn)
{
	enum ttu_flags ttu = TTU_IGNORE_MLOCK | TTU_HWPOISON;

	if (folio_test_swapcache(folio)) {
		sim_trace(mf->sim,
			  "memory_failure: %#lx: keeping poisoned page in swap "
			  "cache",
			  pfn);
		ttu &= ~TTU_HWPOISON;
	}
	try_to_unmap(folio, ttu);
	return !folio_mapped(folio);
}

/*
 * hwpoison_user_mappings - collect the processes, unmap, and tell them if
 * the data is lost (the folio was dirty) or the unmap failed.  Returns
 * whether every PTE went.
 */
static bool hwpoison_user_mappings(struct mf_call *mf, struct folio *folio,
				   unsigned long pfn)
{
	bool unmap_success, forcekill;

	if (!folio_test_lru(folio) || !folio_mapped(folio))
		return true;
	collect_procs(mf, folio);
	unmap_success = unmap_poisoned_folio(mf, folio, pfn);
	if (!unmap_success)
		sim_trace(mf->sim,
			  "memory_failure: %#lx: failed to unmap page "
			  "(mapcount=%d)",
			  pfn, folio_mapcount(folio));
	forcekill = folio_test_dirty(folio) || (mf->flags & MF_MUST_KILL) ||
		    !unmap_success;
	kill_procs(mf, forcekill, pfn);
	return unmap_success;
}

/*
 * has_extra_refcount - someone besides memory_failure (and, with
 * @extra_pins, the swap cache) holds the page: the recovery failed.
 */
static bool has_extra_refcount(struct mf_call *mf, struct page *p,
			       const char *type, bool extra_pins)
{
	int count = folio_ref_count(page_folio(p)) - 1;

	if (extra_pins)
		count -= 1;
	if (count > 0) {
		sim_trace(mf->sim,
			  "memory_failure: %#lx: %s still referenced by %d "
			  "users",
			  page_to_pfn(p), type, count);
		return true;
	}
	return false;
}

/*
 * identify_page_state and page_action for an anon page: a dirty
 * swap-cache page stays there, not uptodate, for the faults to find
 * (me_swapcache_dirty); a clean one leaves the swap cache, whose slot
 * still holds the data (me_swapcache_clean); any other anon page is
 * dropped from the LRU and is done with (me_pagecache_clean).
 */
static int identify_page_state(struct mf_call *mf, struct page *p,
			       unsigned long page_flags)
{
	struct folio *folio = page_folio(p);
	unsigned long pfn = page_to_pfn(p);
	bool dirty = folio_test_dirty(folio) || (page_flags & BIT(PG_dirty));
	enum mf_result res;
	const char *type;

	if (folio_test_swapcache(folio) && dirty) {
		type = "dirty swapcache page";
		folio_clear_dirty(folio);
		folio_clear_uptodate(folio);
		folio_clear_lru(folio);
		res = MF_DELAYED;
		if (has_extra_refcount(mf, p, type, true))
			res = MF_FAILED;
	} else if (folio_test_swapcache(folio)) {
		type = "clean swapcache page";
		delete_from_swap_cache(folio);
		folio_clear_lru(folio);
		res = MF_RECOVERED;
		if (has_extra_refcount(mf, p, type, false))
			res = MF_FAILED;
	} else if (folio_test_lru(folio) && folio_test_anon(folio)) {
		type = dirty ? "dirty LRU page" : "clean LRU page";
		folio_clear_lru(folio);
		res = MF_RECOVERED;
	} else if (folio_test_lru(folio) && folio->mapping) {
		/*
		 * A shmem page (me_pagecache_dirty, me_pagecache_clean): a
		 * dirty one sets -EIO on the mapping for write() and fsync()
		 * to report (mapping_set_error; the model has no file
		 * descriptor to report it on); truncate_error_folio calls
		 * shmem_error_remove_folio, which keeps the folio in the page
		 * cache, poisoned, for shmem_fault and read() to refuse; the
		 * cache's reference is expected (extra_pins).
		 */
		type = dirty ? "dirty LRU page" : "clean LRU page";
		if (dirty)
			sim_trace(
				mf->sim,
				"memory_failure: %#lx: mapping_set_error(-EIO)",
				pfn);
		folio_clear_lru(folio);
		sim_trace(mf->sim,
			  "memory_failure: %#lx: shmem folio kept in the page "
			  "cache (shmem_error_remove_folio)",
			  pfn);
		res = MF_RECOVERED;
		if (has_extra_refcount(mf, p, type, true))
			res = MF_FAILED;
	} else {
		type = "unknown page";
		res = MF_FAILED;
	}
	return action_result(mf, pfn, type, res);
}

/* Does the caller map @pfn, present or as a hwpoison entry? */
static bool maps_poisoned_pfn(struct mm_struct *mm, unsigned long pfn,
			      unsigned long *addr)
{
	struct vm_area_struct *vma;
	unsigned long a;

	for_each_vma(mm, vma)
		for (a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			const pte_t *ptep = pte_offset_map_ro(mm, a);
			swp_entry_t entry;

			if (!ptep || pte_none(*ptep))
				continue;
			if (pte_present(*ptep)) {
				if (pte_pfn(*ptep) != pfn)
					continue;
			} else {
				entry = pte_to_swp_entry(*ptep);
				if (!is_hwpoison_entry(entry) ||
				    swp_offset(entry) != pfn)
					continue;
			}
			*addr = a;
			return true;
		}
	return false;
}

/*
 * kill_accessing_process - a page poisoned already: the caller of an
 * action-required error that maps it is told (again), the error is
 * -EHWPOISON.
 */
static int kill_accessing_process(struct mf_call *mf, unsigned long pfn)
{
	struct to_kill tk = { .mm = mf->current };

	if (!maps_poisoned_pfn(mf->current, pfn, &tk.addr))
		return 0;
	kill_proc(mf, &tk, pfn);
	return -EHWPOISON;
}

/*
 * try_to_split_thp_page - a poisoned page of a large folio: the folio is
 * split so that only that page is lost (split_huge_page, which keeps our
 * reference on @p); a pin makes it fail.
 */
static int try_to_split_thp_page(struct mf_call *mf, struct page *p)
{
	int ret = split_huge_page(p);

	if (ret)
		sim_trace(mf->sim,
			  "try_to_split_thp_page: pfn %#lx: cannot split "
			  "(%d)",
			  page_to_pfn(p), ret);
	return ret;
}

static bool collect_one_pmd(struct mf_call *mf, struct folio *folio,
			    struct page *p)
{
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(mf->sim, mm, m) {
		struct vm_area_struct *vma;

		if (!task_early_kill(mf, mm))
			continue;
		for_each_vma(mm, vma) {
			unsigned long a;

			for (a = vma->vm_start & PMD_MASK; a < vma->vm_end;
			     a += PMD_SIZE) {
				const pmd_t *pmdp = pmd_offset_map_ro(mm, a);

				if (a < vma->vm_start || !pmdp ||
				    !pmd_trans_huge(*pmdp) ||
				    pmd_pfn(*pmdp) != page_to_pfn(&folio->page))
					continue;
				add_to_kill(mf, mm,
					    a + ((page_to_pfn(p) -
						  page_to_pfn(&folio->page))
						 << PAGE_SHIFT));
			}
		}
	}
	return true;
}

/**
 * memory_failure - a memory error in the page at @pfn.
 * @flags: MF_* (MF_ACTION_REQUIRED: @current touched it;
 *	MF_COUNT_INCREASED: the caller holds a reference, which
 *	memory_failure keeps)
 *
 * Return: 0 when the page was recovered or will be (MF_RECOVERED,
 * MF_DELAYED), -EBUSY when it was not, -EHWPOISON when it was poisoned
 * already or could not be split.
 */
static int memory_failure(struct mf_call *mf, unsigned long pfn)
{
	struct sim *sim = mf->sim;
	struct page *p = pfn_to_page(sim, pfn);
	struct folio *folio = page_folio(p);
	unsigned long page_flags;
	int res;

	/*
	 * Model-only: a shmem page outside the page cache (in the swap
	 * cache, on its way out) and a regular file's page (the kernel
	 * truncates a clean one: generic_error_remove_folio) are not
	 * handled; they stop here, before anything changed (-ENOSYS: "not
	 * implemented yet").
	 */
	if (!PageHWPoison(p) && !is_zero_page(p) && !PageTable(p) &&
	    !folio_test_anon(folio) &&
	    (!folio->mapping || folio_test_swapcache(folio) ||
	     !shmem_mapping((struct address_space *)folio->mapping))) {
		if (mf->flags & MF_COUNT_INCREASED)
			folio_put(folio);
		return -ENOSYS;
	}
	if (PageHWPoison(p)) {
		res = -EHWPOISON;
		if (mf->flags & MF_ACTION_REQUIRED)
			res = kill_accessing_process(mf, pfn);
		if (mf->flags & MF_COUNT_INCREASED)
			folio_put(folio);
		action_result(mf, pfn, "already poisoned page", MF_FAILED);
		return res;
	}
	SetPageHWPoison(p);
	sim_trace(sim, "memory_failure: pfn %#lx: PG_hwpoison set", pfn);

	/* get_hwpoison_page: only LRU (and free) pages are handlable. */
	if (!(mf->flags & MF_COUNT_INCREASED)) {
		if (PageTable(p) || !folio_test_lru(folio)) {
			sim_trace(sim, "memory_failure: %#lx: unhandlable page",
				  pfn);
			return action_result(mf, pfn, "get hwpoison page",
					     MF_IGNORED);
		}
		folio_get(folio);
	}

	if (folio_test_large(folio)) {
		folio_set_has_hwpoisoned(folio);
		if (try_to_split_thp_page(mf, p) < 0) {
			p->flags |= BIT(PG_sim_mf_left);
			sim_touch_page(p);
			if (!sim->policy.mf_unsplit_thp_kill) {
				/* Before 6.11: ignored, nobody is told. */
				folio_put(folio);
				return action_result(mf, pfn, "unsplit thp",
						     MF_IGNORED);
			}
			/* kill_procs_now: everyone is told, nothing unmapped. */
			collect_one_pmd(mf, folio, p);
			collect_procs(mf, folio);
			kill_procs(mf, true, pfn);
			folio_put(folio);
			action_result(mf, pfn, "unsplit thp", MF_FAILED);
			return -EHWPOISON;
		}
		folio = page_folio(p);
	}

	/* The zero page is a reserved kernel page (me_kernel). */
	if (is_zero_page(p))
		return action_result(mf, pfn, "reserved kernel page",
				     MF_IGNORED);

	page_flags = folio->flags;
	if (folio_test_lru(folio) && !hwpoison_user_mappings(mf, folio, pfn))
		return action_result(mf, pfn, "unmapping failed", MF_FAILED);
	return identify_page_state(mf, p, page_flags);
}

/*
 * madvise_inject_error - MADV_HWPOISON of the page at @addr in @mm: take
 * it with GUP (a read fault maps the zero page on an untouched address,
 * and swaps a swapped-out page in), then memory_failure as if @mm had
 * touched it.  *@sig: the signal @mm got meanwhile (SIM_SIG_CODE), or 0.
 */
int madvise_inject_error(struct mm_struct *mm, unsigned long addr, int *sig)
{
	struct mf_call mf = {
		.sim = mm->sim,
		.current = mm,
		.flags = MF_COUNT_INCREASED | MF_SW_SIMULATED,
	};
	struct page *page;
	long got;
	int ret;

	*sig = 0;
	/* An action-required error since 6.11 (mf_madvise_action_required). */
	if (mm->sim->policy.mf_madvise_action_required)
		mf.flags |= MF_ACTION_REQUIRED;
	got = get_user_pages_fast(mm, addr, 1, 0, &page);
	if (got < 0)
		return (int)got;
	if (got != 1)
		return -EFAULT;
	sim_trace(mm->sim,
		  "madvise_inject_error: injecting memory failure for pfn "
		  "%#lx at %#lx (%s)",
		  page_to_pfn(page), addr,
		  (mf.flags & MF_ACTION_REQUIRED) ? "MF_ACTION_REQUIRED" :
						    "no MF_ACTION_REQUIRED");
	ret = memory_failure(&mf, page_to_pfn(page));
	free(mf.tk);
	*sig = mf.caller_sig;
	return ret == -EOPNOTSUPP ? 0 : ret;
}

/*
 * hwpoison_inject - hwpoison-inject's corrupt-pfn on the page mapped at
 * @addr in @mm (mm/hwpoison-inject.c): memory_failure(pfn,
 * MF_SW_SIMULATED), an error nobody touched, as a memory scrubber finds
 * one.  No process is the caller: only early-kill ones are told, with
 * BUS_MCEERR_AO (hwpoison.inject).  -EFAULT when no page is mapped there
 * (the PFN comes from the PTE).
 */
int hwpoison_inject(struct mm_struct *mm, unsigned long addr)
{
	struct mf_call mf = {
		.sim = mm->sim,
		.flags = MF_SW_SIMULATED,
	};
	const pte_t *ptep;
	const pmd_t *pmdp = pmd_offset_map_ro(mm, addr);
	unsigned long pfn;
	int ret;

	if (pmdp && pmd_trans_huge(*pmdp)) {
		pfn = pmd_pfn(*pmdp) + pte_index(addr);
	} else {
		ptep = pte_offset_map_ro(mm, addr);
		if (!ptep || !pte_present(*ptep))
			return -EFAULT;
		pfn = pte_pfn(*ptep);
	}
	sim_trace(mm->sim,
		  "hwpoison_inject: injecting memory failure at pfn "
		  "%#lx",
		  pfn);
	ret = memory_failure(&mf, pfn);
	free(mf.tk);
	return ret == -EOPNOTSUPP ? 0 : ret;
}

/*
 * memory_failure_pgtable - hwpoison-inject's corrupt-pfn on the PTE table
 * mapping @addr in @mm (hwpoison.pgtable).  As in every kernel so far, a
 * table is no LRU page: PG_hwpoison is set, the handler gives up
 * ("unhandlable"), the table stays in use and, once freed, out of the
 * allocator.  With the policy's pt_poison_kill (origin.pt-mm), the table's
 * pt_mm names its process, which is killed, tearing down its tables, the
 * poisoned one included.
 */
int memory_failure_pgtable(struct mm_struct *mm, unsigned long addr)
{
	struct mf_call mf = { .sim = mm->sim, .current = NULL };
	const pmd_t *pmdp = pmd_offset_map_ro(mm, addr);
	struct mm_struct *owner;
	struct page *table;
	unsigned long pfn;
	int ret;

	if (!pmdp || pmd_none(*pmdp) || pmd_leaf(*pmdp))
		return -EFAULT;
	pfn = pmd_pfn(*pmdp);
	table = pfn_to_page(mm->sim, pfn);
	owner = table->pt_mm;
	sim_trace(mm->sim,
		  "memory_failure: pfn %#lx: PTE table of mm%u at %#lx, "
		  "pt_mm mm%d",
		  pfn, mm->mm_id, addr & PMD_MASK,
		  owner ? (int)owner->mm_id : -1);
	ret = memory_failure(&mf, pfn);
	if (!mm->sim->policy.pt_poison_kill || !owner || owner->dead) {
		sim_trace(mm->sim,
			  "memory_failure: pfn %#lx: the table stays in use "
			  "(pt_mm is not consulted)",
			  pfn);
		return ret;
	}
	/* origin.pt-mm: pt_mm says whose it is; that process cannot go on. */
	sim_trace(mm->sim,
		  "memory_failure: pfn %#lx: pt_mm names mm%u: SIGKILL, its "
		  "tables torn down",
		  pfn, owner->mm_id);
	mmput(owner);
	return action_result(&mf, pfn, "page table (pt_mm owner killed)",
			     MF_RECOVERED);
}
