// SPDX-License-Identifier: GPL-2.0-only
/*
 * The live-kernel backend's page observation: what a page mapped in an
 * agent is, read from /proc/PID/pagemap, /proc/kpageflags and
 * /proc/kpagecount without touching it (host/procfs.c), for query and
 * show.  The PTE write bit is not exported: every observation says so.
 *
 * A PFN names a page only while it stays allocated, so the pages seen are
 * tracked (struct k_seen): one freed since it was seen is a new page, a
 * new generation, the next time its PFN is seen mapped; and a `ksm` that
 * copied KSM pages (vmstat cow_ksm) leaves every page seen possibly
 * replaced on the same PFN (churned), which makes its label unobservable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "host/agent.h"
#include "host/kernel.h"
#include "host/procfs.h"
#include "scenario/backend.h"

/*
 * Before an operation: which pages seen so far were freed since (see
 * struct k_seen).  A freed page's mapping is cleared (free_pages_prepare),
 * so kpageflags no longer says anonymous; every mapped anon page, in the
 * swap cache or KSM too, says so.  A shmem page is not anonymous but
 * swap-backed (PG_swapbacked) while it lives, in the page cache or the
 * swap cache; a regular file's page (`mmap … file`) is neither, but
 * uptodate while it is in the page cache (it was read).  A freed page
 * has none of these flags (free_pages_prepare clears them all).  A page
 * freed and taken again by someone else between two looks still seems
 * alive, as before.
 */
int k_seen_check(struct kernel_backend *k)
{
	uint64_t flags;
	int i, ret;

	for (i = 0; i < k->nseen; i++) {
		/* One read per page seen: many after a show of a big region. */
		ret = k_check_time(k, "checking which pages seen were freed");
		if (ret)
			return ret;
		if (!k->seen[i].freed &&
		    (sim_kpageflags_read(k->seen[i].pfn, &flags) ||
		     !(flags & (KPF_BIT(KPF_ANON) | KPF_BIT(KPF_SWAPBACKED) |
				KPF_BIT(KPF_UPTODATE)))))
			k->seen[i].freed = true;
	}
	return 0;
}

/*
 * The page seen at @pfn, a new generation if it was freed since; a new
 * entry if @pfn was never seen.
 */
static struct k_seen *k_seen_page(struct kernel_backend *k, unsigned long pfn)
{
	struct k_seen *s;
	int i;

	for (i = 0; i < k->nseen; i++) {
		s = &k->seen[i];
		if (s->pfn != pfn)
			continue;
		if (s->freed) {
			s->freed = false;
			s->churned = false;
			s->gen++;
		}
		return s;
	}
	k->seen = realloc(k->seen, (k->nseen + 1) * sizeof(*k->seen));
	if (!k->seen)
		abort();
	k->seen[k->nseen] = (struct k_seen){ .pfn = pfn };
	return &k->seen[k->nseen++];
}

/* The machine's count of KSM pages copied on a write or unshare fault. */
unsigned long k_cow_ksm(void)
{
	unsigned long v = 0;

	sim_vmstat_read("cow_ksm", &v);
	return v;
}

/*
 * After a `ksm` that copied KSM pages: every page seen and not known to be
 * freed may have been replaced by a copy on the same PFN (struct k_seen).
 * Merging alone allocates nothing: only a copy can land on a freed PFN.
 */
void k_seen_ksm_churn(struct kernel_backend *k, unsigned long cow_ksm)
{
	int i;

	if (k_cow_ksm() == cow_ksm)
		return;
	for (i = 0; i < k->nseen; i++)
		if (!k->seen[i].freed)
			k->seen[i].churned = true;
}

/*
 * The folio around @pfn, a page of a large folio (compound head or tail
 * in @flags): its order, from kpageflags' KPF_COMPOUND_HEAD and _TAIL
 * (stable_page_flags() marks the head and every tail).  A folio is
 * naturally aligned in PFNs, so one read of the K_FOLIO_MAX pages
 * aligned around @pfn holds all of it: its head is the last head at or
 * before @pfn, its size the head and the tails that follow.  -EIO if the
 * flags do not make a folio (it changed under the reads).
 */
static int k_folio_order(unsigned long pfn, unsigned int *order)
{
	uint64_t win[K_FOLIO_MAX];
	unsigned long base = pfn & ~(K_FOLIO_MAX - 1), i, head, n;
	int ret;

	ret = sim_kpageflags_read_n(base, K_FOLIO_MAX, win);
	if (ret)
		return ret;
	for (head = pfn - base + 1; head-- > 0;)
		if (win[head] & KPF_BIT(KPF_COMPOUND_HEAD))
			break;
	if (head == ~0UL)
		return -EIO;
	for (i = head + 1; i < K_FOLIO_MAX; i++)
		if (!(win[i] & KPF_BIT(KPF_COMPOUND_TAIL)))
			break;
	n = i - head;
	if (head + n <= pfn - base || (n & (n - 1)))
		return -EIO;
	for (*order = 0; (1UL << *order) < n; (*order)++)
		;
	return 0;
}

/*
 * Whether this kernel's KPF_KSM means KSM.  Linux 6.12's
 * stable_page_flags() (fs/proc/page.c) sets KPF_KSM when the folio's
 * mapping has any bit of PAGE_MAPPING_KSM, and PAGE_MAPPING_ANON is one of
 * them: every anon page reads as KSM (obs.kpf-ksm-every-anon).  Later
 * kernels compare the two mapping bits with PAGE_MAPPING_KSM.  Probed
 * once, on a fresh page of our own that cannot be KSM (not mergeable).
 */
static bool kpf_ksm_reliable(void)
{
	static int reliable = -1;
	long psz = sysconf(_SC_PAGESIZE);
	uint64_t pm, flags;
	char *p;

	if (reliable >= 0)
		return reliable;
	reliable = 1;
	p = mmap(NULL, (size_t)psz, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return reliable;
	*(volatile char *)p = 1;
	if (!sim_pagemap_read(getpid(), (unsigned long)p, &pm) &&
	    (pm & PM_PRESENT) && (pm & PM_PFN_MASK) &&
	    !sim_kpageflags_read(pm & PM_PFN_MASK, &flags) &&
	    (flags & KPF_BIT(KPF_ANON)) && (flags & KPF_BIT(KPF_KSM)))
		reliable = 0;
	munmap(p, (size_t)psz);
	return reliable;
}

/*
 * Whether the slot of the swap PTE at @addr of @proc has a folio in the
 * swap cache: mincore(2) in the agent, which for a swap PTE looks the
 * entry up in the swap cache and reports a folio there if it is uptodate
 * (mm/mincore.c: mincore_pte_range; mincore_swap in recent kernels).
 * A readahead folio still being read would read as absent; the fault
 * that started it waited for its own read, submitted in the same plug.
 */
static int k_swap_pte_cached(struct kernel_backend *k, int proc,
			     unsigned long addr, struct sim_pte_info *in)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_MINCORE, .addr = addr };
	struct sim_agent_rep rp;
	int ret;

	ret = k_call(k, proc, &rq, -1, &rp, NULL);
	if (!ret)
		in->swapcache = rp.val & 1;
	return ret;
}

/*
 * Whether the file page behind the none PTE at @addr of @proc is swapped
 * out with its slot's folio in the swap cache (shmem readahead): the
 * agent asks mincore(2) and cachestat(2) (SIM_AGENT_FILE_SWAPCACHED).
 * A kernel without cachestat (before v6.5) leaves it unobservable when
 * mincore says resident; anonymous memory answers no at once.
 */
static int k_none_swapcached(struct kernel_backend *k, int proc,
			     unsigned long addr, struct sim_obs *obs)
{
	struct sim_agent_req rq = { .op = SIM_AGENT_FILE_SWAPCACHED,
				    .addr = addr };
	struct sim_agent_rep rp;
	int ret;

	ret = k_call(k, proc, &rq, -1, &rp, NULL);
	if (ret == -ENOSYS || ret == -EPERM || ret == -EACCES ||
	    ret == -ENOENT) {
		obs->unobservable |= SIM_UNOBS_SWAPCACHE;
		return 0;
	}
	if (!ret)
		obs->info.swapcache = rp.val & 1;
	return ret;
}

/*
 * What the pagemap entry @pm of the page at @addr in process @pid says,
 * with kpageflags and -count, and for a page of a large folio (or the
 * huge zero page) whether a huge PMD maps it: PAGEMAP_SCAN's
 * PAGE_IS_HUGE, exact per address (smaps totals are not).
 */
static int k_obs(struct kernel_backend *k, pid_t pid, unsigned long addr,
		 uint64_t pm, struct sim_obs *obs)
{
	struct sim_pte_info *in = &obs->info;
	struct k_seen *seen;
	uint64_t flags, count, cat = 0;
	bool large;
	int ret;

	memset(obs, 0, sizeof(*obs));
	obs->unobservable = SIM_UNOBS_WRITABLE;
	obs->why = K_WHY_WRITABLE;
	in->kind = SIM_PTE_NONE;
	in->uffd_wp = pm & PM_UFFD_WP;
	in->soft_dirty = pm & PM_SOFT_DIRTY;
	if (pm & PM_SWAP) {
		/* The swap entry (type, offset) instead of a PFN. */
		in->kind = SIM_PTE_SWAP;
		in->pfn = pm & PM_PFN_MASK;
		in->swp_type = (unsigned int)(pm & PM_SWAP_TYPE_MASK);
		in->swp_offset = (pm & PM_PFN_MASK) >> PM_SWAP_OFFSET_SHIFT;
		if (k->swap == K_SWAP_MACHINE)
			obs->unobservable |= SIM_UNOBS_SWAP_OFFSET;
		/*
		 * A PTE marker reads as a swap entry of type SWP_PTE_MARKER,
		 * the last of the 5-bit types, with the marker bits as its
		 * offset (pte_to_pagemap_entry; obs.uffd-marker).
		 */
		if (in->swp_type == K_SWP_PTE_MARKER)
			in->kind = SIM_PTE_MARKER;
		/*
		 * A hwpoison entry: a special type whose offset is the PFN
		 * of a page with PG_hwpoison (make_hwpoison_entry).
		 */
		else if (in->swp_type >= K_SWP_FIRST_SPECIAL &&
			 !sim_kpageflags_read(in->swp_offset, &flags) &&
			 (flags & KPF_BIT(KPF_HWPOISON))) {
			in->kind = SIM_PTE_HWPOISON;
			in->poisoned = true;
			in->pfn = in->swp_offset;
		}
		return 0;
	}
	if (!(pm & PM_PRESENT))
		return 0;
	in->pfn = pm & PM_PFN_MASK;
	ret = sim_kpageflags_read(in->pfn, &flags);
	if (!ret)
		ret = sim_kpagecount_read(in->pfn, &count);
	large = flags &
		(KPF_BIT(KPF_COMPOUND_HEAD) | KPF_BIT(KPF_COMPOUND_TAIL));
	/* A large folio, or the huge zero page: which page table maps it. */
	if (!ret && large && (flags & KPF_BIT(KPF_THP))) {
		ret = sim_pagemap_scan_page(pid, addr, &cat);
		/*
		 * Before v6.7 there is no PAGEMAP_SCAN (ENOTTY): which page
		 * table maps the page is not exported (obs.thp-pmd-unknown).
		 */
		if (ret == -ENOTTY) {
			obs->unobservable |= SIM_UNOBS_PMD;
			ret = 0;
		}
		if (!ret)
			ret = k_folio_order(in->pfn, &in->order);
	}
	if (ret) {
		in->kind = SIM_PTE_OTHER;
		return ret;
	}
	in->pmd = (cat & PAGE_IS_HUGE) && (cat & PAGE_IS_PRESENT);
	in->poisoned = flags & KPF_BIT(KPF_HWPOISON);
	if (flags & KPF_BIT(KPF_ZERO_PAGE)) {
		in->kind = SIM_PTE_ZEROPAGE;
		return 0;
	}
	in->kind = SIM_PTE_PRESENT;
	seen = k_seen_page(k, in->pfn);
	in->gen = seen->gen;
	if (seen->churned)
		obs->unobservable |= SIM_UNOBS_LABEL;
	in->anon = flags & KPF_BIT(KPF_ANON);
	in->ksm = flags & KPF_BIT(KPF_KSM);
	in->swapcache = flags & KPF_BIT(KPF_SWAPCACHE);
	if (in->ksm && !kpf_ksm_reliable()) {
		in->ksm = false;
		obs->unobservable |= SIM_UNOBS_KSM;
	}
	in->thp = large && (flags & KPF_BIT(KPF_THP));
	/*
	 * PG_anon_exclusive is PG_owner_2 on anon folios (v6.12+), and
	 * kpageflags reports the folio's, the head page's, for every page
	 * (stable_page_flags() reads folio->flags).  That is the answer for
	 * a small folio, for the head page, and for every page of a
	 * PMD-mapped THP, whose exclusivity is the head's; a tail page
	 * mapped by a PTE has a bit of its own that nothing exports
	 * (obs.ae-is-folio-wide).
	 */
	/* A KSM page is never PageAnonExclusive: OWNER_2 alone answers. */
	in->exclusive = in->anon && (flags & KPF_BIT(KPF_OWNER_2));
	if (in->thp && (flags & KPF_BIT(KPF_COMPOUND_TAIL)) && !in->pmd) {
		obs->unobservable |= SIM_UNOBS_EXCLUSIVE;
		obs->why_exclusive = "PageAnonExclusive of a PTE-mapped tail "
				     "page is not exported (kpageflags shows "
				     "the head's)";
	}
	/*
	 * folio_precise_page_mapcount() with CONFIG_PAGE_MAPCOUNT: this
	 * page's PTE mappings plus the folio's PMD mappings, the per-page
	 * mapcount of a THP page too (obs.thp-kpagecount).
	 */
	in->mapcount = (int)count;
	return 0;
}

int k_query(struct sim_backend *b, int proc, unsigned long addr,
	    struct sim_obs *obs)
{
	struct kernel_backend *k = kb(b);
	struct k_proc *p = k_proc(k, proc);
	uint64_t pm;
	int ret;

	k_obs(k, 0, 0, 0, obs);
	ret = k_check_time(k, "querying a page");
	if (ret)
		return ret;
	if (!p)
		return -ESRCH;
	ret = sim_pagemap_read(p->pid, addr, &pm);
	if (ret)
		return ret;
	ret = k_obs(k, p->pid, addr, pm, obs);
	if (!ret && obs->info.kind == SIM_PTE_SWAP)
		ret = k_swap_pte_cached(k, proc, addr, &obs->info);
	else if (!ret && obs->info.kind == SIM_PTE_NONE)
		ret = k_none_swapcached(k, proc, addr, obs);
	return ret;
}

/* The line of show for the page at @a, or nothing for an empty PTE. */
static void k_show_page(unsigned long a, const struct sim_obs *o,
			void (*out)(void *ctx, const char *line), void *ctx)
{
	const struct sim_pte_info *in = &o->info;
	char line[256], order[24] = "";

	if (in->kind == SIM_PTE_NONE)
		return;
	if (in->order)
		snprintf(order, sizeof(order), " order %u", in->order);
	if (in->kind == SIM_PTE_SWAP || in->kind == SIM_PTE_MARKER ||
	    in->kind == SIM_PTE_HWPOISON)
		snprintf(line, sizeof(line),
			 "kernel:   %#lx: %s type %u offset %#lx%s", a,
			 in->kind == SIM_PTE_MARKER   ? "marker" :
			 in->kind == SIM_PTE_HWPOISON ? "hwpoison" :
							"swap",
			 in->swp_type, in->swp_offset,
			 in->uffd_wp ? " uffd-wp" : "");
	else
		snprintf(
			line, sizeof(line),
			"kernel:   %#lx: %s pfn %#lx%s%s%s%s%s%s mapcount %d%s",
			a,
			in->kind == SIM_PTE_PRESENT  ? "present" :
			in->kind == SIM_PTE_ZEROPAGE ? "zeropage" :
						       "other",
			in->pfn,
			(o->unobservable & SIM_UNOBS_EXCLUSIVE) ?
				" exclusive-unknown" :
			in->exclusive ? " exclusive" :
					"",
			in->anon ? " anon" : "", in->ksm ? " ksm" : "",
			in->thp ? " thp" : "", in->pmd ? " pmd" : "", order,
			in->mapcount, in->uffd_wp ? " uffd-wp" : "");
	out(ctx, line);
}

/*
 * show: every process, each page with something mapped (as the model's
 * show, which skips empty PTEs), and the handles.  The pagemap is read
 * K_SHOW_CHUNK pages at a time and the time limit checked at every chunk
 * and every page with something mapped: a region of 16 Mi pages is no
 * reason to overrun it.
 */
void k_show(struct sim_backend *b, void (*out)(void *ctx, const char *line),
	    void *ctx)
{
	struct kernel_backend *k = kb(b);
	uint64_t pm[K_SHOW_CHUNK];
	unsigned long n, c, i, a;
	char line[256];
	struct sim_obs o;
	int j, ret = 0;

	for (j = 0; j < k->nprocs && !ret; j++) {
		struct k_proc *p = &k->procs[j];
		int r;

		snprintf(line, sizeof(line), "kernel: process %d: pid %d%s", j,
			 (int)p->pid, p->sock < 0 ? " (gone)" : "");
		out(ctx, line);
		for (r = 0; p->sock >= 0 && r < p->nregions && !ret; r++) {
			struct k_region *rg = &p->regions[r];

			for (n = 0; n < rg->npages && !ret; n += c) {
				c = rg->npages - n < K_SHOW_CHUNK ?
					    rg->npages - n :
					    K_SHOW_CHUNK;
				ret = k_check_time(k, "listing the pages");
				if (!ret &&
				    sim_pagemap_read_n(p->pid,
						       rg->addr + n * K_PAGE, c,
						       pm))
					break;
				for (i = 0; i < c && !ret; i++) {
					if (!(pm[i] & (PM_PRESENT | PM_SWAP)))
						continue;
					ret = k_check_time(k,
							   "listing the pages");
					if (ret)
						break;
					a = rg->addr + (n + i) * K_PAGE;
					k_obs(k, p->pid, a, pm[i], &o);
					k_show_page(a, &o, out, ctx);
				}
			}
		}
	}
	for (j = 0; j < k->nhandles && !ret; j++) {
		struct k_handle *hd = &k->handles[j];

		if (hd->kind == K_PIN_NONE)
			continue;
		snprintf(line, sizeof(line),
			 "kernel: handle %d: %s of %#lx in pid %d", j,
			 hd->kind == K_PIN_VMSPLICE ? "vmsplice pipe" :
						      "io_uring fixed buffer",
			 hd->addr, (int)hd->pid);
		out(ctx, line);
	}
}
