// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/memory.c at v6.12 for base (4 KiB) anonymous pages and shared
 * anonymous (shmem) pages: page-table allocation and teardown, the fault
 * handlers (do_anonymous_page, do_wp_page with the PG_anon_exclusive fast
 * path and wp_can_reuse_anon_folio, wp_page_copy, FAULT_FLAG_UNSHARE),
 * fork's copy_page_range with folio_try_dup_anon_rmap_pte (and
 * copy_nonpresent_pte for swap and migration entries), zapping, and
 * do_swap_page, with the decisions of older designs where the policy
 * (harness/policy.c) asks for them.
 *
 * userfaultfd write-protection of anonymous memory (uffd.*): the uffd-wp
 * bit is kept by the fault paths, COW copies for unshare, swap and fork
 * (where the child's VMA stays registered), a write fault on a uffd-wp
 * PTE goes to handle_userfault (fs/userfaultfd.c), and a uffd-wp PTE
 * marker faults in as a write-protected page (handle_pte_marker).
 *
 * PMD-mapped THPs: the fault, fork and zap paths go through the PMD level
 * first (handle_pmd_fault, copy_page_range, zap_page_range_single), which
 * calls mm/huge_memory.c; pages of a large folio mapped by PTEs take the
 * paths of small pages, with the large folio's counts (mm/rmap.c).
 *
 * Memory failure (mm/memory-failure.c) leaves hwpoison entries: a fault on
 * one, on a swap entry whose swap-cache page is poisoned, or on a
 * UFFDIO_POISON marker, is VM_FAULT_HWPOISON; fork copies them, zap drops
 * them.
 *
 * Omits: mTHP, NUMA hinting, private file mappings, device entries.
 * Those paths report what they met and fail instead of guessing.
 *
 * Deviations: the model is sequential, so the PT lock, the mmap lock and
 * the folio lock always succeed at once and "PTE changed under us" races
 * cannot happen; TLB flushes are not modelled (every PTE change is
 * visible at once); the fork-time copy allocates its page directly instead
 * of dropping the locks and retrying with a preallocated folio (-EAGAIN).
 */
#include <stdlib.h>
#include <string.h>

#include "linux/huge_mm.h"
#include "linux/ksm.h"
#include "linux/rmap.h"
#include "linux/swap.h"
#include "mm/internal.h"
#include "linux/sim_machine.h"
#include "linux/sim_tally.h"
#include "linux/userfaultfd_k.h"

/* ---- page tables ---- */

static const int pt_level_shift[] = { PGDIR_SHIFT, PUD_SHIFT, PMD_SHIFT };

/* A new table under entry @i of @table (__pte_alloc, __pmd_alloc...). */
static void table_populate(struct mm_struct *mm, struct page *table,
			   unsigned long i)
{
	struct page *new;

	/* Shared with a clone until written (page_alloc.c). */
	pt_table_own(table);
	new = pagetable_alloc(mm);
	table->pt_table[i] = mk_pxd(page_to_pfn(new));
	pt_table_mark(table->pt_table, i, table->pt_table[i]);
	sim_touch_table(mm->sim, new);
}

/*
 * Model-only: the PMD table of @addr (levels PGD and PUD walked, and
 * allocated if @alloc), or NULL; owned by the caller if @own.
 */
static struct page *walk_to_pmd_table(struct mm_struct *mm, unsigned long addr,
				      bool alloc, bool own)
{
	struct page *table = mm->pgd;
	int level;

	for (level = 0; level < 2; level++) {
		unsigned long i = (addr >> pt_level_shift[level]) &
				  (PTRS_PER_PTE - 1);

		if (pxd_none(table->pt_table[i])) {
			if (!alloc)
				return NULL;
			table_populate(mm, table, i);
		}
		table = pfn_to_page(mm->sim, pxd_pfn(table->pt_table[i]));
	}
	if (own)
		pt_table_own(table);
	return table;
}

/* walk_to_pte_table() past its cache: the walk itself. */
static struct page *__walk_to_pte_table(struct mm_struct *mm,
					unsigned long addr, bool alloc)
{
	struct page *table;
	unsigned long i;

	table = walk_to_pmd_table(mm, addr, alloc, false);
	if (!table)
		return NULL;
	i = pmd_index(addr);
	/* A huge PMD has no PTE table (pte_offset_map says NULL). */
	if (pmd_leaf(__pmd(table->pt_table[i]))) {
		VM_WARN_ON(mm->sim, alloc);
		return NULL;
	}
	if (pxd_none(table->pt_table[i])) {
		if (!alloc)
			return NULL;
		table_populate(mm, table, i);
	}
	table = pfn_to_page(mm->sim, pxd_pfn(table->pt_table[i]));
	/* The caller gets a pointer into it: it may write. */
	pt_table_own(table);
	mm->sim_walk_base = addr & PMD_MASK;
	mm->sim_walk_table = table;
	return table;
}

/*
 * Walk (and optionally fill in) PGD, PUD and PMD down to the PTE table.
 * Model-only: the last PTE table found is kept, like a TLB for page-table
 * walks (free_pgtables forgets it); a walk it answers is inline, as most
 * are (a fault looks its PTE up two or three times).
 */
static inline struct page *walk_to_pte_table(struct mm_struct *mm,
					     unsigned long addr, bool alloc)
{
	if (pte_table_cached(mm, addr)) {
		pt_table_own(mm->sim_walk_table);
		return mm->sim_walk_table;
	}
	return __walk_to_pte_table(mm, addr, alloc);
}

/* pte_offset_map() past the cache (linux/mm.h). */
pte_t *__pte_offset_map(struct mm_struct *mm, unsigned long addr)
{
	struct page *table = walk_to_pte_table(mm, addr, false);

	if (!table)
		return NULL;
	return (pte_t *)&table->pt_table[pte_index(addr)];
}

/*
 * Model-only: the PTE for @addr for a reader (the checker, queries), or
 * NULL: the table may still share its entries with a clone's, so nothing
 * may be written through it.  A walk that owned it (pte_offset_map())
 * would copy a shared table for nothing.
 */
const pte_t *pte_offset_map_ro(struct mm_struct *mm, unsigned long addr)
{
	struct page *table = mm->pgd;
	int level;

	if (pte_table_cached(mm, addr))
		table = mm->sim_walk_table;
	else
		for (level = 0; level < 3; level++) {
			u64 e = table->pt_table[(addr >> pt_level_shift[level]) &
						(PTRS_PER_PTE - 1)];

			if (pxd_none(e) || (level == 2 && pmd_leaf(__pmd(e))))
				return NULL;
			table = pfn_to_page(mm->sim, pxd_pfn(e));
		}
	return (const pte_t *)&table->pt_table[pte_index(addr)];
}

/*
 * pmd_offset_map - the PMD entry of @addr, to read or write (pmd_alloc
 * when @alloc), or NULL if no PMD table covers it.
 */
pmd_t *pmd_offset_map(struct mm_struct *mm, unsigned long addr, bool alloc)
{
	struct page *table = walk_to_pmd_table(mm, addr, alloc, true);

	if (!table)
		return NULL;
	return (pmd_t *)&table->pt_table[pmd_index(addr)];
}

/* pmd_offset_map for a reader: nothing may be written through it. */
const pmd_t *pmd_offset_map_ro(struct mm_struct *mm, unsigned long addr)
{
	struct page *table = walk_to_pmd_table(mm, addr, false, false);

	if (!table)
		return NULL;
	return (const pmd_t *)&table->pt_table[pmd_index(addr)];
}

/*
 * set_pmd_at - every write of a huge PMD (or of none over one) goes here.
 * The checker's tallies are per page and per PTE (harness/touch.c): a
 * PMD leaf changes 512 pages' mappings at once, so the next check is the
 * full one.
 */
void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp,
		pmd_t pmd)
{
	u64 *entries = (u64 *)(pmdp - pmd_index(addr));

	*pmdp = pmd;
	pt_table_mark(entries, pmd_index(addr), pmd_val(pmd));
	sim_touch_all(mm->sim);
}

/*
 * pmd_free_pte_table - take the PTE table under the PMD of @haddr, whose
 * entries are all none, out of the page tables and free it (collapse:
 * pmdp_collapse_flush, before the huge PMD is set).  Deviation: the
 * kernel deposits the table for a later split (pgtable_trans_huge_deposit);
 * the model allocates one when it splits.
 */
void pmd_free_pte_table(struct mm_struct *mm, unsigned long haddr)
{
	struct page *pmd_table = walk_to_pmd_table(mm, haddr, false, true);
	u64 *entry = &pmd_table->pt_table[pmd_index(haddr)];
	struct page *child = pfn_to_page(mm->sim, pxd_pfn(*entry));
	unsigned long j;

	for (j = 0; j < PTRS_PER_PTE; j++)
		VM_WARN_ON(mm->sim, !pte_none(__pte(child->pt_table[j])));
	if (mm->sim_walk_table == child)
		mm->sim_walk_table = NULL;
	pagetable_free(child);
	*entry = 0;
	pt_table_mark(pmd_table->pt_table, pmd_index(haddr), 0);
	sim_touch_table(mm->sim, child);
	sim_touch_all(mm->sim);
}

/* pte_alloc_map() past the cache (linux/mm.h). */
pte_t *__pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	struct page *table = walk_to_pte_table(mm, addr, true);

	return (pte_t *)&table->pt_table[pte_index(addr)];
}

static bool range_has_vma(struct mm_struct *mm, unsigned long start,
			  unsigned long end)
{
	struct vm_area_struct *vma;

	for_each_vma(mm, vma)
		if (vma->vm_start < end && vma->vm_end > start)
			return true;
	return false;
}

static void free_pt_level(struct mm_struct *mm, struct page *table, int level,
			  unsigned long base, unsigned long start,
			  unsigned long end)
{
	unsigned long size = 1UL << pt_level_shift[level];
	/* Only the groups the table marks may hold an entry. */
	u64 groups = *pt_table_groups(table->pt_table);
	unsigned long i;

	for (i = 0; i < PTRS_PER_PTE; i++) {
		unsigned long cstart = base + i * size, cend = cstart + size;
		u64 *entry = &table->pt_table[i];
		struct page *child;

		/* A group unmarked, or of zero entries, has nothing to free. */
		if (!(i % PT_GROUP) && (!(groups & (1ULL << (i / PT_GROUP))) ||
					pt_entries_zero(entry, PT_GROUP))) {
			i += PT_GROUP - 1;
			continue;
		}
		if (cend <= start || cstart >= end || pxd_none(*entry))
			continue;
		/* A huge PMD is no table; where no VMA is, one was left. */
		if (level == 2 && pmd_leaf(__pmd(*entry))) {
			VM_WARN_ON(mm->sim, !range_has_vma(mm, cstart, cend));
			continue;
		}
		child = pfn_to_page(mm->sim, pxd_pfn(*entry));
		if (level < 2)
			free_pt_level(mm, child, level + 1, cstart, start, end);
		if (range_has_vma(mm, cstart, cend))
			continue;
		if (level == 2 &&
		    !pt_entries_zero(child->pt_table, PTRS_PER_PTE)) {
			unsigned long j;

			for (j = 0; j < PTRS_PER_PTE; j++)
				VM_WARN_ON(
					mm->sim,
					!pte_none(__pte(child->pt_table[j])));
		}
		pagetable_free(child);
		pt_table_own(table);
		table->pt_table[i] = 0;
		sim_touch_table(mm->sim, child);
	}
}

/*
 * free_pgtables - free the page tables covering [start, end) that no VMA
 * uses any more.  The kernel bounds the range by the neighbouring VMAs
 * (floor/ceiling); asking whether any VMA still overlaps a table's span is
 * the same rule.
 */
void free_pgtables(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	mm->sim_walk_table = NULL;
	free_pt_level(mm, mm->pgd, 0, 0, start, end);
}

void free_pgd_all(struct mm_struct *mm)
{
	free_pgtables(mm, 0, 1UL << 48);
	pagetable_free(mm->pgd);
	mm->pgd = NULL;
}

/* ---- vm_normal_page ---- */

/*
 * vm_normal_page - the struct page a present PTE maps, or NULL for a
 * special mapping (the shared zero page).
 */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte)
{
	(void)addr;
	if (pte_special(pte))
		return NULL;
	return pfn_to_page(vma_sim(vma), pte_pfn(pte));
}

/* ---- anonymous faults ---- */

/*
 * vmf_orig_pte_uffd_wp - the fault replaces a uffd-wp marker in a VMA
 * still registered for it: what it maps must be write-protected too.
 * (The model's orig_pte is always valid: FAULT_FLAG_ORIG_PTE_VALID.)
 */
static inline bool vmf_orig_pte_uffd_wp(struct vm_fault *vmf)
{
	return userfaultfd_wp(vmf->vma) && pte_marker_uffd_wp(vmf->orig_pte);
}

/* pte_range_none - are the @nr PTEs from @pte all none? */
static bool pte_range_none(const pte_t *pte, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		if (!pte_none(pte[i]))
			return false;
	return true;
}

/*
 * alloc_anon_folio - the zeroed folio a write fault maps: of the largest
 * enabled mTHP order (below the PMD order) whose naturally aligned block
 * lies in the VMA and has only none PTEs, else one page.  A VMA armed
 * for userfaultfd gets single pages, which keep its faults per page.
 * @vmf->pte is the faulting PTE, in the table that maps the whole block.
 * (The model's allocations cannot fail, so no order falls back for
 * want of memory.)
 */
static struct folio *alloc_anon_folio(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	const pte_t *table = vmf->pte - pte_index(vmf->address);
	unsigned long orders, addr, i;
	struct folio *folio;
	int order;

	if (userfaultfd_armed(vma))
		goto fallback;
	orders = thp_vma_allowable_orders(vma, BIT(HPAGE_PMD_ORDER) - 1);
	orders = thp_vma_suitable_orders(vma, vmf->address, orders);
	if (!orders)
		goto fallback;
	order = highest_order(orders);
	while (orders) {
		addr = ALIGN_DOWN(vmf->address, PAGE_SIZE << order);
		if (pte_range_none(table + pte_index(addr), 1UL << order))
			break;
		order = next_order(&orders, order);
	}
	if (!orders)
		goto fallback;
	folio = folio_alloc_large(vma_sim(vma), (unsigned int)order);
	for (i = 0; i < folio_nr_pages(folio); i++) {
		struct page *page = folio_page(folio, i);

		page->sim_content = 0;
		page_set_written(page, -1, page_wtime(page));
	}
	return folio;
fallback:
	return vma_alloc_zeroed_movable_folio(vma, vmf->address);
}

/*
 * do_anonymous_page - first touch of private anonymous memory (fault.anon).
 * A read maps the shared zero page R/O; a write allocates a zeroed folio
 * (alloc_anon_folio: an mTHP where one is enabled and fits), mapped by
 * one PTE per page, writable if the VMA allows it, and exclusive from
 * the start, every page of it.
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	unsigned long addr = vmf->address, nr, i;
	struct folio *folio;
	pte_t entry, *pte;

	if (vma->vm_flags & VM_SHARED)
		return VM_FAULT_SIGBUS;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pte_mkspecial(pfn_pte(SIM_ZERO_PFN, vma->vm_page_prot));
		if (vmf_orig_pte_uffd_wp(vmf))
			entry = pte_mkuffd_wp(entry);
		set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
		count_sim_event(sim, SIM_ZERO_MAP);
		sim_trace(sim, "do_anonymous_page: zero page (read)");
		return 0;
	}

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	folio = alloc_anon_folio(vmf);
	nr = folio_nr_pages(folio);
	addr = ALIGN_DOWN(vmf->address, nr * PAGE_SIZE);
	pte = vmf->pte - (vmf->address - addr) / PAGE_SIZE;
	__folio_mark_uptodate(folio);

	entry = pte_mkyoung(mk_pte(&folio->page, vma->vm_page_prot));
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite_novma(pte_mkdirty(entry));
	/* A marker's protection stays: the retried store will fault. */
	if (vmf_orig_pte_uffd_wp(vmf))
		entry = pte_mkuffd_wp(entry);

	folio_ref_add(folio, (int)nr - 1);
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, (long)nr);
	folio_add_new_anon_rmap(folio, vma, addr, RMAP_EXCLUSIVE);
	folio_add_lru_vma(folio, vma);
	/* set_ptes: the same entry, one page further each time. */
	for (i = 0; i < nr; i++)
		set_pte_at(vma->vm_mm, addr + i * PAGE_SIZE, pte + i,
			   __pte(pte_val(entry) + (i << PAGE_SHIFT)));
	if (nr > 1) {
		count_sim_event(sim, SIM_THP_FAULT_ALLOC);
		count_thp_event(sim, folio_order(folio),
				SIM_THP_EV_FAULT_ALLOC);
		sim_trace(sim,
			  "do_anonymous_page: new %smTHP pfn %#lx, "
			  "order %u, %lu PTEs",
			  sim_excl(sim), page_to_pfn(&folio->page),
			  folio_order(folio), nr);
		return 0;
	}
	sim_trace(sim, "do_anonymous_page: new %spage pfn %#lx%s",
		  sim_excl(sim), page_to_pfn(&folio->page),
		  pte_uffd_wp(entry) ? " (uffd-wp, R/O)" : "");
	return 0;
}

/* ---- faults on shmem (file) mappings ---- */

/**
 * set_pte_range - map @page of @folio at @addr (the model maps one page at
 * a time: its folios are small).  A write maps it dirty, writable if the
 * VMA allows; a write to a private mapping maps the new anon copy of
 * do_cow_fault.  No young bit: x86's pte_sw_mkyoung does nothing, the
 * access that retries sets it.
 */
void set_pte_range(struct vm_fault *vmf, struct folio *folio, struct page *page,
		   unsigned long addr)
{
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	pte_t *ptep = vmf->pte + ((long)(addr - vmf->address) >> PAGE_SHIFT);
	pte_t entry = mk_pte(page, vma->vm_page_prot);

	if (write)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	if (vmf_orig_pte_uffd_wp(vmf))
		entry = pte_mkuffd_wp(entry);
	if (write && !(vma->vm_flags & VM_SHARED)) {
		folio_add_new_anon_rmap(folio, vma, addr, RMAP_EXCLUSIVE);
		folio_add_lru_vma(folio, vma);
	} else {
		folio_add_file_rmap_pte(folio, page, vma);
	}
	set_pte_at(vma->vm_mm, addr, ptep, entry);
}

/*
 * finish_fault - map the page the fault prepared: the anon copy for a
 * write to a private mapping (vmf->cow_page), else the page cache page.
 * The reference the fault took becomes the PTE's.
 */
static vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	bool is_cow = (vmf->flags & FAULT_FLAG_WRITE) &&
		      !(vma->vm_flags & VM_SHARED);
	struct page *page = is_cow ? vmf->cow_page : vmf->page;
	struct folio *folio = page_folio(page);

	if (pte_val(*vmf->pte) != pte_val(vmf->orig_pte))
		return VM_FAULT_NOPAGE;
	set_pte_range(vmf, folio, page, vmf->address);
	inc_mm_counter(vma->vm_mm, is_cow ? MM_ANONPAGES : mm_counter(folio));
	return 0;
}

/*
 * should_fault_around - read faults map the cached neighbours first,
 * unless the VMA is registered for uffd-wp or minor faults (each fault
 * must reach the handler) or fault_around_bytes is one page.
 * fault_around_bytes is the kernel's default, 64 KiB (a debugfs knob the
 * model does not have: a constant, not state).
 */
#define fault_around_pages (65536UL >> PAGE_SHIFT)

static bool should_fault_around(struct vm_fault *vmf)
{
	/* uffd_disable_fault_around; the model has no VM_UFFD_MINOR. */
	if (vmf->vma->vm_flags & VM_UFFD_WP)
		return false;
	return fault_around_pages > 1;
}

/*
 * do_fault_around - the window of fault_around_pages PTEs, aligned in the
 * virtual address space, that holds the fault, cut to the VMA (and, being
 * aligned, inside one PTE table); filemap_map_pages maps what the page
 * cache has of it.
 */
static vm_fault_t do_fault_around(struct vm_fault *vmf)
{
	unsigned long nr_pages = fault_around_pages;
	unsigned long pte_off = pte_index(vmf->address);
	unsigned long vma_off = (vmf->address - vmf->vma->vm_start) >>
				PAGE_SHIFT;
	unsigned long vma_pages = (vmf->vma->vm_end - vmf->vma->vm_start) >>
				  PAGE_SHIFT;
	unsigned long pgoff = linear_page_index(vmf->vma, vmf->address);
	unsigned long from_pte, to_pte, back;

	back = pte_off < vma_off ? pte_off : vma_off;
	from_pte = pte_off & ~(nr_pages - 1);
	if (from_pte < pte_off - back)
		from_pte = pte_off - back;
	to_pte = from_pte + nr_pages;
	if (to_pte > PTRS_PER_PTE)
		to_pte = PTRS_PER_PTE;
	if (to_pte > pte_off + vma_pages - vma_off)
		to_pte = pte_off + vma_pages - vma_off;
	to_pte--;
	return filemap_map_pages(vmf, pgoff + from_pte - pte_off,
				 pgoff + to_pte - pte_off);
}

/*
 * __do_fault - the VMA's ->fault (shmem_fault or filemap_fault), then a
 * poisoned page is refused: VM_FAULT_HWPOISON (hwpoison.shmem).  The
 * kernel would try to evict a clean one from the page cache
 * (mapping_evict_folio) and retry, but memory failure's reference keeps
 * it there.
 */
static vm_fault_t __do_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = vma_is_shmem(vmf->vma) ? shmem_fault(vmf) :
						  filemap_fault(vmf);

	if (ret)
		return ret;
	if (unlikely(PageHWPoison(vmf->page))) {
		sim_trace(vma_sim(vmf->vma),
			  "__do_fault: page cache pfn %#lx is poisoned: "
			  "VM_FAULT_HWPOISON",
			  page_to_pfn(vmf->page));
		put_page(vmf->page);
		vmf->page = NULL;
		return VM_FAULT_HWPOISON;
	}
	return 0;
}

/* do_read_fault - fault-around first, then ->fault for the page itself. */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret;

	if (should_fault_around(vmf)) {
		ret = do_fault_around(vmf);
		if (ret)
			return ret;
	}
	ret = __do_fault(vmf);
	if (ret)
		return ret;
	ret = finish_fault(vmf);
	if (ret)
		put_page(vmf->page);
	sim_trace(vma_sim(vmf->vma), "do_read_fault: page cache pfn %#lx",
		  page_to_pfn(vmf->page));
	return ret;
}

/*
 * do_cow_fault - a write to a private file mapping where nothing is mapped:
 * the page cache page (filled first if it is a hole) is copied into a new
 * exclusive anon page, which is mapped; the cache page is not.
 */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio;
	vm_fault_t ret;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	folio = folio_alloc(vma_sim(vma));
	vmf->cow_page = &folio->page;
	ret = __do_fault(vmf);
	if (ret) {
		folio_put(folio);
		return ret;
	}
	copy_user_highpage(vmf->cow_page, vmf->page);
	__folio_mark_uptodate(folio);
	ret = finish_fault(vmf);
	sim_trace(vma_sim(vma),
		  "do_cow_fault: page cache pfn %#lx -> new %spfn %#lx",
		  page_to_pfn(vmf->page), sim_excl(vma_sim(vma)),
		  page_to_pfn(vmf->cow_page));
	put_page(vmf->page);
	if (ret)
		folio_put(folio);
	else
		count_sim_event(vma_sim(vma), SIM_COW_COPY);
	return ret;
}

/*
 * do_shared_fault - a write to a shared mapping where nothing is mapped:
 * the page cache page is mapped writable and dirtied
 * (fault_dirty_shared_page).  shmem has no ->page_mkwrite; a regular
 * file's (ext4_page_mkwrite) only readies the blocks, which the model
 * does not have: the same result.
 */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	struct folio *folio;
	vm_fault_t ret;

	ret = __do_fault(vmf);
	if (ret)
		return ret;
	folio = page_folio(vmf->page);
	ret = finish_fault(vmf);
	if (ret) {
		folio_put(folio);
		return ret;
	}
	folio_set_dirty(folio);
	sim_trace(vma_sim(vmf->vma), "do_shared_fault: page cache pfn %#lx",
		  page_to_pfn(vmf->page));
	return 0;
}

/* do_fault - the first touch of a PTE of a file mapping. */
static vm_fault_t do_fault(struct vm_fault *vmf)
{
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vmf->vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * Model-only: does a process other than @mm map a page of @folio?  The
 * kernel (6.15+) tracks the mms mapping a large folio (folio->_mm_id,
 * folio_test_large_maybe_mapped_shared()); the model looks at the page
 * tables of every other process, where the folio's anon_vma says it may be
 * mapped.  Exact where the kernel's answer is "maybe".
 */
static bool folio_mapped_by_other_mm(struct folio *folio, struct mm_struct *mm)
{
	struct anon_vma *root =
		(struct anon_vma *)(folio->mapping & ~PAGE_MAPPING_FLAGS);
	unsigned long head = page_to_pfn(&folio->page), nr, i;
	struct sim *sim = mm->sim;
	struct vm_area_struct *vma;
	struct mm_struct *other;
	unsigned int k;

	root = root->root;
	nr = folio_nr_pages(folio);
	for_each_mm(sim, other, k) {
		if (other == mm)
			continue;
		for_each_vma(other, vma) {
			unsigned long start;

			if (!vma->anon_vma || vma->anon_vma->root != root)
				continue;
			start = vma->vm_start +
				((folio->index - vma->vm_pgoff) << PAGE_SHIFT);
			for (i = 0; i < nr; i++) {
				unsigned long addr = start + i * PAGE_SIZE;
				const pmd_t *pmd;
				const pte_t *pte;

				if (addr < vma->vm_start || addr >= vma->vm_end)
					continue;
				pmd = pmd_offset_map_ro(other, addr);
				if (pmd && pmd_trans_huge(*pmd)) {
					if (pmd_pfn(*pmd) == head)
						return true;
					continue;
				}
				pte = pte_offset_map_ro(other, addr);
				if (pte && pte_present(*pte) &&
				    !pte_special(*pte) &&
				    pte_pfn(*pte) >= head &&
				    pte_pfn(*pte) < head + nr)
					return true;
			}
		}
	}
	return false;
}

/*
 * wp_can_reuse_large_anon_folio - 6.15+ (__wp_can_reuse_large_anon_folio):
 * a write fault on a PTE-mapped page of a large anon folio reuses it if
 * the folio is mapped by this process alone and every reference is a
 * mapping; a folio with at most one mapping left is copied instead (so
 * that it can be freed).  Deviation: the kernel keeps the folio's
 * anon_vma as it is here; so does the model.
 */
static bool wp_can_reuse_large_anon_folio(struct folio *folio,
					  struct vm_area_struct *vma)
{
	if (folio_large_mapcount(folio) <= 1)
		return false;
	if (folio_mapped_by_other_mm(folio, vma->vm_mm))
		return false;
	if (folio_test_swapcache(folio))
		folio_free_swap(folio);
	return folio_large_mapcount(folio) == folio_ref_count(folio);
}

/*
 * wp_can_reuse_anon_folio - may a write fault reuse a R/O anon page that is not
 * marked exclusive?  Only if the faulting PTE holds the sole reference
 * (wp.reuse-check): mapcount is not consulted, so any other mapping, GUP
 * reference, pin or pipe buffer forces a copy.
 */
bool wp_can_reuse_anon_folio(struct folio *folio, struct vm_area_struct *vma)
{
	/* v6.12 never reuses a large folio; 6.15+ may (policy). */
	if (folio_test_large(folio))
		return vma_policy(vma)->wp_reuse_large &&
		       wp_can_reuse_large_anon_folio(folio, vma);
	/* A cheap early answer before draining anything. */
	if (folio_test_ksm(folio) || folio_ref_count(folio) > 3)
		return false;
	if (!folio_test_lru(folio))
		lru_add_drain();
	if (folio_ref_count(folio) > 1 + folio_test_swapcache(folio))
		return false;
	/* folio_trylock() always succeeds in the sequential model. */
	if (folio_test_swapcache(folio))
		folio_free_swap(folio);
	if (folio_test_ksm(folio) || folio_ref_count(folio) != 1)
		return false;
	folio_move_anon_rmap(folio, vma);
	return true;
}

/*
 * reuse_swap_page - the mapcount-era reuse test (v5.7 mm/swapfile.c):
 * reusable if the page's mappings plus its swap slot's users are at most
 * one.  References from GUP are not counted at all, which is what
 * CVE-2020-29374 exploits.  A page whose slot has no other user leaves
 * the swap cache, unless writeback to a stable-writes device is in flight.
 */
static bool reuse_swap_page(struct folio *folio)
{
	struct sim *sim = folio_sim(folio);
	int count = folio_mapcount(folio);

	if (folio_test_swapcache(folio)) {
		swp_entry_t entry = folio->swap;

		count += __swap_count(sim, entry);
		if (count == 1) {
			if (!folio_test_writeback(folio)) {
				delete_from_swap_cache(folio);
				folio_set_dirty(folio);
			} else if (swp_swap_info(sim, entry)->flags &
				   SWP_STABLE_WRITES) {
				return false;
			}
		}
	}
	return count <= 1;
}

/*
 * The reuse decision of the policy in force: the mapcount era (<= 5.8),
 * the first refcount era (5.9-5.17), or wp_can_reuse_anon_folio (5.18+).
 */
static bool wp_policy_can_reuse(struct folio *folio, struct vm_area_struct *vma,
				unsigned long address)
{
	switch (vma_policy(vma)->wp_reuse) {
	case SIM_WP_REUSE_MAPCOUNT:
		if (folio_test_ksm(folio)) {
			/* reuse_ksm_page: a lone KSM page becomes anon again. */
			if (folio_test_swapcache(folio) ||
			    folio_ref_count(folio) != 1 ||
			    folio_mapcount(folio) != 1)
				return false;
			/* The merged page came from anywhere: index it here. */
			folio_move_anon_rmap(folio, vma);
			folio->index = linear_page_index(vma, address);
			return true;
		}
		if (!reuse_swap_page(folio))
			return false;
		if (folio_mapcount(folio) == 1)
			folio_move_anon_rmap(folio, vma);
		return true;
	case SIM_WP_REUSE_REFCOUNT:
		if (folio_test_ksm(folio) || folio_ref_count(folio) != 1 ||
		    folio_mapcount(folio) != 1)
			return false;
		folio_move_anon_rmap(folio, vma);
		return true;
	case SIM_WP_REUSE_CAN_REUSE:
		break;
	}
	return wp_can_reuse_anon_folio(folio, vma);
}

/* wp_page_reuse - map the page writable again without copying. */
static void wp_page_reuse(struct vm_fault *vmf, struct folio *folio)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry;

	VM_BUG_ON_PGFLAGS(vma_policy(vma)->anon_exclusive && folio &&
				  folio_test_anon(folio) &&
				  !PageAnonExclusive(vmf->page),
			  vmf->page);
	entry = pte_mkyoung(vmf->orig_pte);
	entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
	count_sim_event(vma_sim(vma), SIM_PGREUSE);
}

/*
 * wp_page_copy - replace the mapped page by an exclusive copy (wp.copy).  For
 * FAULT_FLAG_UNSHARE the copy stays R/O; for a write it is mapped writable
 * if the VMA allows it.  The old page loses this mapping and the two
 * references do_wp_page accounted for (the PTE's and its own).
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	const bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	struct folio *old_folio = vmf->page ? page_folio(vmf->page) : NULL;
	struct folio *new_folio;
	pte_t entry;

	if (anon_vma_prepare(vma))
		goto oom;
	if (!old_folio) {
		new_folio = vma_alloc_zeroed_movable_folio(vma, vmf->address);
	} else {
		new_folio = folio_alloc(sim);
		copy_user_highpage(&new_folio->page, vmf->page);
	}
	__folio_mark_uptodate(new_folio);

	if (old_folio) {
		if (!folio_test_anon(old_folio)) {
			dec_mm_counter(vma->vm_mm, mm_counter(old_folio));
			inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
		}
	} else {
		inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	}
	entry = pte_mkyoung(mk_pte(&new_folio->page, vma->vm_page_prot));
	if (unshare) {
		if (pte_soft_dirty(vmf->orig_pte))
			entry = pte_mksoft_dirty(entry);
		if (pte_uffd_wp(vmf->orig_pte))
			entry = pte_mkuffd_wp(entry);
	} else {
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	}
	ptep_get_and_clear(vmf->vma->vm_mm, vmf->address, vmf->pte);
	folio_add_new_anon_rmap(new_folio, vma, vmf->address, RMAP_EXCLUSIVE);
	folio_add_lru_vma(new_folio, vma);
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, entry);
	count_sim_event(sim, unshare ? SIM_UNSHARE_COPY : SIM_COW_COPY);
	sim_trace(sim, "%s: copy%s: pfn %#lx -> new %spfn %#lx%s",
		  unshare ? "unshare" : "do_wp_page",
		  old_folio ? "" : " (zero page)",
		  old_folio ? page_to_pfn(vmf->page) : SIM_ZERO_PFN,
		  sim_excl(sim), page_to_pfn(&new_folio->page),
		  unshare ? " (stays R/O)" : "");
	if (old_folio) {
		folio_remove_rmap_pte(old_folio, vmf->page, vma);
		/* The reference of the replaced PTE, then do_wp_page's. */
		folio_put(old_folio);
		free_swap_cache(old_folio);
		folio_put(old_folio);
	}
	return 0;
oom:
	if (old_folio)
		folio_put(old_folio);
	return VM_FAULT_OOM;
}

/*
 * do_wp_page - a write (or FAULT_FLAG_UNSHARE) fault on a present R/O PTE
 * (wp.fault).  An exclusive anon page is reused without further checks; a
 * possibly shared one is reused only if wp_can_reuse_anon_folio() says the
 * fault's PTE is its only user, and then becomes exclusive.  Everything
 * else is copied.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	const bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	const char *who = unshare ? "unshare" : "do_wp_page";
	struct folio *folio = NULL;
	bool exclusive;

	/*
	 * A write-protected PTE goes to userfaultfd before anything else,
	 * an exclusive page too (uffd.wp-before-reuse); unsharing for a R/O
	 * pin does not write and is not a userfaultfd matter.
	 */
	if (!unshare && userfaultfd_pte_wp(vma, vmf->orig_pte))
		return handle_userfault(vmf, VM_UFFD_WP);

	vmf->page = vm_normal_page(vma, vmf->address, vmf->orig_pte);
	if (vmf->page)
		folio = page_folio(vmf->page);

	if (vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) {
		/*
		 * wp_page_shared: do_page_mkwrite (a regular file's; shmem
		 * has none), wp_page_reuse, fault_dirty_shared_page.
		 */
		wp_page_reuse(vmf, folio);
		if (folio)
			folio_set_dirty(folio);
		sim_trace(sim, "do_wp_page: shared mapping, make writable");
		return 0;
	}

	if (folio && folio_test_anon(folio)) {
		exclusive = PageAnonExclusive(vmf->page);
		if (exclusive ||
		    wp_policy_can_reuse(folio, vma, vmf->address)) {
			if (!exclusive && vma_policy(vma)->anon_exclusive)
				SetPageAnonExclusive(vmf->page);
			sim_trace(sim, "%s: reuse (%s) pfn %#lx", who,
				  exclusive ? "exclusive" : "sole reference",
				  page_to_pfn(vmf->page));
			if (unshare)
				return 0;
			wp_page_reuse(vmf, folio);
			return 0;
		}
	}
	if (folio)
		folio_get(folio);
	return wp_page_copy(vmf);
}

static bool should_try_to_free_swap(struct folio *folio,
				    struct vm_area_struct *vma,
				    unsigned int fault_flags)
{
	if (!folio_test_swapcache(folio))
		return false;
	/* Swap more than half full: the slot is worth more than the cache. */
	if (mem_cgroup_swap_full(folio) || (vma->vm_flags & VM_LOCKED))
		return true;
	/* A write maps it writable only if we are its sole user. */
	return (fault_flags & FAULT_FLAG_WRITE) && !folio_test_ksm(folio) &&
	       folio_ref_count(folio) == 2;
}

/*
 * The end of do_swap_page: add the rmap (a folio that was never mapped
 * becomes anon here), install @pte, release the slot held for a fresh
 * folio, and finish a write fault that did not reuse the page.
 */
static vm_fault_t swap_map_folio(struct vm_fault *vmf, struct folio *folio,
				 pte_t pte, rmap_t rmap_flags,
				 swp_entry_t entry, bool need_clear_cache,
				 vm_fault_t ret)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);

	if (!folio_test_anon(folio))
		folio_add_new_anon_rmap(folio, vma, vmf->address, rmap_flags);
	else
		folio_add_anon_rmap_pte(folio, &folio->page, vma, vmf->address,
					rmap_flags);
	VM_BUG_ON_PGFLAGS(vma_policy(vma)->anon_exclusive && pte_write(pte) &&
				  !PageAnonExclusive(&folio->page),
			  &folio->page);
	set_pte_at(vma->vm_mm, vmf->address, vmf->pte, pte);
	vmf->orig_pte = pte;
	sim_trace(sim, "do_swap_page: mapped pfn %#lx %s%s",
		  page_to_pfn(&folio->page),
		  pte_write(pte) ? "writable" : "R/O",
		  (rmap_flags & RMAP_EXCLUSIVE) ? ", exclusive" :
						  ", not exclusive");
	if (need_clear_cache)
		swapcache_clear(sim, entry);
	if (vmf->flags & FAULT_FLAG_WRITE) {
		ret |= do_wp_page(vmf);
		if (ret & VM_FAULT_ERROR)
			ret &= VM_FAULT_ERROR;
	}
	return ret;
}

/*
 * do_swap_page_old - the end of do_swap_page before v5.19, where nothing
 * remembers exclusivity across swap-out.  Up to v5.17 a page is mapped
 * writable only on a write fault that reuse_swap_page() allows, tested
 * before this PTE's slot reference is dropped; v5.18 reuses a fresh folio
 * or one whose only reference is the fault's, after freeing the swap cache.
 */
static vm_fault_t do_swap_page_old(struct vm_fault *vmf, struct folio *folio,
				   struct folio *swapcache, swp_entry_t entry,
				   vm_fault_t ret, bool need_clear_cache)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	bool reuse = false;
	pte_t pte;

	if (vma_policy(vma)->swapin == SIM_SWAPIN_REUSE_SWAP_PAGE) {
		reuse = write && !folio_test_ksm(folio) &&
			reuse_swap_page(folio);
		swap_free(sim, entry);
	} else {
		swap_free(sim, entry);
		if (should_try_to_free_swap(folio, vma, vmf->flags))
			folio_free_swap(folio);
		reuse = write && !folio_test_ksm(folio) &&
			(folio != swapcache || folio_ref_count(folio) == 1);
	}
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	pte = mk_pte(&folio->page, vma->vm_page_prot);
	if (reuse) {
		pte = maybe_mkwrite(pte_mkdirty(pte), vma);
		vmf->flags &= ~FAULT_FLAG_WRITE;
	}
	if (pte_swp_soft_dirty(vmf->orig_pte))
		pte = pte_mksoft_dirty(pte);
	/*
	 * Since v5.7 the swap PTE's uffd-wp bit comes back, write-protected
	 * even after a reuse: the retried store is the handler's.
	 */
	if (pte_swp_uffd_wp(vmf->orig_pte))
		pte = pte_mkuffd_wp(pte);
	return swap_map_folio(vmf, folio, pte,
			      reuse ? RMAP_EXCLUSIVE : RMAP_NONE, entry,
			      need_clear_cache, ret);
}

/*
 * handle_pte_marker - a fault on a PTE marker.  A uffd-wp marker is a
 * none PTE that remembers its protection: in a VMA still registered the
 * fault is a first touch whose page is mapped write-protected
 * (do_anonymous_page, vmf_orig_pte_uffd_wp); a leftover marker in a VMA
 * no longer registered is cleared, and the access retried.
 * A PTE_MARKER_POISONED marker (UFFDIO_POISON) is VM_FAULT_HWPOISON.
 */
static vm_fault_t handle_pte_marker(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	swp_entry_t entry = pte_to_swp_entry(vmf->orig_pte);

	if (!(swp_offset(entry) & PTE_MARKER_MASK)) {
		sim_warn(vma_sim(vma), __func__, "empty PTE marker");
		return VM_FAULT_SIGBUS;
	}
	/* Before uffd-wp: the data is gone (UFFDIO_POISON). */
	if (swp_offset(entry) & PTE_MARKER_POISONED) {
		sim_trace(vma_sim(vma), "handle_pte_marker: poisoned marker: "
					"VM_FAULT_HWPOISON");
		return VM_FAULT_HWPOISON;
	}
	/* 6.1's swap-in error entry (swapoff_hwpoison_entry off). */
	if (swp_offset(entry) & PTE_MARKER_SWAPIN_ERROR) {
		sim_trace(vma_sim(vma), "do_swap_page: swap-in error entry: "
					"VM_FAULT_SIGBUS");
		return VM_FAULT_SIGBUS;
	}
	if (!pte_marker_entry_uffd_wp(entry)) {
		sim_trace(vma_sim(vma),
			  "handle_pte_marker: marker %#llx is "
			  "not implemented yet",
			  (unsigned long long)swp_offset(entry));
		return VM_FAULT_SIGBUS;
	}
	if (!userfaultfd_wp(vma)) {
		set_pte_at(vma->vm_mm, vmf->address, vmf->pte, __pte(0));
		sim_trace(vma_sim(vma), "pte_marker_clear: leftover marker");
		return 0;
	}
	sim_trace(vma_sim(vma), "handle_pte_marker: uffd-wp marker");
	/* do_pte_missing */
	if (vma_is_anonymous(vma))
		return do_anonymous_page(vmf);
	return do_fault(vmf);
}

/* The swap PTE @pte with its offset moved by @delta, its bits kept. */
static pte_t pte_move_swp_offset(pte_t pte, long delta)
{
	swp_entry_t entry = pte_to_swp_entry(pte);
	pte_t moved = swp_entry_to_pte(
		swp_entry(swp_type(entry), swp_offset(entry) + delta));

	return __pte(pte_val(moved) | (pte_val(pte) & _PAGE_SWP_FLAGS_MASK));
}

/*
 * can_swapin_thp - are the @nr PTEs from @ptep, the naturally aligned
 * block around the fault, swap PTEs of contiguous slots of the faulting
 * entry's device, with the same exclusive, soft-dirty and uffd-wp bits
 * (swap_pte_batch's pte_same), none of whose slots is in the swap cache
 * (non_swapcache_batch)?  Deviation: the kernel also wants the slots all
 * in the zeromap or none (swap_zeromap_batch); the model keeps no zeromap
 * (a zero-filled slot holds 0), and the slots of one large folio swapped
 * out whole always agree, since the kernel writes a folio whole.
 */
static bool can_swapin_thp(struct vm_fault *vmf, const pte_t *ptep,
			   unsigned long nr)
{
	struct sim *sim = vma_sim(vmf->vma);
	unsigned long addr = ALIGN_DOWN(vmf->address, nr * PAGE_SIZE);
	unsigned long idx = (vmf->address - addr) / PAGE_SIZE, i;
	pte_t first = pte_move_swp_offset(vmf->orig_pte, -(long)idx);
	struct swap_info_struct *si;
	swp_entry_t entry;

	if (pte_val(ptep[0]) != pte_val(first))
		return false;
	for (i = 1; i < nr; i++)
		if (pte_val(ptep[i]) !=
		    pte_val(pte_move_swp_offset(first, (long)i)))
			return false;
	entry = pte_to_swp_entry(first);
	si = swp_swap_info(sim, entry);
	if (!si || swp_offset(entry) + nr > si->max)
		return false;
	for (i = 0; i < nr; i++)
		if (swap_slot_map(si, swp_offset(entry) + i) & SWAP_HAS_CACHE)
			return false;
	return true;
}

/*
 * alloc_swap_folio - the folio a swap-in that skips the swap cache reads
 * into (6.12+, policy swapin_large: 242d12c98174 "mm: support large
 * folios swap-in for sync io devices"): of the largest enabled mTHP
 * order below the PMD order whose naturally aligned block lies in the
 * VMA, whose first slot is aligned as the address is
 * (thp_swap_suitable_orders: as when the folio was swapped out) and whose
 * PTEs can_swapin_thp allows; else one page.  A VMA armed for
 * userfaultfd gets one page.  Deviation: the kernel also falls back
 * when zswap was ever enabled (zswap_never_enabled); the model has no
 * zswap.
 */
static struct folio *alloc_swap_folio(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	const pte_t *table = vmf->pte - pte_index(vmf->address);
	swp_entry_t entry = pte_to_swp_entry(vmf->orig_pte);
	unsigned long orders, suitable = 0, addr;
	int order;

	if (!sim->policy.swapin_large || userfaultfd_armed(vma))
		goto fallback;
	orders = thp_vma_allowable_orders(vma, BIT(HPAGE_PMD_ORDER) - 1);
	orders = thp_vma_suitable_orders(vma, vmf->address, orders);
	for (order = 0; order < HPAGE_PMD_ORDER; order++) {
		unsigned long nr = 1UL << order;

		if ((orders & BIT(order)) &&
		    (vmf->address >> PAGE_SHIFT) % nr == swp_offset(entry) % nr)
			suitable |= BIT(order);
	}
	orders = suitable;
	if (!orders)
		goto fallback;
	order = highest_order(orders);
	while (orders) {
		addr = ALIGN_DOWN(vmf->address, PAGE_SIZE << order);
		if (can_swapin_thp(vmf, table + pte_index(addr), 1UL << order))
			break;
		order = next_order(&orders, order);
	}
	if (!orders)
		goto fallback;
	return folio_alloc_large(sim, (unsigned int)order);
fallback:
	return folio_alloc(sim);
}

/*
 * do_swap_page_large - the end of do_swap_page for a large folio
 * alloc_swap_folio read without the swap cache: every page is mapped,
 * exclusive (a fresh folio) and writable if the VMA allows, one PTE per
 * page from the aligned block's start; each slot loses this PTE's
 * reference (swap_free_nr) and the SWAP_HAS_CACHE that blocked parallel
 * swap-ins.  A write fault the VMA does not allow goes on to do_wp_page.
 */
static vm_fault_t do_swap_page_large(struct vm_fault *vmf, struct folio *folio,
				     swp_entry_t entry, vm_fault_t ret)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	unsigned long nr = folio_nr_pages(folio), i;
	unsigned long addr = ALIGN_DOWN(vmf->address, nr * PAGE_SIZE);
	unsigned long idx = (vmf->address - addr) / PAGE_SIZE;
	pte_t *ptep = vmf->pte - idx, pte;

	for (i = 0; i < nr; i++)
		swap_free(sim,
			  swp_entry(swp_type(entry), swp_offset(entry) + i));
	add_mm_counter(vma->vm_mm, MM_ANONPAGES, (long)nr);
	add_mm_counter(vma->vm_mm, MM_SWAPENTS, -(long)nr);
	pte = mk_pte(&folio->page, vma->vm_page_prot);
	if (pte_swp_soft_dirty(vmf->orig_pte))
		pte = pte_mksoft_dirty(pte);
	if (pte_swp_uffd_wp(vmf->orig_pte))
		pte = pte_mkuffd_wp(pte);
	if ((vma->vm_flags & VM_WRITE) && !pte_uffd_wp(pte) &&
	    !pte_needs_soft_dirty_wp(vma, pte)) {
		pte = pte_mkwrite_novma(pte);
		if (vmf->flags & FAULT_FLAG_WRITE) {
			pte = pte_mkdirty(pte);
			vmf->flags &= ~FAULT_FLAG_WRITE;
		}
	}
	folio_ref_add(folio, (int)nr - 1);
	folio_add_new_anon_rmap(folio, vma, addr, RMAP_EXCLUSIVE);
	/* set_ptes: the same entry, one page further each time. */
	for (i = 0; i < nr; i++)
		set_pte_at(vma->vm_mm, addr + i * PAGE_SIZE, ptep + i,
			   __pte(pte_val(pte) + (i << PAGE_SHIFT)));
	vmf->orig_pte = ptep[idx];
	count_thp_event(sim, folio_order(folio), SIM_THP_EV_SWPIN);
	sim_trace(sim,
		  "do_swap_page: mapped order-%u folio pfn %#lx at %#lx, "
		  "%lu PTEs %s, exclusive",
		  folio_order(folio), page_to_pfn(&folio->page), addr, nr,
		  pte_write(pte) ? "writable" : "R/O");
	for (i = 0; i < nr; i++)
		swapcache_clear(sim, swp_entry(swp_type(entry),
					       swp_offset(entry) + i));
	if (vmf->flags & FAULT_FLAG_WRITE) {
		ret |= do_wp_page(vmf);
		if (ret & VM_FAULT_ERROR)
			ret &= VM_FAULT_ERROR;
	}
	return ret;
}

/*
 * swap_read_large_folio - do_swap_page with a large folio from
 * alloc_swap_folio: the slots from the aligned entry get SWAP_HAS_CACHE
 * (swapcache_prepare of all of them), each page is read from its slot
 * (swap_read_folio), and the folio is mapped whole.
 */
static vm_fault_t swap_read_large_folio(struct vm_fault *vmf,
					struct folio *folio, swp_entry_t entry)
{
	struct sim *sim = vma_sim(vmf->vma);
	unsigned long nr = folio_nr_pages(folio), i;
	struct swap_info_struct *si;

	entry = swp_entry(swp_type(entry),
			  ALIGN_DOWN(swp_offset(entry), (u64)nr));
	si = swp_swap_info(sim, entry);
	__folio_set_swapbacked(folio);
	for (i = 0; i < nr; i++)
		swapcache_prepare(sim, swp_entry(swp_type(entry),
						 swp_offset(entry) + i));
	folio_add_lru_vma(folio, vmf->vma);
	for (i = 0; i < nr; i++) {
		struct page *page = folio_page(folio, i);
		unsigned long off = swp_offset(entry) + i;

		page->sim_content = si->sim_data[off];
		page_set_written(page, si->sim_writer[off], si->sim_wtime[off]);
	}
	folio_set_uptodate(folio);
	sim_trace(sim,
		  "do_swap_page: read %u:%#llx..%#llx into a fresh order-%u "
		  "folio, bypassing the swap cache",
		  swp_type(entry), (unsigned long long)swp_offset(entry),
		  (unsigned long long)(swp_offset(entry) + nr - 1),
		  folio_order(folio));
	return do_swap_page_large(vmf, folio, entry, VM_FAULT_MAJOR);
}

/*
 * do_swap_page - a fault on a swap PTE (swapin.fault).  The page comes from the
 * swap cache, or is read into it, or (a SWP_SYNCHRONOUS_IO device with a single
 * user of the slot) is read into a fresh folio that never enters the swap
 * cache.  It is exclusive if the swap PTE's exclusive bit says so
 * (origin.swp-exclusive), if it is such a fresh folio, or if this fault holds
 * its only reference; except that a swap-cache page still under writeback to a
 * device with stable writes is mapped shared.  An exclusive page is mapped
 * writable if the VMA allows it, even on a read fault (v6.11+).
 *
 * Migration entries cannot be met: migration completes within a
 * statement.  A hwpoison entry, or a poisoned swap-cache page, is
 * VM_FAULT_HWPOISON (hwpoison.fault).  A fresh folio may be large
 * (alloc_swap_folio, thp.swapin).  Omits: large folios in the swap cache.
 */
static vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct sim *sim = vma_sim(vma);
	const struct sim_policy *policy = vma_policy(vma);
	struct folio *swapcache, *folio;
	struct swap_info_struct *si;
	bool exclusive = false, need_clear_cache = false;
	rmap_t rmap_flags = RMAP_NONE;
	vm_fault_t ret = 0;
	swp_entry_t entry;
	pte_t pte;

	entry = pte_to_swp_entry(vmf->orig_pte);
	if (is_pte_marker_entry(entry))
		return handle_pte_marker(vmf);
	if (is_hwpoison_entry(entry)) {
		sim_trace(sim, "do_swap_page: hwpoison entry at %#lx",
			  vmf->address);
		return VM_FAULT_HWPOISON;
	}
	if (non_swap_entry(entry)) {
		sim_trace(sim, "do_swap_page: swap type %u is not modelled",
			  swp_type(entry));
		return VM_FAULT_SIGBUS;
	}
	si = swp_swap_info(sim, entry);
	if (!si)
		return VM_FAULT_SIGBUS;
	folio = swap_cache_get_folio(sim, entry);
	swapcache = folio;
	if (!folio) {
		if ((si->flags & SWP_SYNCHRONOUS_IO) &&
		    __swap_count(sim, entry) == 1) {
			/* Skip the swap cache: a fresh, certainly exclusive folio. */
			folio = alloc_swap_folio(vmf);
			if (folio_test_large(folio))
				return swap_read_large_folio(vmf, folio, entry);
			__folio_set_swapbacked(folio);
			swapcache_prepare(sim, entry);
			need_clear_cache = true;
			folio_add_lru_vma(folio, vma);
			folio->swap = entry;
			sim_touch_page(&folio->page);
			swap_read_folio(folio);
			folio->swap.val = 0;
			sim_touch_page(&folio->page);
			sim_trace(sim,
				  "do_swap_page: read %u:%#llx into a fresh "
				  "folio, bypassing the swap cache",
				  swp_type(entry),
				  (unsigned long long)swp_offset(entry));
		} else {
			folio = swapin_readahead(entry, vmf);
			swapcache = folio;
			sim_trace(sim,
				  "do_swap_page: read %u:%#llx into the swap "
				  "cache",
				  swp_type(entry),
				  (unsigned long long)swp_offset(entry));
		}
		ret = VM_FAULT_MAJOR;
	} else if (PageHWPoison(&folio->page)) {
		/*
		 * A dirty swap-cache page memory failure kept (hwpoison.swapcache):
		 * whoever maps its slot learns of the error now.
		 */
		folio_put(folio);
		sim_trace(sim, "do_swap_page: swap cache pfn %#lx is poisoned",
			  page_to_pfn(&folio->page));
		return VM_FAULT_HWPOISON;
	} else {
		sim_trace(sim, "do_swap_page: swap cache hit pfn %#lx",
			  page_to_pfn(&folio->page));
		swap_update_readahead(folio, vma, vmf->address);
	}

	VM_BUG_ON_PGFLAGS(folio_test_anon(folio) &&
				  PageAnonExclusive(&folio->page),
			  &folio->page);
	/*
	 * A swap-cache folio another address of the anon VMA maps already
	 * (pages KSM had merged, swapped out together) is copied instead.
	 */
	if (swapcache && folio == swapcache) {
		struct folio *copy =
			ksm_might_need_to_copy(folio, vma, vmf->address);

		if (IS_ERR(copy)) {
			folio_put(swapcache);
			return VM_FAULT_HWPOISON;
		}
		if (copy != folio) {
			folio_put(swapcache);
			folio = copy;
			/*
			 * KSM's copy joins the LRU, as the kernel's
			 * do_swap_page adds it when it maps a folio that is
			 * not the swap-cache one; here, before the mapping,
			 * where nothing looks at it.
			 */
			folio_add_lru_vma(folio, vma);
		}
	}
	if (policy->swapin != SIM_SWAPIN_EXCLUSIVE)
		return do_swap_page_old(vmf, folio, swapcache, entry, ret,
					need_clear_cache);
	if (!folio_test_ksm(folio)) {
		exclusive = pte_swp_exclusive(vmf->orig_pte);
		if (folio != swapcache) {
			exclusive = true;
		} else if (exclusive && folio_test_writeback(folio) &&
			   (si->flags & SWP_STABLE_WRITES)) {
			exclusive = false;
			sim_trace(sim, "do_swap_page: under writeback to a "
				       "stable-writes device: not exclusive");
		}
	}
	swap_free(sim, entry);
	if (should_try_to_free_swap(folio, vma, vmf->flags))
		folio_free_swap(folio);
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	dec_mm_counter(vma->vm_mm, MM_SWAPENTS);
	pte = mk_pte(&folio->page, vma->vm_page_prot);
	if (pte_swp_soft_dirty(vmf->orig_pte))
		pte = pte_mksoft_dirty(pte);
	if (pte_swp_uffd_wp(vmf->orig_pte))
		pte = pte_mkuffd_wp(pte);
	if (!folio_test_ksm(folio) &&
	    (exclusive || folio_ref_count(folio) == 1)) {
		/* Writable on a read fault too since v6.11. */
		if ((vma->vm_flags & VM_WRITE) && !pte_uffd_wp(pte) &&
		    !pte_needs_soft_dirty_wp(vma, pte) &&
		    (policy->swapin_writable_on_read ||
		     (vmf->flags & FAULT_FLAG_WRITE))) {
			pte = pte_mkwrite_novma(pte);
			if (vmf->flags & FAULT_FLAG_WRITE) {
				pte = pte_mkdirty(pte);
				vmf->flags &= ~FAULT_FLAG_WRITE;
			}
		}
		rmap_flags |= RMAP_EXCLUSIVE;
	}
	return swap_map_folio(vmf, folio, pte, rmap_flags, entry,
			      need_clear_cache, ret);
}

static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry = vmf->orig_pte;

	if (pte_none(entry)) {
		if (vma_is_anonymous(vmf->vma))
			return do_anonymous_page(vmf);
		return do_fault(vmf);
	}
	if (!pte_present(entry))
		return do_swap_page(vmf);
	if (pte_protnone(entry) && vma_is_accessible(vmf->vma)) {
		sim_trace(vma_sim(vmf->vma),
			  "do_numa_page: NUMA hinting is not modelled");
		return VM_FAULT_SIGBUS;
	}
	if (vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) {
		if (!pte_write(entry))
			return do_wp_page(vmf);
		if (vmf->flags & FAULT_FLAG_WRITE)
			entry = pte_mkdirty(entry);
	}
	set_pte_at(vmf->vma->vm_mm, vmf->address, vmf->pte, pte_mkyoung(entry));
	return 0;
}

/*
 * The PMD level of __handle_mm_fault: a none PMD in a THP-eligible block
 * gets a huge PMD (create_huge_pmd); a huge PMD takes a write or unshare
 * fault it does not allow (wp_huge_pmd) or is marked accessed.
 * VM_FAULT_FALLBACK: go on at the PTE level (the PMD is a table now).
 */
static vm_fault_t handle_pmd_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	const pmd_t *pmdp;
	vm_fault_t ret;
	pmd_t pmd;

	/*
	 * Model-only shortcuts: a PTE table there (the last one walked to,
	 * or one the PMD points to) leaves nothing to do at this level, and
	 * a none PMD outside a THP-eligible block neither; the PMD table is
	 * owned (pt_table_own) only when a huge PMD may be written.
	 */
	if (pte_table_cached(mm, vmf->address))
		return VM_FAULT_FALLBACK;
	pmdp = pmd_offset_map_ro(mm, vmf->address);
	if (pmdp && !pmd_none(*pmdp) && !pmd_trans_huge(*pmdp))
		return VM_FAULT_FALLBACK;
	if ((!pmdp || pmd_none(*pmdp)) && !thp_vma_allowable(vma, vmf->address))
		return VM_FAULT_FALLBACK;
	vmf->pmd = pmd_offset_map(mm, vmf->address, true);
	pmd = *vmf->pmd;
	if (pmd_none(pmd) && thp_vma_allowable(vma, vmf->address)) {
		ret = do_huge_pmd_anonymous_page(vmf);
		if (!(ret & VM_FAULT_FALLBACK))
			return ret;
	} else if (pmd_trans_huge(pmd)) {
		if ((vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) &&
		    !pmd_write(pmd)) {
			ret = do_huge_pmd_wp_page(vmf);
			if (!(ret & VM_FAULT_FALLBACK))
				return ret;
		} else {
			huge_pmd_set_accessed(vmf);
			return 0;
		}
	}
	return VM_FAULT_FALLBACK;
}

/**
 * handle_mm_fault - resolve a fault at @address in @vma.
 * @flags: FAULT_FLAG_*; FAULT_FLAG_WRITE and FAULT_FLAG_UNSHARE exclude
 *	each other.
 *
 * Return: 0 or VM_FAULT_* bits.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
	};
	vm_fault_t ret;

	VM_WARN_ON(vma_sim(vma),
		   (flags & FAULT_FLAG_WRITE) && (flags & FAULT_FLAG_UNSHARE));
	count_sim_event(vma_sim(vma), SIM_PGFAULT);
	ret = handle_pmd_fault(&vmf);
	if (!(ret & VM_FAULT_FALLBACK))
		return ret;
	vmf.pte = pte_alloc_map(vma->vm_mm, vmf.address);
	vmf.orig_pte = *vmf.pte;
	return handle_pte_fault(&vmf);
}

/* ---- fork ---- */

/*
 * copy_present_page - the child cannot share a maybe-pinned exclusive page
 * (origin.fork-pinned): give it its own exclusive copy now.  The parent
 * keeps its page and its PTE untouched, writable if it was.
 */
static int copy_present_page(struct vm_area_struct *dst_vma,
			     struct vm_area_struct *src_vma, pte_t *dst_pte,
			     pte_t *src_pte, unsigned long addr,
			     struct page *page, int *rss)
{
	struct folio *new_folio = folio_alloc(vma_sim(dst_vma));
	pte_t pte;

	(void)src_vma;
	copy_user_highpage(&new_folio->page, page);
	__folio_mark_uptodate(new_folio);
	folio_add_new_anon_rmap(new_folio, dst_vma, addr, RMAP_EXCLUSIVE);
	folio_add_lru_vma(new_folio, dst_vma);
	rss[MM_ANONPAGES]++;
	pte = mk_pte(&new_folio->page, dst_vma->vm_page_prot);
	pte = maybe_mkwrite(pte_mkdirty(pte), dst_vma);
	/* The child's copy stays protected only if it stays registered. */
	if (userfaultfd_pte_wp(dst_vma, *src_pte))
		pte = pte_mkuffd_wp(pte);
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
	count_sim_event(vma_sim(dst_vma), SIM_FORK_COPY);
	sim_trace(
		vma_sim(dst_vma),
		"fork: copied at fork (maybe pinned): pfn %#lx -> child pfn %#lx",
		page_to_pfn(page), page_to_pfn(&new_folio->page));
	return 0;
}

/* __copy_present_ptes: the PTE transform when the page is shared. */
static void __copy_present_pte(struct vm_area_struct *dst_vma,
			       struct vm_area_struct *src_vma, pte_t *dst_pte,
			       pte_t *src_pte, pte_t pte, unsigned long addr)
{
	if (is_cow_mapping(src_vma->vm_flags) && pte_write(pte)) {
		set_pte_at(src_vma->vm_mm, addr, src_pte,
			   pte_wrprotect(*src_pte));
		pte = pte_wrprotect(pte);
	}
	if (src_vma->vm_flags & VM_SHARED)
		pte = pte_mkclean(pte);
	pte = pte_mkold(pte);
	if (!userfaultfd_wp(dst_vma))
		pte = pte_clear_uffd_wp(pte);
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
}

/* The trace line of a small anon page fork shares, in either fork path. */
static void trace_fork_share(struct sim *sim, const struct page *page)
{
	sim_trace(sim, "fork: share pfn %#lx R/O%s", page_to_pfn(page),
		  sim->policy.anon_exclusive ? ", no longer exclusive" : "");
}

/*
 * Model-only, for the trace: does a batch of PTEs of a large folio start
 * at @ptep?  The kernel shares such a batch at once (copy_present_ptes,
 * folio_pte_batch), and falls back to single pages when the folio may be
 * pinned; the model takes every page on its own, with the same result.
 */
static bool batch_start(const pte_t *ptep, unsigned long addr,
			const struct page *page)
{
	const struct folio *folio = page_folio((struct page *)page);

	if (page == &folio->page || !pte_index(addr))
		return true;
	return !pte_present(ptep[-1]) || pte_special(ptep[-1]) ||
	       pte_pfn(ptep[-1]) != page_to_pfn(page) - 1;
}

static int copy_present_pte(struct vm_area_struct *dst_vma,
			    struct vm_area_struct *src_vma, pte_t *dst_pte,
			    pte_t *src_pte, unsigned long addr, int *rss)
{
	pte_t pte = *src_pte;
	struct page *page = vm_normal_page(src_vma, addr, pte);
	struct folio *folio;

	if (!page)
		goto copy_pte;
	folio = page_folio(page);
	if (folio_test_anon(folio)) {
		/* Reference first, then the mapcount (origin.fork-pinned). */
		folio_get(folio);
		if (folio_try_dup_anon_rmap_pte(folio, page, dst_vma,
						src_vma)) {
			folio_put(folio);
			return copy_present_page(dst_vma, src_vma, dst_pte,
						 src_pte, addr, page, rss);
		}
		VM_WARN_ON(vma_sim(src_vma),
			   folio_ref_count(folio) < folio_mapcount(folio));
		rss[MM_ANONPAGES]++;
		if (!folio_test_large(folio))
			trace_fork_share(vma_sim(src_vma), page);
		else if (batch_start(src_pte, addr, page))
			sim_trace(vma_sim(src_vma),
				  "copy_present_ptes: share the PTEs of large "
				  "folio pfn %#lx from pfn %#lx R/O, no longer "
				  "exclusive (folio_try_dup_anon_rmap_ptes)",
				  page_to_pfn(&folio->page), page_to_pfn(page));
	} else {
		folio_get(folio);
		folio_dup_file_rmap_pte(folio, page);
		rss[mm_counter(folio)]++;
	}
copy_pte:
	__copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, pte, addr);
	return 0;
}

/*
 * copy_nonpresent_pte - fork over a swap or migration entry (fork.nonpresent).
 * A swap slot gets one more user, and since the page is now shared the
 * exclusive bit is cleared in the parent's PTE too (origin.swp-exclusive).
 * A writable or readable-exclusive migration entry of a COW mapping becomes
 * readable in both.
 */
static int copy_nonpresent_pte(struct vm_area_struct *dst_vma,
			       struct vm_area_struct *src_vma, pte_t *dst_pte,
			       pte_t *src_pte, unsigned long addr, int *rss)
{
	struct sim *sim = vma_sim(src_vma);
	pte_t orig = *src_pte, pte = orig;
	swp_entry_t entry = pte_to_swp_entry(orig);

	if (!non_swap_entry(entry)) {
		if (swap_duplicate(sim, entry) < 0)
			return -ENOMEM;
		if (pte_swp_exclusive(orig)) {
			set_pte_at(src_vma->vm_mm, addr, src_pte,
				   pte_swp_clear_exclusive(orig));
			pte = *src_pte;
		}
		rss[MM_SWAPENTS]++;
		sim_trace(sim, "fork: swap entry %u:%#llx shared%s",
			  swp_type(entry),
			  (unsigned long long)swp_offset(entry),
			  pte_swp_exclusive(orig) ?
				  ", exclusive bit cleared in the parent" :
				  "");
	} else if (is_migration_entry(entry)) {
		rss[MM_ANONPAGES]++;
		if (swp_type(entry) != SWP_MIGRATION_READ &&
		    is_cow_mapping(src_vma->vm_flags)) {
			swp_entry_t r = swp_entry(SWP_MIGRATION_READ,
						  swp_offset(entry));

			pte = swp_entry_to_pte(r);
			if (pte_swp_soft_dirty(orig))
				pte = pte_swp_mksoft_dirty(pte);
			if (pte_swp_uffd_wp(orig))
				pte = pte_swp_mkuffd_wp(pte);
			set_pte_at(src_vma->vm_mm, addr, src_pte, pte);
		}
	} else if (is_hwpoison_entry(entry)) {
		/* hwpoison.fork: the child's access gets the error too. */
		sim_trace(sim, "fork: hwpoison entry at %#lx copied", addr);
	} else if (is_pte_marker_entry(entry)) {
		/* copy_pte_marker: a uffd-wp marker only where registered. */
		u64 marker = swp_offset(entry) & PTE_MARKER_MASK;

		if (!userfaultfd_wp(dst_vma))
			marker &= ~(u64)PTE_MARKER_UFFD_WP;
		if (marker)
			set_pte_at(dst_vma->vm_mm, addr, dst_pte,
				   make_pte_marker(marker));
		sim_trace(sim, "fork: marker at %#lx %s", addr,
			  marker ? "copied" : "dropped (child not registered)");
		return 0;
	} else {
		sim_warn(sim, __func__, "swap type not modelled at fork");
		return -EINVAL;
	}
	if (!userfaultfd_wp(dst_vma))
		pte = __pte(pte_val(pte) & ~_PAGE_SWP_UFFD_WP);
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
	return 0;
}

/*
 * vma_needs_copy - page tables are copied at fork only where the child
 * could not rebuild them by faulting: anon pages (an anon_vma exists),
 * PFN maps, uffd-wp.  Shared anonymous memory is faulted in again.
 */
static bool vma_needs_copy(struct vm_area_struct *dst_vma,
			   struct vm_area_struct *src_vma)
{
	if (userfaultfd_wp(dst_vma))
		return true;
	if (src_vma->vm_flags & (VM_PFNMAP | VM_MIXEDMAP))
		return true;
	return src_vma->anon_vma != NULL;
}

/*
 * Model-only: copy_present_pte() for its common case, done inline by
 * copy_pte_range() for a run of PTEs of one table (@idx up to @end): a
 * small anon page, not KSM, of a parent that never pinned (without
 * MMF_HAS_PINNED, folio_try_dup_anon_rmap_pte() shares under every
 * design).  For each, the same steps in the same order, with what
 * copy_pte_range() looked up once per table (@cow: is_cow_mapping(),
 * @shared: VM_SHARED, @uffd_wp: userfaultfd_wp(@dst_vma)), the page
 * left for the run's hook to list with its tallies (unless clean by
 * then: harness/touch.c, list_changed_page) or, if @fused, its tallies
 * kept and the page listed by the loop itself (linux/sim_tally.h), the
 * PTE hooks batched in @b (the page's class does not change before the
 * batch is flushed) and the tables' group marks (pt_table_mark) set once
 * per run, the child's as the parent's are.  None PTEs are
 * skipped.  Returns the index of the first PTE it did not copy
 * (@end if none), having changed nothing of it: the caller copies that
 * one with copy_present_pte() or copy_nonpresent_pte().  *@nr counts the
 * PTEs copied (the child's MM_ANONPAGES).
 */
static inline __attribute__((always_inline)) unsigned int
__copy_small_anon_ptes(struct sim *sim, u64 *dst, u64 *src, unsigned int idx,
		       unsigned int end, bool cow, bool shared, bool uffd_wp,
		       bool touching, bool fused, bool tracing,
		       struct sim_pte_batch *b, int *nr)
{
	/* Nothing here allocates (the memory map stays) or sets a hook. */
	struct sim_chunk *const *chunks = sim->chunks;
	unsigned long nr_pfns = sim->nr_pfns;
	/* The PTEs copied, and the parent's write-protected, for the hook. */
	u64 copied_bits[PTRS_PER_PTE / 64], wp_bits[PTRS_PER_PTE / 64];
	unsigned int from = idx;
	int copied = 0;
	/* fused: the run's first PTE write-protected, any; page bugs */
	/* fused: the parent's PTEs write-protected (their _PAGE_RW or-ed) */
	u64 wp_any = 0;
	bool bugs = sim->nr_page_bugs;

	if (touching && !fused) {
		memset(copied_bits, 0, sizeof(copied_bits));
		memset(wp_bits, 0, sizeof(wp_bits));
	}
	for (; idx < end; idx++) {
		pte_t pte = __pte(src[idx]);
		unsigned long pfn;
		struct page *page;

		if (pte_none(pte))
			continue;
		/*
		 * Present, not special, and not PROT_NONE (whose PFN is
		 * inverted: pte_pfn()), which goes the common way: the PFN
		 * as it is.
		 */
		if ((pte_val(pte) & (_PAGE_PRESENT | _PAGE_SPECIAL)) !=
		    _PAGE_PRESENT)
			break;
		pfn = (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT;
		if (pfn >= nr_pfns)
			break;
		/* pfn_to_page */
		page = &chunks[pfn >> SIM_CHUNK_SHIFT]
				->pages[pfn & (SIM_CHUNK_PAGES - 1)];
		/*
		 * Without the touch record (a large fork overflows it) the
		 * memory map is mostly out of cache: ask for the struct page
		 * 8 PFNs on now, the next PTEs' if the pages were faulted in
		 * order, as they mostly are (a hint: nothing is read there,
		 * and an address past the chunk is no fault).
		 */
		if (!touching)
			__builtin_prefetch(page + 8, 1);
		if (PageCompound(page) ||
		    (page->mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON)
			break;
		/* The hook maps where nothing was (never otherwise). */
		if (touching && dst[idx])
			break;
		/*
		 * Fused: tallies that would leave their range, or a parent's
		 * PTE not clean once write-protected (uffd-wp), go the way of
		 * the hooks (copy_present_pte), as nothing changed yet.
		 */
		if (fused && (!sim_fork_tally_fits(page, pte_write(pte)) ||
			      (pte_write(pte) && pte_uffd_wp(pte))))
			break;
		/*
		 * folio_get, then folio_try_dup_anon_rmap_pte.  Without
		 * copy_present_pte()'s model-only VM_WARN_ON(refcount <
		 * mapcount): one more of each keeps the order they were in,
		 * so it could only fire on a page whose I5 (harness/check.c)
		 * failed at an earlier step; and it was a fifth of a fork's
		 * instructions.
		 */
		page->_refcount++;
		page->flags &= ~BIT(PG_anon_exclusive);
		page->_mapcount++;
		if (tracing)
			trace_fork_share(sim, page);
		/*
		 * __copy_present_pte, with set_pte_batched's steps: the entry,
		 * its pt_table_mark, for both tables a run at a time (the
		 * entries are not none), and the hooks of the run after it
		 * (which PTEs changed, in bitmaps).
		 */
		if (fused) {
			wp_any |= pte_val(pte);
			sim_fork_tally(sim, page, pte_write(pte), bugs);
		}
		if (cow && pte_write(pte)) {
			if (touching && !fused)
				wp_bits[idx / 64] |= 1ULL << (idx % 64);
			/* Not none before: its group is marked already. */
			src[idx] = pte_val(pte_wrprotect(pte));
			pte = pte_wrprotect(pte);
		}
		if (shared)
			pte = pte_mkclean(pte);
		pte = pte_mkold(pte);
		if (!uffd_wp)
			pte = pte_clear_uffd_wp(pte);
		if (touching && !fused)
			copied_bits[idx / 64] |= 1ULL << (idx % 64);
		dst[idx] = pte_val(pte);
		copied++;
	}
	*nr += copied;
	/*
	 * The child's entries are where the parent's are: its groups of
	 * the run marked as the parent's are, once per run.
	 */
	if (copied)
		*pt_table_groups(dst) |=
			*pt_table_groups(src) &
			(~0ULL >> (63 - (idx - 1) / PT_GROUP)) &
			(~0ULL << (from / PT_GROUP));
	if (fused && copied)
		__sim_touch_fork_done(b->mm[0], b->mm[1], copied,
				      wp_any & _PAGE_RW);
	else if (touching && copied)
		sim_touch_fork_run(b, src, dst, copied_bits, wp_bits, from,
				   idx);
	return idx;
}

/*
 * __copy_small_anon_ptes() for a run, its loop compiled apart for the
 * common fork (a private mapping, no touch record, no trace), where it has
 * nothing to test per PTE but the PTE and its page.
 */
/*
 * The loops of copy_small_anon_ptes(), each compiled in a function of
 * its own: in one, they spilled to the stack what each keeps in
 * registers alone.
 */
#define COPY_PTES_LOOP(name, uffd_wp, touching, fused)                         \
	static __attribute__((noinline)) unsigned int name(                    \
		struct sim *sim, u64 *dst, u64 *src, unsigned int idx,         \
		unsigned int end, struct sim_pte_batch *b, int *nr)            \
	{                                                                      \
		return __copy_small_anon_ptes(sim, dst, src, idx, end, true,   \
					      false, uffd_wp, touching, fused, \
					      false, b, nr);                   \
	}
COPY_PTES_LOOP(copy_ptes_cow, false, false, false)
COPY_PTES_LOOP(copy_ptes_cow_uffd_wp, true, false, false)
COPY_PTES_LOOP(copy_ptes_cow_touching, false, true, false)
COPY_PTES_LOOP(copy_ptes_cow_fused, false, true, true)

static unsigned int copy_small_anon_ptes(struct sim *sim, u64 *dst, u64 *src,
					 unsigned int idx, unsigned int end,
					 bool cow, bool shared, bool uffd_wp,
					 struct sim_pte_batch *b, int *nr)
{
	bool touching = __sim_touching(sim);
	bool tracing = sim_hooks_of(sim)->trace;

	if (!touching && !tracing && cow && !shared) {
		if (uffd_wp)
			return copy_ptes_cow_uffd_wp(sim, dst, src, idx, end, b,
						     nr);
		return copy_ptes_cow(sim, dst, src, idx, end, b, nr);
	}
	/*
	 * And with the touch record on, as mmsim run keeps it: the tallies
	 * kept by the loop itself (linux/sim_tally.h) where every PTE it
	 * copies is clean as copied (the VMAs have their anon_vma:
	 * sim_pte_page_clean()) and the record is made already.
	 */
	if (touching && !tracing && cow && !shared && !uffd_wp) {
		const struct vm_area_struct *sv = b->vma[0], *dv = b->vma[1];

		if (sim->touched && (!vma_is_anonymous(sv) || sv->anon_vma) &&
		    (!vma_is_anonymous(dv) || dv->anon_vma))
			return copy_ptes_cow_fused(sim, dst, src, idx, end, b,
						   nr);
		return copy_ptes_cow_touching(sim, dst, src, idx, end, b, nr);
	}
	return __copy_small_anon_ptes(sim, dst, src, idx, end, cow, shared,
				      uffd_wp, touching, false, tracing, b, nr);
}

/* add_mm_rss_vec: the rss a copy counted, added to @mm at once. */
static void add_mm_rss_vec(struct mm_struct *mm, const int *rss)
{
	int i;

	for (i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(mm, i, rss[i]);
}

/*
 * copy_pte_range - copy the PTEs of [@addr, @end), inside one PMD block,
 * from @src_vma's table into @dst_vma's; the child's table is allocated
 * at the first PTE to copy.  As in the kernel, the child's rss is counted
 * locally and added once per table.
 *
 * Deviation: v6.12 allocates the child's table up front whenever the
 * parent's PMD is present, and drops the lock to allocate a page for a
 * maybe-pinned copy (-EAGAIN, then a retry); the model's allocations
 * cannot fail or sleep, so neither is needed.
 */
static int copy_pte_range(struct vm_area_struct *dst_vma,
			  struct vm_area_struct *src_vma, unsigned long addr,
			  unsigned long end)
{
	struct mm_struct *src_mm = src_vma->vm_mm, *dst_mm = dst_vma->vm_mm;
	struct sim *sim = src_mm->sim;
	struct page *src_table = walk_to_pte_table(src_mm, addr, false);
	struct page *dst_table = NULL;
	int rss[NR_MM_COUNTERS] = { 0 };
	bool cow = is_cow_mapping(src_vma->vm_flags);
	bool shared = src_vma->vm_flags & VM_SHARED;
	bool uffd_wp = userfaultfd_wp(dst_vma);
	bool fast = !mm_flags_test(MMF_HAS_PINNED, src_mm);
	struct sim_pte_batch batch;
	unsigned int idx, end_idx = pte_index(end - 1) + 1;
	pte_t *src_pte, *dst_pte;
	int ret = 0;

	if (!src_table)
		return 0;
	batch.mm[0] = src_mm;
	batch.mm[1] = dst_mm;
	batch.vma[0] = src_vma;
	batch.vma[1] = dst_vma;
	batch.base = addr & PMD_MASK;
	batch.nr = 0;
	for (idx = pte_index(addr); addr < end; idx++, addr += PAGE_SIZE) {
		src_pte = (pte_t *)&src_table->pt_table[idx];
		if (pte_none(*src_pte))
			continue;
		if (!dst_table)
			dst_table = walk_to_pte_table(dst_mm, addr, true);
		if (fast) {
			unsigned int stop = copy_small_anon_ptes(
				sim, dst_table->pt_table, src_table->pt_table,
				idx, end_idx, cow, shared, uffd_wp, &batch,
				&rss[MM_ANONPAGES]);

			addr += (unsigned long)(stop - idx) << PAGE_SHIFT;
			idx = stop;
			if (idx == end_idx)
				break;
			src_pte = (pte_t *)&src_table->pt_table[idx];
		}
		/* The hooks in order: what was batched first. */
		sim_pte_batch_flush(&batch);
		dst_pte = (pte_t *)&dst_table->pt_table[idx];
		if (!pte_present(*src_pte))
			ret = copy_nonpresent_pte(dst_vma, src_vma, dst_pte,
						  src_pte, addr, rss);
		else
			ret = copy_present_pte(dst_vma, src_vma, dst_pte,
					       src_pte, addr, rss);
		if (ret)
			break;
	}
	sim_pte_batch_flush(&batch);
	add_mm_rss_vec(dst_mm, rss);
	return ret;
}

/**
 * copy_page_range - fork's copy of one VMA's page tables.
 *
 * For COW mappings, write_protect_seq is odd while copying, so that
 * GUP-fast pinning concurrently can detect the race (fork.seqcount).
 *
 * Deviation: the kernel's copy_p?d_range descend the source tables level
 * by level and skip empty upper entries; the model finds each PMD block's
 * PTE table with one walk (walk_to_pte_table) and copies it in
 * copy_pte_range.
 *
 * Return: 0 or -errno.
 */
int copy_page_range(struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma)
{
	struct mm_struct *src_mm = src_vma->vm_mm;
	bool is_cow = is_cow_mapping(src_vma->vm_flags);
	unsigned long addr, next;
	int ret = 0;

	if (!vma_needs_copy(dst_vma, src_vma))
		return 0;
	if (is_cow)
		src_mm->write_protect_seq++;
	for (addr = src_vma->vm_start; addr < src_vma->vm_end && !ret;
	     addr = next) {
		const pmd_t *src_pmd;

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > src_vma->vm_end || next < addr)
			next = src_vma->vm_end;
		/* copy_pmd_range: a huge PMD is copied whole if it can be. */
		src_pmd = pmd_offset_map_ro(src_mm, addr);
		if (src_pmd && pmd_trans_huge(*src_pmd)) {
			VM_WARN_ON(src_mm->sim, next - addr != HPAGE_PMD_SIZE);
			ret = copy_huge_pmd(dst_vma, src_vma, addr);
			if (!ret)
				continue;
			ret = 0;
		}
		ret = copy_pte_range(dst_vma, src_vma, addr, next);
	}
	if (is_cow)
		src_mm->write_protect_seq++;
	return ret;
}

/* ---- zap ---- */

static bool zap_drop_markers(struct zap_details *details)
{
	return details && (details->zap_flags & ZAP_FLAG_DROP_MARKER);
}

/* should_zap_cows: all but a hole punch zap private COW pages too. */
static bool should_zap_cows(struct zap_details *details)
{
	return !details || details->even_cows;
}

/*
 * zap_install_uffd_wp_if_needed - a zapped PTE of a file or shmem VMA
 * that carried uffd-wp leaves a marker, unless the zap drops markers
 * (munmap, exit); a zap of anonymous memory drops everything.
 */
static void zap_install_uffd_wp_if_needed(struct vm_area_struct *vma,
					  unsigned long addr, pte_t *ptep,
					  struct zap_details *details,
					  pte_t pteval)
{
	if (vma_is_anonymous(vma) || zap_drop_markers(details))
		return;
	if (pte_install_uffd_wp_if_needed(vma, addr, ptep, pteval))
		sim_trace(vma_sim(vma), "zap: uffd-wp marker left at %#lx",
			  addr);
}

static void zap_pte(struct vm_area_struct *vma, unsigned long addr, pte_t *ptep,
		    struct zap_details *details, bool batch)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t ptent = *ptep;
	struct page *page;
	struct folio *folio;

	if (pte_none(ptent))
		return;
	if (!pte_present(ptent)) {
		swp_entry_t entry = pte_to_swp_entry(ptent);

		/*
		 * A uffd-wp marker of file memory goes only when asked to; a
		 * poisoned one (UFFDIO_POISON) and a swap entry (a private
		 * anon page) only with the COW pages (should_zap_cows).
		 */
		if (pte_marker_entry_uffd_wp(entry) && !vma_is_anonymous(vma) &&
		    !zap_drop_markers(details))
			return;
		if (!should_zap_cows(details) &&
		    (!is_pte_marker_entry(entry) ||
		     !pte_marker_entry_uffd_wp(entry)))
			return;
		set_pte_at(mm, addr, ptep, __pte(0));
		zap_install_uffd_wp_if_needed(vma, addr, ptep, details, ptent);
		if (!non_swap_entry(entry)) {
			dec_mm_counter(mm, MM_SWAPENTS);
			free_swap_and_cache(mm->sim, entry);
		} else if (is_migration_entry(entry)) {
			struct page *mpage =
				pfn_to_page(mm->sim, swp_offset(entry));

			/* The migration holds the page; only the rmap goes. */
			dec_mm_counter(mm, mm_counter(page_folio(mpage)));
		} else if (is_hwpoison_entry(entry)) {
			/* The page stays poisoned, and memory failure's. */
			sim_trace(mm->sim,
				  "zap: hwpoison entry at %#lx dropped", addr);
		} else if (!is_pte_marker_entry(entry)) {
			sim_warn(mm->sim, __func__, "unknown swap type zapped");
		}
		return;
	}
	page = vm_normal_page(vma, addr, ptent);
	/* should_zap_folio: a hole punch leaves private anon copies. */
	if (!should_zap_cows(details) &&
	    (!page || folio_test_anon(page_folio(page))))
		return;
	ptep_get_and_clear(mm, addr, ptep);
	zap_install_uffd_wp_if_needed(vma, addr, ptep, details, ptent);
	if (!page)
		return;
	folio = page_folio(page);
	sim_trace(mm->sim, "zap: unmap pfn %#lx (refcount %d -> %d)",
		  page_to_pfn(page), folio_ref_count(folio),
		  folio_ref_count(folio) - 1);
	if (!folio_test_anon(folio) && pte_dirty(ptent))
		folio_set_dirty(folio);
	dec_mm_counter(mm, mm_counter(folio));
	if (batch)
		__folio_remove_rmap_pte(folio, page);
	else
		folio_remove_rmap_pte(folio, page, vma);
	/*
	 * free_pages_and_swap_cache, after the TLB flush: an unmapped folio
	 * leaves the swap cache if no swap PTE needs it, then the PTE's
	 * reference goes.
	 */
	free_swap_cache(folio);
	folio_put(folio);
}

/*
 * Model-only: zap_pte() for its common case, done inline by
 * zap_pte_range() for a run of PTEs of one table (@idx up to @end): a
 * present PTE of a small anon page, not KSM, not in the swap cache,
 * mapped and referenced.  For each, the same steps in the same order,
 * the rss left to the caller (as the kernel's zap_pte_range() counts it
 * locally) and the PTE hook batched in @b, which lists the page for the
 * check unless it is clean by then (its rmap and reference changes made:
 * harness/touch.c, list_changed_page; freeing it lists it), and its
 * tallies and
 * the class the hook counted it in (sim_use.cls) stay as they are even
 * if it is freed.  None PTEs are skipped.  Returns the index of the
 * first PTE it did not zap (@end if none), having changed nothing of it:
 * the caller zaps that one with zap_pte().  *@nr counts the PTEs zapped.
 */
static inline __attribute__((always_inline)) unsigned int
__zap_small_anon_ptes(struct sim *sim, u64 *entries, unsigned int idx,
		      unsigned int end, bool fused, struct sim_pte_batch *b,
		      long *nr)
{
	/* Freeing a page allocates nothing and sets no hook. */
	struct sim_chunk *const *chunks = sim->chunks;
	unsigned long nr_pfns = sim->nr_pfns;
	bool tracing = sim_hooks_of(sim)->trace;
	/* fused: the PTEs whose tallies the loop kept */
	unsigned int tallied = 0;

	for (; idx < end; idx++) {
		pte_t ptent = __pte(entries[idx]);
		unsigned long pfn;
		struct page *page;
		bool fused_pte = fused;

		if (pte_none(ptent))
			continue;
		/* As in fork's loop: PROT_NONE goes the common way. */
		if ((pte_val(ptent) & (_PAGE_PRESENT | _PAGE_SPECIAL)) !=
		    _PAGE_PRESENT)
			break;
		pfn = (pte_val(ptent) & PTE_PFN_MASK) >> PAGE_SHIFT;
		if (pfn >= nr_pfns || is_zero_pfn(pfn))
			break;
		/* pfn_to_page */
		page = &chunks[pfn >> SIM_CHUNK_SHIFT]
				->pages[pfn & (SIM_CHUNK_PAGES - 1)];
		/*
		 * Small (PageCompound), not in the swap cache (a page with
		 * PG_swapcache but not swap-backed goes the common way too),
		 * mapped, referenced; a _mapcount of 0 or more is no page
		 * type (PageBuddy).
		 */
		if ((page->flags &
		     (BIT(PG_head) | BIT(PG_sim_tail) | BIT(PG_swapcache))) ||
		    (page->mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON ||
		    page->_mapcount < 0 || page->_refcount < 1)
			break;
		/*
		 * Fused: the PTE uncounted by the loop itself, the page
		 * listed below (linux/sim_tally.h); else the PTE hook.
		 */
		if (fused && sim_zap_tally_fits(page, ptent)) {
			sim_zap_tally(page, ptent);
			tallied++;
			entries[idx] = 0;
		} else {
			fused_pte = false;
			set_pte_batched(sim, entries, idx, __pte(0), page, b,
					0);
		}
		if (tracing)
			sim_trace(sim,
				  "zap: unmap pfn %#lx (refcount %d -> %d)",
				  page_to_pfn(page), page->_refcount,
				  page->_refcount - 1);
		/* folio_remove_rmap_pte, free_swap_cache (none), folio_put */
		page->_mapcount--;
		page->_refcount--;
		if (!page->_refcount)
			free_unref_page(page);
		else if (fused_pte)
			sim_zap_list(sim, page, sim->nr_page_bugs);
		(*nr)++;
	}
	if (tallied)
		__sim_touch_zap_done(b->mm[0], tallied);
	return idx;
}

/*
 * __zap_small_anon_ptes(), the tallies kept by the loop itself where the
 * touch record is on and made already.
 */
static unsigned int zap_small_anon_ptes(struct sim *sim, u64 *entries,
					unsigned int idx, unsigned int end,
					struct sim_pte_batch *b, long *nr)
{
	if (__sim_touching(sim) && sim->touched)
		return __zap_small_anon_ptes(sim, entries, idx, end, true, b,
					     nr);
	return __zap_small_anon_ptes(sim, entries, idx, end, false, b, nr);
}

/*
 * zap_pte_run - zap_pte() of the PTE at @idx of the table of the PMD block
 * at @base; for a page of a large anon folio, of the whole run of PTEs
 * that map consecutive pages of that folio (zap_present_ptes,
 * folio_pte_batch), whose rmap goes as one batch (folio_remove_rmap_ptes):
 * the folio is left partially mapped, and queued for deferred split, only
 * if pages of it stay mapped after the batch.  Returns the last index
 * zapped.
 */
static unsigned int zap_pte_run(struct vm_area_struct *vma, unsigned long base,
				u64 *entries, unsigned int idx,
				unsigned int end, struct zap_details *details)
{
	pte_t ptent = __pte(entries[idx]);
	struct page *page = NULL, *first;
	struct folio *folio;
	unsigned int i, n = 1;
	int unmapped = 0;

	if (pte_present(ptent))
		page = vm_normal_page(
			vma, base + ((unsigned long)idx << PAGE_SHIFT), ptent);
	if (!page || !folio_test_large(page_folio(page)) ||
	    !folio_test_anon(page_folio(page)) || !should_zap_cows(details)) {
		zap_pte(vma, base + ((unsigned long)idx << PAGE_SHIFT),
			(pte_t *)&entries[idx], details, false);
		return idx;
	}
	folio = page_folio(page);
	first = folio_page(folio, 0);
	while (idx + n < end && pte_present(__pte(entries[idx + n])) &&
	       pte_pfn(__pte(entries[idx + n])) == page_to_pfn(page) + n &&
	       page_to_pfn(page) + n <
		       page_to_pfn(first) + folio_nr_pages(folio))
		n++;
	folio_get(folio);
	for (i = 0; i < n; i++) {
		zap_pte(vma, base + ((unsigned long)(idx + i) << PAGE_SHIFT),
			(pte_t *)&entries[idx + i], details, true);
		if (folio_page(folio,
			       page_to_pfn(page) + i - page_to_pfn(first))
			    ->_mapcount < 0)
			unmapped++;
	}
	folio_partially_unmapped(folio, unmapped);
	folio_put(folio);
	return idx + n - 1;
}

/*
 * zap_pte_range - zap the PTEs of [@addr, @end), inside one PMD block, in
 * the PTE table @pte (of @addr) points into.  As in the kernel, the rss
 * of the small anon pages is counted locally and taken from the mm once
 * per table (and before any PTE zap_pte() zaps, so that the counter is
 * what it would be).
 */
static void zap_pte_range(struct vm_area_struct *vma, pte_t *pte,
			  unsigned long addr, unsigned long end,
			  struct zap_details *details)
{
	struct mm_struct *mm = vma->vm_mm;
	struct sim *sim = mm->sim;
	u64 *entries = (u64 *)pte - pte_index(addr);
	unsigned int idx = pte_index(addr), end_idx = pte_index(end - 1) + 1;
	struct sim_pte_batch batch;
	long nr_anon = 0;

	batch.mm[0] = batch.mm[1] = mm;
	batch.vma[0] = batch.vma[1] = vma;
	batch.base = addr & PMD_MASK;
	batch.nr = 0;
	for (; idx < end_idx; idx++) {
		/*
		 * The run of small anon pages is zapped inline only when
		 * every anon page goes (unmap_mapping_range() without
		 * even_cows keeps a private mapping's COW copies) and none
		 * can leave a uffd-wp marker (a file VMA registered for it).
		 */
		if ((!details || should_zap_cows(details)) &&
		    (vma_is_anonymous(vma) || !userfaultfd_wp(vma)))
			idx = zap_small_anon_ptes(sim, entries, idx, end_idx,
						  &batch, &nr_anon);
		if (idx == end_idx)
			break;
		/* The hooks and the counter in order: what was batched. */
		sim_pte_batch_flush(&batch);
		if (nr_anon) {
			add_mm_counter(mm, MM_ANONPAGES, -nr_anon);
			nr_anon = 0;
		}
		idx = zap_pte_run(vma, addr & PMD_MASK, entries, idx, end_idx,
				  details);
	}
	sim_pte_batch_flush(&batch);
	if (nr_anon)
		add_mm_counter(mm, MM_ANONPAGES, -nr_anon);
}

/*
 * zap_page_range_single - MADV_DONTNEED over [address, address + size),
 * which lies inside @vma.  Deviation: the kernel's zap_p?d_range walk the
 * tables level by level; the model finds each PMD block's PTE table with
 * one walk (pte_offset_map()), as walk_page_range_vma() would, and zaps
 * it in zap_pte_range().
 */
void zap_page_range_single(struct vm_area_struct *vma, unsigned long address,
			   unsigned long size, struct zap_details *details)
{
	unsigned long addr, end = address + size, next;

	/*
	 * zap_pmd_range: a huge PMD the range covers whole goes at once; one
	 * it covers in part is split, and its PTEs zapped below.
	 */
	for (addr = address; addr < end; addr = next) {
		const pmd_t *ro;
		pmd_t *pmd;

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > end || next < addr)
			next = end;
		/* Read first: a table shared with a clone stays shared. */
		ro = pmd_offset_map_ro(vma->vm_mm, addr);
		if (!ro || !pmd_trans_huge(*ro))
			continue;
		pmd = pmd_offset_map(vma->vm_mm, addr, false);
		if (!(addr & ~PMD_MASK) && next - addr == HPAGE_PMD_SIZE)
			zap_huge_pmd(vma, pmd, addr);
		else
			__split_huge_pmd(vma, pmd, addr);
	}
	/* zap_pmd_range's PTE tables, as walk_page_range_vma() finds them. */
	if (address >= end || address < vma->vm_start || end > vma->vm_end)
		return;
	for (addr = address; addr < end; addr = next) {
		pte_t *pte;

		next = (addr & PMD_MASK) + PMD_SIZE;
		if (next > end || next < addr)
			next = end;
		pte = pte_offset_map(vma->vm_mm, addr);
		if (pte)
			zap_pte_range(vma, pte, addr, next, details);
	}
}

/*
 * unmap_mapping_range - zap the PTEs of file pages [@first_index,
 * @first_index + @nr) in every VMA that maps @mapping, in every process
 * (the kernel walks the mapping's i_mmap tree; the model scans every mm:
 * a deviation in cost only).  Without @even_cows, the anon COW copies,
 * swap entries and poisoned markers of private mappings stay, and
 * uffd-wp protection stays as markers (no ZAP_FLAG_DROP_MARKER).
 */
void unmap_mapping_range(struct sim *sim, struct address_space *mapping,
			 unsigned long first_index, unsigned long nr,
			 bool even_cows)
{
	struct zap_details details = { .even_cows = even_cows };
	unsigned long last = first_index + nr;
	struct mm_struct *mm;
	unsigned int m;

	for_each_mm(sim, mm, m) {
		struct vm_area_struct *vma;

		for_each_vma(mm, vma) {
			unsigned long vfirst = vma->vm_pgoff;
			unsigned long vlast =
				vfirst +
				((vma->vm_end - vma->vm_start) >> PAGE_SHIFT);
			unsigned long from, to;

			if (vma->vm_mapping != mapping ||
			    vlast <= first_index || vfirst >= last)
				continue;
			from = first_index > vfirst ? first_index : vfirst;
			to = last < vlast ? last : vlast;
			zap_page_range_single(
				vma,
				vma->vm_start + ((from - vfirst) << PAGE_SHIFT),
				(to - from) << PAGE_SHIFT, &details);
		}
	}
}

/* unmap_vmas - zap every VMA of @mm (exit_mmap), markers too. */
void unmap_vmas(struct mm_struct *mm)
{
	struct zap_details details = { .even_cows = true,
				       .zap_flags = ZAP_FLAG_DROP_MARKER };
	struct vm_area_struct *vma;

	for_each_vma(mm, vma)
		zap_page_range_single(vma, vma->vm_start,
				      vma->vm_end - vma->vm_start, &details);
}
