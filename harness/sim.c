// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated machine: creation and destruction of a struct sim, the
 * process-level operations the scenario runner and the public API use
 * (fork, exit, mmap, user loads and stores, GUP handles, DMA), queries that
 * observe a PTE without faulting, and the trace hook.
 *
 * Everything here is simulator machinery: it calls the modelled kernel
 * functions the way system calls and the MMU would.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "linux/huge_mm.h"
#include "linux/ksm.h"
#include "linux/migrate.h"
#include "linux/proc_fs.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "linux/userfaultfd_k.h"
#include "harness/harness.h"
#include "harness/policy.h"

/*
 * The default swap device: a swap file, like this machine's, of 64 MiB
 * as the kernel backend makes it (16384 pages, the header included): 32
 * clusters, where the allocator goes (docs/kernel-rules.md swap.alloc).
 * Only the slots used cost memory (swap_slot_room()).
 */
#define SIM_SWAP_SLOTS 16384

struct sim *sim_create(void)
{
	struct sim *sim = calloc(1, sizeof(*sim));
	struct folio *zero;

	if (!sim)
		abort();
	/*
	 * Nothing was checked yet: the first check looks at everything, and
	 * what is built here need not be recorded as touched.
	 */
	sim_touch_all(sim);
	sim_set_policy(sim, SIM_POLICY_DEFAULT);
	sim->thp_orders = BIT(HPAGE_PMD_ORDER);
	/* mm/ksm.c: ksm_max_page_sharing = 256 */
	sim->ksm_max_page_sharing = 256;
	/* mm/swap_state.c: swapin_readahead_hits = ATOMIC_INIT(4) */
	sim->swap_ra_hits = 4;
	/* PFN 0 is the shared zero page: reserved, never freed. */
	zero = folio_alloc(sim);
	SetPageReserved(&zero->page);
	__folio_mark_uptodate(zero);
	sim_process_create(sim);
	sim_swapon(sim, SIM_SWAP_SLOTS, 0, false);
	return sim;
}

void sim_destroy(struct sim *sim)
{
	struct anon_vma *av, *avn;
	struct address_space *as, *asn;
	struct mm_struct *mm;
	unsigned long c, i;
	unsigned int m;

	if (!sim)
		return;
	/*
	 * No exit is modelled: what the processes hold (VMAs, page tables,
	 * pages) is freed with the machine below, without mmput() walking
	 * every table and zapping every PTE first.
	 */
	for_each_mm_including_dead(sim, mm, m) {
		struct vm_area_struct *vma, *next;

		for_each_vma_safe(mm, vma, next)
			sim_obj_free(sim, vma);
		free(mm->ksm_rmap_items);
		sim_obj_free(sim, mm);
	}
	for (av = sim->anon_vmas; av; av = avn) {
		avn = av->sim_next;
		sim_obj_free(sim, av);
	}
	for (as = sim->mappings; as; as = asn) {
		asn = as->sim_next;
		free(as->pages);
		free(as->swap);
		sim_obj_free(sim, as);
	}
	for (i = 0; i < sim->nr_swapfiles; i++)
		if (sim->swap_info[i])
			swap_info_free(sim, sim->swap_info[i]);
	for (c = 0; c < sim->nr_chunks; c++) {
		/* pt_table overlays private: a data page's is not a pointer. */
		for (i = 0; i < SIM_CHUNK_PAGES &&
			    (c << SIM_CHUNK_SHIFT) + i < sim->nr_pfns;
		     i++)
			if (PageTable(&sim->chunks[c]->pages[i]))
				pt_table_put(sim->chunks[c]->pages[i].pt_table);
		sim_chunk_free(sim->chunks[c]);
	}
	sim_obj_free(sim, sim->chunks);
	sim_obj_free(sim, sim->free_pfns);
	sim_obj_free(sim, sim->mms);
	sim_obj_free(sim, sim->pins);
	sim_obj_free(sim, sim->ksm_dups);
	sim_touch_free(sim);
	free(sim);
}

/*
 * The host memory this thread keeps for its next machines (touch records,
 * page-table entries, memory-map chunks), given back: for a thread that
 * made and destroyed machines and now ends.
 */
void sim_thread_cache_drain(void)
{
	sim_touch_cache_drain();
	sim_host_cache_drain();
}

int sim_set_policy(struct sim *sim, const char *spec)
{
	char err[160];

	return sim_policy_parse(spec, &sim->policy, err, sizeof(err));
}

const char *sim_policy_name(const struct sim *sim)
{
	return sim->policy.name;
}

bool sim_policy_has_anon_exclusive(const struct sim *sim)
{
	return sim->policy.anon_exclusive;
}

void sim_set_trace(struct sim *sim, sim_trace_fn fn, void *ctx)
{
	sim->hooks.trace = fn;
	sim->hooks.trace_ctx = ctx;
}

/* sim_trace() of the hooks header, when a trace hook is set. */
void __sim_trace(struct sim *sim, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	sim->hooks.trace(sim->hooks.trace_ctx, buf);
}

/*
 * Keep a violation met during a statement (a VM_WARN, a broken behaviour
 * property) for the next sim_check() to report; past the first few, drop.
 */
static void __attribute__((format(printf, 4, 5)))
sim_record(struct sim *sim, enum sim_violation_id id, unsigned long pfn,
	   const char *fmt, ...)
{
	struct sim_violation *v;
	va_list ap;

	if (sim->nr_warnings >= ARRAY_SIZE(sim->warnings))
		return;
	v = &sim->warnings[sim->nr_warnings++];
	v->id = id;
	v->invariant = sim_violation_name(id);
	v->pfn = pfn;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
}

void sim_pgflags_bug(const struct page *page, const char *what)
{
	struct sim *sim = page_sim(page);
	unsigned long pfn = page_to_pfn(page);
	unsigned int i;

	/* Only the first violation is kept: it is the one that matters. */
	for (i = 0; i < sim->nr_page_bugs; i++)
		if (sim->page_bugs[i].pfn == pfn)
			break;
	if (i == sim->nr_page_bugs) {
		if (i < ARRAY_SIZE(sim->page_bugs)) {
			sim->page_bugs[i].pfn = pfn;
			sim->page_bugs[i].what = what;
			sim->nr_page_bugs++;
		} else {
			sim->page_bugs_lost++;
			sim_touch_all(sim);
		}
	}
	/* Even a test accessor records a violation: the page is touched. */
	sim_touch_page((struct page *)page);
}

static int page_bug_index(const struct sim *sim, unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < sim->nr_page_bugs; i++)
		if (sim->page_bugs[i].pfn == pfn)
			return (int)i;
	return -1;
}

const char *page_sim_bug(const struct page *page)
{
	const struct sim *sim = page_sim(page);
	int i = page_bug_index(sim, page_to_pfn(page));

	return i < 0 ? NULL : sim->page_bugs[i].what;
}

const char *sim_page_bug_take(struct sim *sim, unsigned long pfn)
{
	int i = sim->nr_page_bugs ? page_bug_index(sim, pfn) : -1;
	const char *what;

	if (i < 0)
		return NULL;
	what = sim->page_bugs[i].what;
	sim->page_bugs[i] = sim->page_bugs[--sim->nr_page_bugs];
	return what;
}

void sim_warn(struct sim *sim, const char *where, const char *what)
{
	sim_record(sim, SIM_V_VM_WARN, ~0UL, "%s: %s", where, what);
}

unsigned long sim_event_count(const struct sim *sim, enum sim_event ev)
{
	return sim->events[ev];
}

unsigned long sim_thp_event_count(const struct sim *sim, enum sim_thp_event ev,
				  unsigned int order)
{
	if (ev >= NR_SIM_THP_EVENTS || order > SIM_THP_MAX_ORDER)
		return 0;
	return sim->thp_events[ev][order];
}

static struct mm_struct *sim_mm(const struct sim *sim, int mm_id)
{
	if (mm_id < 0 || (unsigned int)mm_id >= sim->nr_mms)
		return NULL;
	if (sim->mms[mm_id]->dead)
		return NULL;
	return sim->mms[mm_id];
}

/**
 * sim_teardown - exit every process and release every handle, as at the
 * end of a scenario.
 *
 * Return: the number of pages still allocated besides the zero page; any
 * is a leak.
 */
unsigned long sim_teardown(struct sim *sim)
{
	struct mm_struct *mm;
	unsigned int i;

	for_each_mm(sim, mm, i)
		mmput(mm);
	for (i = 0; i < sim->nr_pins; i++)
		if (sim->pins[i].page)
			sim_unpin(sim, (int)i);
	/* Pages only the swap cache still holds are reclaimable, not leaked. */
	sim_writeback_done(sim);
	for (i = 0; i < sim->nr_swapfiles; i++) {
		struct swap_info_struct *si = sim->swap_info[i];
		unsigned long off;

		for (off = 1; si && off < si->sim_nslots; off++) {
			struct page *page = si->sim_cache[off];

			if (page && !folio_mapped(page_folio(page)))
				folio_free_swap(page_folio(page));
		}
	}
	/*
	 * The huge zero folio is the machine's, like the zero page; so are
	 * the poisoned pages memory failure holds (hwpoison.held).
	 */
	return sim->nr_allocated - 1 - (sim->huge_zero_pfn ? HPAGE_PMD_NR : 0) -
	       sim_hwpoison_held(sim);
}

/* The poisoned pages memory failure keeps a reference to, for good. */
unsigned long sim_hwpoison_held(struct sim *sim)
{
	unsigned long pfn, n = 0;

	for (pfn = SIM_ZERO_PFN + 1; pfn < sim->nr_pfns; pfn++) {
		struct page *page = pfn_to_page(sim, pfn);

		if (PageHWPoison(page) && !PageBuddy(page) && page->_refcount)
			n++;
	}
	return n;
}

int sim_process_create(struct sim *sim)
{
	/* A page's sim_wstamp names at most SIM_MAX_MMS writers. */
	if (sim->nr_mms >= SIM_MAX_MMS)
		return -EAGAIN;
	return mm_alloc(sim)->mm_id;
}

bool sim_process_alive(const struct sim *sim, int mm_id)
{
	return sim_mm(sim, mm_id) != NULL;
}

int sim_fork(struct sim *sim, int mm_id)
{
	struct mm_struct *mm = sim_mm(sim, mm_id), *child;

	if (!mm)
		return -ESRCH;
	/* Ids are not reused: see SIM_MAX_MMS (a deviation). */
	if (sim->nr_mms >= SIM_MAX_MMS)
		return -EAGAIN;
	child = dup_mm(mm);
	if (!child)
		return -ENOMEM;
	return child->mm_id;
}

int sim_exit(struct sim *sim, int mm_id)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	mmput(mm);
	return 0;
}

int sim_poison(struct sim *sim, int mm_id, unsigned long addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	int ret, sig;

	if (!mm)
		return -ESRCH;
	/* madvise(MADV_HWPOISON) needs a VMA, as any madvise. */
	if (!vma_lookup(mm, addr))
		return -ENOMEM;
	ret = madvise_inject_error(mm, addr, &sig);
	return sig ? sig : ret;
}

int sim_corrupt(struct sim *sim, int mm_id, unsigned long addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return hwpoison_inject(mm, addr);
}

int sim_poison_table(struct sim *sim, int mm_id, unsigned long addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return memory_failure_pgtable(mm, addr);
}

int sim_clear_refs(struct sim *sim, int mm_id, int type)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	if (type != SIM_CLEAR_REFS_SOFT_DIRTY)
		return -EINVAL;
	sim_trace(sim, "clear_refs_write: soft-dirty cleared in mm %d", mm_id);
	return clear_refs_write(mm, CLEAR_REFS_SOFT_DIRTY);
}

int sim_mce_kill(struct sim *sim, int mm_id, enum sim_mce_kill how)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	if (how > SIM_MCE_KILL_LATE)
		return -EINVAL;
	mm->sim_mce_kill = (u8)how;
	return 0;
}

void sim_set_mce_early_kill(struct sim *sim, bool early)
{
	sim->sysctl_memory_failure_early_kill = early;
}

int sim_sigbus_count(const struct sim *sim, int mm_id, int code,
		     unsigned long *count)
{
	const struct mm_struct *mm = sim_mm(sim, mm_id);
	int i;

	/* As the kernel backend, which asks the process: it must live. */
	if (!mm)
		return -ESRCH;
	if (code < 0 || code >= SIM_NR_BUS_CODES)
		return -EINVAL;
	*count = 0;
	for (i = 1; i < SIM_NR_BUS_CODES; i++)
		if (!code || code == i)
			*count += mm->sim_sigbus[i];
	return 0;
}

int sim_mmap(struct sim *sim, int mm_id, unsigned long npages, int prot,
	     bool shared, unsigned long *addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	unsigned long ret;

	if (!mm)
		return -ESRCH;
	ret = do_mmap(mm, NULL, npages << PAGE_SHIFT, prot,
		      shared ? MAP_SHARED : MAP_PRIVATE);
	if (IS_ERR_VALUE(ret))
		return (int)ret;
	*addr = ret;
	return 0;
}

/*
 * memfd_create, ftruncate to @npages and mmap of the whole file, then
 * close: the mapping holds the only reference to the file.
 */
int sim_mmap_shmem(struct sim *sim, int mm_id, unsigned long npages, int prot,
		   bool shared, unsigned long *addr)
{
	return sim_mmap_file(sim, mm_id, npages, prot, shared, true, addr);
}

int sim_mmap_file(struct sim *sim, int mm_id, unsigned long npages, int prot,
		  bool shared, bool shmem, unsigned long *addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	struct address_space *file;
	unsigned long ret;

	if (!mm)
		return -ESRCH;
	file = shmem ? shmem_file_setup(sim, npages) :
		       filemap_file_setup(sim, npages);
	ret = do_mmap(mm, file, npages << PAGE_SHIFT, prot,
		      shared ? MAP_SHARED : MAP_PRIVATE);
	shmem_mapping_put(file);
	if (IS_ERR_VALUE(ret))
		return (int)ret;
	*addr = ret;
	return 0;
}

int sim_munmap(struct sim *sim, int mm_id, unsigned long addr,
	       unsigned long npages)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return do_munmap(mm, addr, npages << PAGE_SHIFT);
}

/*
 * mremap(MREMAP_MAYMOVE | MREMAP_FIXED) of @npages at @addr to a free
 * place at the same offset within a PMD (a whole THP stays PMD-aligned,
 * a part of one does not), below every mapping as do_mmap places them.
 */
int sim_mremap(struct sim *sim, int mm_id, unsigned long addr,
	       unsigned long npages, unsigned long *new_addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	unsigned long off = addr & ~PMD_MASK, len = npages << PAGE_SHIFT;
	unsigned long to;
	int ret;

	if (!mm)
		return -ESRCH;
	if (!npages || npages > (TASK_SIZE_MAX >> PAGE_SHIFT))
		return -EINVAL;
	to = get_unmapped_area(mm, len + off) + off;
	ret = mremap_to(mm, addr, len, to);
	if (!ret)
		*new_addr = to;
	return ret;
}

int sim_mprotect(struct sim *sim, int mm_id, unsigned long addr,
		 unsigned long npages, int prot)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return do_mprotect_pkey(mm, addr, npages << PAGE_SHIFT, prot);
}

int sim_madvise(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages, int advice)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	return do_madvise(mm, addr, npages << PAGE_SHIFT, advice);
}

int sim_mlock(struct sim *sim, int mm_id, unsigned long addr,
	      unsigned long npages, bool lock)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	if (!lock)
		return sys_munlock(mm, addr, npages << PAGE_SHIFT);
	return do_mlock(mm, addr, npages << PAGE_SHIFT, VM_LOCKED);
}

int sim_uffd(struct sim *sim, int mm_id, unsigned int features)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	unsigned int f = 0;

	if (!mm)
		return -ESRCH;
	if (features & ~(SIM_UFFD_EVENT_FORK | SIM_UFFD_WP_UNPOPULATED))
		return -EINVAL;
	if (features & SIM_UFFD_EVENT_FORK)
		f |= UFFD_FEATURE_EVENT_FORK;
	if (features & SIM_UFFD_WP_UNPOPULATED)
		f |= UFFD_FEATURE_WP_UNPOPULATED;
	return userfaultfd_api(mm, f);
}

/*
 * UFFDIO_REGISTER (MODE_WP) of @npages at @addr for mm @mm_id, opening a
 * userfaultfd without features first if it has none.  The mm, or NULL
 * with *@err set.
 */
static struct mm_struct *uffd_register_range(struct sim *sim, int mm_id,
					     unsigned long addr,
					     unsigned long npages, int *err)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	*err = -ESRCH;
	if (!mm)
		return NULL;
	*err = -EINVAL;
	if (!npages || npages > (TASK_SIZE_MAX >> PAGE_SHIFT))
		return NULL;
	*err = mm->uffd_ctx.open ? 0 : userfaultfd_api(mm, 0);
	if (!*err)
		*err = userfaultfd_register(mm, addr, npages << PAGE_SHIFT);
	return *err ? NULL : mm;
}

/* UFFDIO_REGISTER (MODE_WP), then UFFDIO_WRITEPROTECT. */
int sim_uffd_wp(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages, bool on)
{
	int ret;
	struct mm_struct *mm =
		uffd_register_range(sim, mm_id, addr, npages, &ret);

	if (!mm)
		return ret;
	return mwriteprotect_range(mm, addr, npages << PAGE_SHIFT, on);
}

/*
 * UFFDIO_REGISTER (MODE_WP) of the range if it is not registered, as
 * sim_uffd_wp does, then UFFDIO_POISON.  A part done is -EAGAIN, as the
 * ioctl answers when it did less than the range.
 */
int sim_uffd_poison(struct sim *sim, int mm_id, unsigned long addr,
		    unsigned long npages)
{
	long done;
	int ret;
	struct mm_struct *mm =
		uffd_register_range(sim, mm_id, addr, npages, &ret);

	if (!mm)
		return ret;
	done = mfill_atomic_poison(mm, addr, npages << PAGE_SHIFT);
	if (done < 0)
		return (int)done;
	return done == (long)(npages << PAGE_SHIFT) ? 0 : -EAGAIN;
}

int sim_uffd_unregister(struct sim *sim, int mm_id, unsigned long addr,
			unsigned long npages)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	if (!npages || npages > (TASK_SIZE_MAX >> PAGE_SHIFT))
		return -EINVAL;
	return userfaultfd_unregister(mm, addr, npages << PAGE_SHIFT);
}

int sim_uffd_faults(struct sim *sim, int mm_id, unsigned long *faults)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);

	if (!mm)
		return -ESRCH;
	*faults = mm->uffd_ctx.faults;
	return 0;
}

/*
 * Behaviour properties (docs/kernel-rules.md, Historical designs), checked by
 * the model on its own, whatever the scenario expects:
 *
 *  isolation (LEAK): after fork, a process never sees data another process
 *	wrote later through private memory, directly or through a reference
 *	it holds.  Data written by W at time t is visible to X only if W is
 *	X, or W is an ancestor of X and X's line left W after t.
 *  pin coherence (STALE): a FOLL_PIN on an anon page keeps mapping the
 *	page the process maps at that address, while it keeps the mapping.
 *  lost write (LOST-WRITE): a device write through a FOLL_WRITE
 *	reference lands in the page the process maps there.
 */
bool sim_visible(const struct sim *sim, int writer, u64 wtime, int reader)
{
	int x = reader;

	if (writer < 0 || writer == reader)
		return true;
	while (x >= 0) {
		struct mm_struct *mm = sim->mms[x];

		if (mm->sim_parent == writer)
			return wtime < mm->sim_fork_time;
		x = mm->sim_parent;
	}
	return false;
}

static void sim_check_isolation(struct sim *sim, struct page *page, int reader,
				const char *how)
{
	if (is_zero_page(page) || !PageAnon(page))
		return;
	if (sim_visible(sim, page_writer(page), page_wtime(page), reader))
		return;
	sim_record(sim, SIM_V_PROP_LEAK, page_to_pfn(page),
		   "mm%d %s %#llx, written by mm%d after they parted", reader,
		   how, (unsigned long long)page->sim_content,
		   page_writer(page));
}

/*
 * The MMU: a user access succeeds if the PTE allows it; otherwise the CPU
 * raises a page fault and the access is retried after it is handled.
 */
static int sim_access(struct sim *sim, int mm_id, unsigned long addr,
		      bool write, u64 *val)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	int tries, sig;

	if (!mm)
		return -ESRCH;
	for (tries = 0; tries < 4; tries++) {
		/*
		 * The PTE table walked to last covers the address: no huge
		 * PMD there, no need to look (as handle_pmd_fault).
		 */
		const pmd_t *ro = pte_table_cached(mm, addr) ?
					  NULL :
					  pmd_offset_map_ro(mm, addr);
		pmd_t *pmdp;
		pte_t *ptep = NULL, pmdpte;

		/* A huge PMD is a PTE for 2 MiB, with the same bits. */
		if (ro && pmd_trans_huge(*ro)) {
			pmdp = pmd_offset_map(mm, addr, false);
			pmdpte = __pte(pmd_val(*pmdp) +
				       (pte_index(addr) << PAGE_SHIFT));
			if (pte_access_permitted(pmdpte, write)) {
				*pmdp = pmd_mkyoung(*pmdp);
				if (write)
					*pmdp = pmd_mkdirty(*pmdp);
				ptep = &pmdpte;
			}
		} else {
			ptep = pte_offset_map(mm, addr);
		}
		if (ptep && pte_access_permitted(*ptep, write)) {
			struct page *page = pfn_to_page(sim, pte_pfn(*ptep));

			*ptep = pte_mkyoung(*ptep);
			if (write) {
				*ptep = pte_mkdirty(*ptep);
				page->sim_content = *val;
				page_set_written(page, mm_id, ++sim->clock);
			} else {
				*val = is_zero_page(page) ||
						       is_huge_zero_folio(
							       page_folio(
								       page)) ?
					       0 :
					       page->sim_content;
				if (!(vma_lookup(mm, addr)->vm_flags &
				      VM_SHARED))
					sim_check_isolation(sim, page, mm_id,
							    "loaded");
			}
			return 0;
		}
		sig = do_user_addr_fault(mm, addr, write);
		if (sig)
			return sig;
	}
	sim_warn(sim, __func__, "the fault handler made no progress");
	return SIGBUS;
}

int sim_load(struct sim *sim, int mm_id, unsigned long addr, uint64_t *val)
{
	return sim_access(sim, mm_id, addr, false, val);
}

int sim_store(struct sim *sim, int mm_id, unsigned long addr, uint64_t val)
{
	return sim_access(sim, mm_id, addr, true, &val);
}

int sim_gup(struct sim *sim, int mm_id, unsigned long addr, unsigned int how)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	unsigned int flags = 0;
	struct page *page;
	struct sim_pin *pin;
	long ret;
	unsigned int h;

	if (!mm)
		return -ESRCH;
	if (how & SIM_GUP_WRITE)
		flags |= FOLL_WRITE;
	if (how & SIM_GUP_LONGTERM)
		flags |= FOLL_LONGTERM;
	if (how & SIM_GUP_FAST) {
		if (how & SIM_GUP_PIN)
			ret = pin_user_pages_fast(mm, addr, 1, flags, &page);
		else
			ret = get_user_pages_fast(mm, addr, 1, flags, &page);
	} else {
		if (how & SIM_GUP_PIN)
			ret = pin_user_pages_remote(mm, addr, 1, flags, &page);
		else
			ret = get_user_pages_remote(mm, addr, 1, flags, &page);
	}
	if (ret < 0)
		return (int)ret;
	if (ret == 0)
		return -EFAULT;

	for (h = 0; h < sim->nr_pins; h++)
		if (!sim->pins[h].page)
			break;
	if (h == sim->nr_pins) {
		if (sim->nr_pins == sim->pins_cap) {
			size_t old = sim->pins_cap * sizeof(*sim->pins);

			sim->pins_cap = sim->pins_cap ? 2 * sim->pins_cap : 8;
			sim->pins = sim_obj_realloc(sim, sim->pins, old,
						    sim->pins_cap *
							    sizeof(*sim->pins));
		}
		sim->nr_pins++;
	}
	pin = &sim->pins[h];
	pin->page = page;
	sim_touch_page(page);
	pin->gup_flags = flags | ((how & SIM_GUP_PIN) ? FOLL_PIN : FOLL_GET);
	pin->mm_id = mm_id;
	pin->address = addr;
	pin->connected = PageAnon(page) && !is_zero_page(page);
	pin->stale_reported = false;
	return (int)h;
}

static struct sim_pin *sim_pin_get(struct sim *sim, int handle)
{
	if (handle < 0 || (unsigned int)handle >= sim->nr_pins ||
	    !sim->pins[handle].page)
		return NULL;
	return &sim->pins[handle];
}

int sim_unpin(struct sim *sim, int handle)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	if (!pin)
		return -EBADF;
	sim_touch_page(pin->page);
	if (pin->gup_flags & FOLL_PIN)
		unpin_user_page(pin->page);
	else
		put_page(pin->page);
	pin->page = NULL;
	return 0;
}

/* The page @pin's process sees at the pinned address, or NULL. */
static struct page *sim_pin_mapped_page(struct sim *sim, struct sim_pin *pin,
					bool *unmapped)
{
	struct mm_struct *mm = sim_mm(sim, (int)pin->mm_id);
	const pmd_t *pmdp;
	const pte_t *ptep;

	*unmapped = true;
	if (!mm || !vma_lookup(mm, pin->address))
		return NULL;
	pmdp = pmd_offset_map_ro(mm, pin->address);
	if (pmdp && pmd_trans_huge(*pmdp)) {
		*unmapped = false;
		return pfn_to_page(sim,
				   pmd_pfn(*pmdp) + pte_index(pin->address));
	}
	ptep = pte_offset_map_ro(mm, pin->address);
	/* A PTE marker (left by a zap of file memory) maps nothing either. */
	if (!ptep || pte_none(*ptep) ||
	    (!pte_present(*ptep) &&
	     is_pte_marker_entry(pte_to_swp_entry(*ptep))))
		return NULL;
	*unmapped = false;
	if (pte_present(*ptep))
		return pte_special(*ptep) ? NULL :
					    pfn_to_page(sim, pte_pfn(*ptep));
	if (!non_swap_entry(pte_to_swp_entry(*ptep))) {
		struct swap_info_struct *si =
			swp_swap_info(sim, pte_to_swp_entry(*ptep));

		return si ? si->sim_cache[swp_offset(pte_to_swp_entry(*ptep))] :
			    NULL;
	}
	return NULL;
}

static void sim_check_lost_write(struct sim *sim, struct sim_pin *pin)
{
	struct page *mapped;
	bool unmapped;

	if (!(pin->gup_flags & FOLL_WRITE) || !pin->connected)
		return;
	mapped = sim_pin_mapped_page(sim, pin, &unmapped);
	if (unmapped || mapped == pin->page)
		return;
	sim_record(sim, SIM_V_PROP_LOST_WRITE, page_to_pfn(pin->page),
		   "a device wrote pfn %#lx through a FOLL_WRITE reference of "
		   "mm%u, which maps %s at %#lx",
		   page_to_pfn(pin->page), pin->mm_id,
		   mapped ? "another page" : "no page", pin->address);
}

/* Pin coherence, after every statement (called by sim_check). */
void sim_check_pins(struct sim *sim)
{
	unsigned int h;

	for (h = 0; h < sim->nr_pins; h++) {
		struct sim_pin *pin = &sim->pins[h];
		struct page *mapped;
		bool unmapped;

		if (!pin->page || !pin->connected)
			continue;
		mapped = sim_pin_mapped_page(sim, pin, &unmapped);
		if (unmapped) {
			/* munmap, MADV_DONTNEED, exit: no longer required. */
			pin->connected = false;
			continue;
		}
		if (!(pin->gup_flags & FOLL_PIN) || pin->stale_reported ||
		    !mapped || mapped == pin->page)
			continue;
		pin->stale_reported = true;
		sim_record(sim, SIM_V_PROP_STALE, page_to_pfn(pin->page),
			   "handle %u pins pfn %#lx but mm%u now maps pfn %#lx "
			   "at %#lx",
			   h, page_to_pfn(pin->page), pin->mm_id,
			   page_to_pfn(mapped), pin->address);
	}
}

int sim_dma_read(struct sim *sim, int handle, uint64_t *val)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	if (!pin)
		return -EBADF;
	*val = is_zero_page(pin->page) ? 0 : pin->page->sim_content;
	sim_check_isolation(sim, pin->page, (int)pin->mm_id,
			    "read through a handle");
	return 0;
}

/* A device writes the page: only through a handle taken with FOLL_WRITE. */
int sim_dma_write(struct sim *sim, int handle, uint64_t val)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	if (!pin)
		return -EBADF;
	if (!(pin->gup_flags & FOLL_WRITE) || is_zero_page(pin->page))
		return -EFAULT;
	pin->page->sim_content = val;
	page_set_written(pin->page, (int)pin->mm_id, ++sim->clock);
	SetPageDirty(pin->page);
	sim_check_lost_write(sim, pin);
	return 0;
}

int sim_swapdev(struct sim *sim, unsigned int nslots, bool sync,
		bool stable_writes, bool slow_writeback)
{
	unsigned long flags = (sync ? SWP_SYNCHRONOUS_IO : 0) |
			      (stable_writes ? SWP_STABLE_WRITES : 0);
	int ret = sim_swapoff(sim);

	if (ret)
		return ret;
	ret = sim_swapon(sim, nslots ? nslots : SIM_SWAP_SLOTS, flags,
			 slow_writeback);
	return ret < 0 ? ret : 0;
}

int sim_swapout(struct sim *sim, int mm_id, unsigned long addr,
		unsigned long npages)
{
	return sim_madvise(sim, mm_id, addr, npages, MADV_PAGEOUT);
}

int sim_migrate(struct sim *sim, int mm_id, unsigned long addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	struct vm_area_struct *vma;
	struct page *page;
	const pte_t *ptep;
	int ret;

	if (!mm)
		return -ESRCH;
	/*
	 * add_folio_for_migration: no VMA is EFAULT; a VMA with nothing
	 * mapped is ENOENT from 6.12 (folio_walk_start finds no folio), EFAULT
	 * before (follow_page with FOLL_DUMP in an anon VMA); a swap PTE is
	 * ENOENT in both.
	 */
	vma = vma_lookup(mm, addr);
	if (!vma)
		return -EFAULT;
	ptep = pte_offset_map_ro(mm, addr);
	if ((!ptep || pte_none(*ptep)) && !sim->policy.migrate_none_enoent)
		return -EFAULT;
	if (!ptep || !pte_present(*ptep))
		return -ENOENT;
	page = vm_normal_page(vma, addr, *ptep);
	if (!page)
		return -EFAULT;
	/* folio_isolate_lru */
	folio_get(page_folio(page));
	folio_clear_lru(page_folio(page));
	ret = unmap_and_move(page_folio(page));
	folio_set_lru(page_folio(page));
	folio_put(page_folio(page));
	return ret;
}

int sim_split(struct sim *sim, int mm_id, unsigned long addr)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	struct vm_area_struct *vma;
	pmd_t *pmd;

	if (!mm)
		return -ESRCH;
	vma = vma_lookup(mm, addr);
	pmd = pmd_offset_map(mm, addr, false);
	if (vma && pmd)
		split_huge_pmd(vma, pmd, addr);
	return 0;
}

int sim_thp_orders(struct sim *sim, unsigned long orders)
{
	if (orders & ~THP_ORDERS_ALL_ANON)
		return -EINVAL;
	sim->thp_orders = orders;
	return 0;
}

bool sim_thp_in_range(struct sim *sim, int mm_id, unsigned long addr,
		      unsigned long npages)
{
	struct sim_pte_info info;
	unsigned long i, pfn;

	if (mm_id < 0) {
		for (pfn = SIM_ZERO_PFN + 1; pfn < sim->nr_pfns; pfn++)
			if (PageHead(pfn_to_page(sim, pfn)) &&
			    pfn != sim->huge_zero_pfn)
				return true;
		return false;
	}
	for (i = 0; i < npages; i++)
		if (!sim_query(sim, mm_id, addr + i * PAGE_SIZE, &info) &&
		    (info.thp || info.pmd))
			return true;
	return false;
}

/*
 * sim_ksm - @scans full KSM scans; 0: as many as the kernel backend lets
 * ksmd complete for a `ksm` statement (K_KSM_PASSES, host/kernel.h), 3,
 * enough for a page seen unchanged in two scans to merge.  Returns the
 * PTEs merged.
 */
int sim_ksm_max_page_sharing(struct sim *sim, unsigned int knob)
{
	return ksm_set_max_page_sharing(sim, knob);
}

long sim_ksm(struct sim *sim, unsigned int scans)
{
	unsigned long merged = 0;

	if (!scans)
		scans = SIM_KSM_SCANS;
	while (scans--)
		merged += ksm_do_scan(sim);
	return (long)merged;
}

long sim_deferred_split(struct sim *sim)
{
	return (long)deferred_split_scan(sim);
}

static void sim_page_info(struct page *page, struct sim_pte_info *info)
{
	info->pfn = page_to_pfn(page);
	info->gen = page->sim_gen;
	info->refcount = page_ref_count(page);
	info->mapcount = page_mapcount(page);
	info->anon = PageAnon(page);
	info->ksm = PageKsm(page);
	info->exclusive = info->anon && !info->ksm && PageAnonExclusive(page);
	/* What the kernel reads as pins: _pincount, or refcount / bias. */
	info->pincount =
		folio_test_large(page_folio(page)) ?
			page_folio(page)->_pincount :
			page_ref_count(page) / (int)GUP_PIN_COUNTING_BIAS;
	info->swapcache = folio_test_swapcache(page_folio(page));
	info->poisoned = PageHWPoison(page);
	if (PageCompound(page)) {
		info->thp = true;
		info->order = folio_order(page_folio(page));
	}
}

/*
 * Whether the file page behind the none PTE at @addr is a shmem swap
 * entry whose slot has a folio in the swap cache: what mincore(2) of a
 * none PTE reports for a swapped-out shmem page (mm/mincore.c:
 * mincore_page, filemap_get_incore_folio), which the kernel backend
 * tells from a page cache page with cachestat(2).
 */
static bool file_page_swapcached(struct sim *sim, struct mm_struct *mm,
				 unsigned long addr)
{
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	struct address_space *mapping;
	unsigned long index;
	swp_entry_t entry;

	if (!vma || !vma->vm_mapping || !vma->vm_mapping->shmem)
		return false;
	mapping = vma->vm_mapping;
	index = linear_page_index(vma, addr);
	if (index >= mapping->nr_pages || !mapping->swap[index].val)
		return false;
	entry = mapping->swap[index];
	return sim->swap_info[swp_type(entry)] &&
	       swap_slot_cache(sim->swap_info[swp_type(entry)],
			       swp_offset(entry));
}

static int query_pte(struct sim *sim, struct mm_struct *mm, unsigned long addr,
		     struct sim_pte_info *info)
{
	const pmd_t *pmdp;
	const pte_t *ptep;
	pte_t pte;

	pmdp = pmd_offset_map_ro(mm, addr);
	if (pmdp && pmd_trans_huge(*pmdp)) {
		info->pte = pmd_val(*pmdp);
		info->writable = pmd_write(*pmdp);
		info->soft_dirty = pmd_soft_dirty(*pmdp);
		info->pmd = true;
		if (is_huge_zero_pmd(sim, *pmdp)) {
			/* Read as zeros: the huge zero page is a zero page. */
			info->kind = SIM_PTE_ZEROPAGE;
			info->pfn = pmd_pfn(*pmdp) + pte_index(addr);
			return 0;
		}
		info->kind = SIM_PTE_PRESENT;
		sim_page_info(pfn_to_page(sim,
					  pmd_pfn(*pmdp) + pte_index(addr)),
			      info);
		/*
		 * Through a huge PMD the kernel keeps PageAnonExclusive on
		 * the head page alone: a subpage is exclusive as it says.
		 */
		if (info->anon && !info->ksm)
			info->exclusive = PageAnonExclusive(
				pfn_to_page(sim, pmd_pfn(*pmdp)));
		return 0;
	}
	ptep = pte_offset_map_ro(mm, addr);
	if (!ptep || pte_none(*ptep)) {
		info->kind = SIM_PTE_NONE;
		info->swapcache = file_page_swapcached(sim, mm, addr);
		return 0;
	}
	pte = *ptep;
	info->pte = pte_val(pte);
	if (!pte_present(pte)) {
		swp_entry_t entry = pte_to_swp_entry(pte);

		info->soft_dirty = pte_swp_soft_dirty(pte);
		info->uffd_wp = pte_swp_uffd_wp(pte) ||
				pte_marker_entry_uffd_wp(entry);
		info->swp_type = swp_type(entry);
		info->swp_offset = swp_offset(entry);
		info->swp_exclusive = pte_swp_exclusive(pte);
		if (!non_swap_entry(entry)) {
			info->kind = SIM_PTE_SWAP;
			info->swp_count = __swap_count(sim, entry);
			info->swapcache =
				swap_slot_cache(sim->swap_info[swp_type(entry)],
						swp_offset(entry));
		} else if (is_migration_entry(entry))
			info->kind = SIM_PTE_MIGRATION;
		else if (is_pte_marker_entry(entry))
			info->kind = SIM_PTE_MARKER;
		else if (is_hwpoison_entry(entry))
			info->kind = SIM_PTE_HWPOISON;
		else
			info->kind = SIM_PTE_OTHER;
		info->poisoned = info->kind == SIM_PTE_HWPOISON;
		if (info->poisoned)
			info->pfn = swp_offset(entry);
		return 0;
	}
	info->writable = pte_write(pte);
	info->uffd_wp = pte_uffd_wp(pte);
	info->soft_dirty = pte_soft_dirty(pte);
	if (is_zero_pfn(pte_pfn(pte)) && pte_special(pte)) {
		info->kind = SIM_PTE_ZEROPAGE;
		info->pfn = SIM_ZERO_PFN;
		info->poisoned = PageHWPoison(sim_zero_page(sim));
		return 0;
	}
	info->kind = SIM_PTE_PRESENT;
	sim_page_info(pfn_to_page(sim, pte_pfn(pte)), info);
	return 0;
}

/*
 * As /proc/PID/pagemap: every page of a VMA that is soft-dirty as a whole
 * (VM_SOFTDIRTY, tracking off) reads soft-dirty, whatever its PTE says
 * (fs/proc/task_mmu.c: pte_to_pagemap_entry, pagemap_pmd_range).
 */
int sim_query(struct sim *sim, int mm_id, unsigned long addr,
	      struct sim_pte_info *info)
{
	struct mm_struct *mm = sim_mm(sim, mm_id);
	struct vm_area_struct *vma;
	int ret;

	memset(info, 0, sizeof(*info));
	if (!mm)
		return -ESRCH;
	ret = query_pte(sim, mm, addr, info);
	vma = vma_lookup(mm, addr);
	if (!ret && vma && (vma->vm_flags & VM_SOFTDIRTY))
		info->soft_dirty = true;
	return ret;
}

int sim_pin_query(struct sim *sim, int handle, struct sim_pte_info *info)
{
	struct sim_pin *pin = sim_pin_get(sim, handle);

	memset(info, 0, sizeof(*info));
	if (!pin)
		return -EBADF;
	info->kind = is_zero_page(pin->page) ? SIM_PTE_ZEROPAGE :
					       SIM_PTE_PRESENT;
	sim_page_info(pin->page, info);
	return 0;
}
