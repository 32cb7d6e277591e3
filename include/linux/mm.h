/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/mm.h at v6.12: vm_flags, GUP and fault flags,
 * reference and map counts, and the entry points of the modelled mm/ files.
 *
 * Deviation: the kernel reaches its global state (the page array, the zero
 * page, the current task) implicitly.  The model has no global state: a
 * page finds its struct sim through its chunk of the memory map
 * (page_sim(), linux/sim_memmap.h), an mm_struct knows it (mm->sim),
 * and functions that start from neither take the sim as first argument.
 */
#ifndef MMSIM_LINUX_MM_H
#define MMSIM_LINUX_MM_H

#include "linux/kernel.h"
#include "linux/mm_types.h"
#include "linux/page-flags.h"
#include "linux/pgtable.h"

/* vm_flags (include/linux/mm.h) */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_UFFD_MISSING 0x00000200UL
#define VM_PFNMAP 0x00000400UL
#define VM_UFFD_WP 0x00001000UL
#define VM_LOCKED 0x00002000UL
#define VM_IO 0x00004000UL
#define VM_DONTCOPY 0x00020000UL
#define VM_DONTEXPAND 0x00040000UL
#define VM_LOCKONFAULT 0x00080000UL
#define VM_ACCOUNT 0x00100000UL
#define VM_NORESERVE 0x00200000UL
#define VM_HUGETLB 0x00400000UL
#define VM_WIPEONFORK 0x02000000UL
#define VM_DONTDUMP 0x04000000UL
/* Not soft-dirty clean: soft-dirty tracking is off (CONFIG_MEM_SOFT_DIRTY). */
#define VM_SOFTDIRTY 0x08000000UL
#define VM_MIXEDMAP 0x10000000UL
#define VM_HUGEPAGE 0x20000000UL
#define VM_NOHUGEPAGE 0x40000000UL
#define VM_MERGEABLE 0x80000000UL
#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)
#define VM_LOCKED_MASK (VM_LOCKED | VM_LOCKONFAULT)

/* GUP flags (v6.12 values, include/linux/mm_types.h and mm/internal.h) */
#define FOLL_WRITE (1U << 0)
#define FOLL_GET (1U << 1)
#define FOLL_DUMP (1U << 2)
#define FOLL_FORCE (1U << 3)
#define FOLL_NOWAIT (1U << 4)
#define FOLL_NOFAULT (1U << 5)
#define FOLL_HWPOISON (1U << 6)
#define FOLL_ANON (1U << 7)
#define FOLL_LONGTERM (1U << 8)
#define FOLL_TOUCH (1U << 16)
#define FOLL_TRIED (1U << 17)
#define FOLL_REMOTE (1U << 18)
#define FOLL_PIN (1U << 19)
#define FOLL_FAST_ONLY (1U << 20)

/* Fault flags (enum fault_flag) */
#define FAULT_FLAG_WRITE (1U << 0)
#define FAULT_FLAG_MKWRITE (1U << 1)
#define FAULT_FLAG_ALLOW_RETRY (1U << 2)
#define FAULT_FLAG_RETRY_NOWAIT (1U << 3)
#define FAULT_FLAG_KILLABLE (1U << 4)
#define FAULT_FLAG_TRIED (1U << 5)
#define FAULT_FLAG_USER (1U << 6)
#define FAULT_FLAG_REMOTE (1U << 7)
#define FAULT_FLAG_INSTRUCTION (1U << 8)
#define FAULT_FLAG_INTERRUPTIBLE (1U << 9)
#define FAULT_FLAG_UNSHARE (1U << 10)
#define FAULT_FLAG_ORIG_PTE_VALID (1U << 11)

/* vm_fault_t bits (enum vm_fault_reason) */
#define VM_FAULT_OOM 0x000001
#define VM_FAULT_SIGBUS 0x000002
#define VM_FAULT_MAJOR 0x000004
#define VM_FAULT_HWPOISON 0x000010
#define VM_FAULT_HWPOISON_LARGE 0x000020
#define VM_FAULT_SIGSEGV 0x000040
#define VM_FAULT_NOPAGE 0x000100
#define VM_FAULT_LOCKED 0x000200
#define VM_FAULT_RETRY 0x000400
#define VM_FAULT_FALLBACK 0x000800
#define VM_FAULT_DONE_COW 0x001000
#define VM_FAULT_COMPLETED 0x004000
#define VM_FAULT_ERROR                                       \
	(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | \
	 VM_FAULT_HWPOISON | VM_FAULT_HWPOISON_LARGE)

/* mm/gup.c: each FOLL_PIN on a small folio adds this many references. */
#define GUP_PIN_COUNTING_BIAS (1U << 10)

/* The shared zero page is always PFN 0 of a struct sim. */
#define SIM_ZERO_PFN 0UL

static inline bool is_zero_pfn(unsigned long pfn)
{
	return pfn == SIM_ZERO_PFN;
}

static inline bool is_zero_page(const struct page *page)
{
	return is_zero_pfn(page_to_pfn(page));
}

static inline bool is_zero_folio(const struct folio *folio)
{
	return is_zero_page(&folio->page);
}

static inline struct folio *page_folio(struct page *page)
{
	return (struct folio *)compound_head(page);
}

static inline struct page *folio_page(struct folio *folio, unsigned long n)
{
	return &folio->page + n;
}

/* The index of @page in @folio. */
static inline unsigned long folio_page_idx(const struct folio *folio,
					   const struct page *page)
{
	return (unsigned long)(page - &folio->page);
}

/* Mappings of a large folio: the kernel's counters start at -1. */
static inline int folio_entire_mapcount(const struct folio *folio)
{
	return folio->_entire_mapcount + 1;
}

static inline int folio_large_mapcount(const struct folio *folio)
{
	return folio->_large_mapcount + 1;
}

static inline int folio_ref_count(const struct folio *folio)
{
	return folio->_refcount;
}

static inline int page_ref_count(const struct page *page)
{
	return page->_refcount;
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	folio->_refcount += nr;
	sim_touch_page(&folio->page);
}

static inline void folio_get(struct folio *folio)
{
	folio_ref_add(folio, 1);
}

void folio_put_refs(struct folio *folio, int refs);

static inline void folio_put(struct folio *folio)
{
	folio_put_refs(folio, 1);
}

static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

/*
 * page_mapcount - the mappings of @page: its own PTE mappings and, for a
 * page of a large folio, the folio's PMD mappings too (v6.12's
 * page_mapcount, what /proc/kpagecount reports as
 * folio_precise_page_mapcount).
 */
static inline int page_mapcount(const struct page *page)
{
	int mapcount = page->_mapcount + 1;

	/* Page types live in the same word: they count as unmapped. */
	if (page_mapcount_is_type(mapcount))
		mapcount = 0;
	if (PageCompound(page))
		mapcount += folio_entire_mapcount(
			(const struct folio *)compound_head(page));
	return mapcount;
}

/* A large folio's mappings, PMD and PTE, are counted in _large_mapcount. */
static inline int folio_mapcount(const struct folio *folio)
{
	if (folio_test_large(folio))
		return folio_large_mapcount(folio);
	return page_mapcount(&folio->page);
}

static inline bool folio_mapped(const struct folio *folio)
{
	return folio_mapcount(folio) > 0;
}

/*
 * folio_maybe_dma_pinned - whether the folio may be pinned by FOLL_PIN.
 * Small folios: any refcount of GUP_PIN_COUNTING_BIAS or more counts, so
 * a page with 1024 ordinary references is a false positive, as in the
 * kernel; there are no false negatives.
 */
static inline bool folio_maybe_dma_pinned(const struct folio *folio)
{
	/* A large folio counts its pins exactly, in _pincount. */
	if (folio_test_large(folio))
		return folio->_pincount > 0;
	return (unsigned int)folio_ref_count(folio) >= GUP_PIN_COUNTING_BIAS;
}

static inline bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_mapping;
}

/* shmem_mapping: the object is tmpfs's (not a regular file's). */
static inline bool shmem_mapping(const struct address_space *mapping)
{
	return mapping && mapping->shmem;
}

static inline bool vma_is_shmem(const struct vm_area_struct *vma)
{
	return shmem_mapping(vma->vm_mapping);
}

/* A regular file of a disk file system, not tmpfs (the model's ext4). */
static inline bool vma_is_regular_file(const struct vm_area_struct *vma)
{
	return vma->vm_mapping && !vma->vm_mapping->shmem;
}

static inline bool vma_is_accessible(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_ACCESS_FLAGS;
}

static inline bool userfaultfd_wp(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_UFFD_WP;
}

/* Registered with userfaultfd in any mode (__VM_UFFD_FLAGS). */
static inline bool userfaultfd_armed(const struct vm_area_struct *vma)
{
	return vma->vm_flags & (VM_UFFD_MISSING | VM_UFFD_WP);
}

static inline bool mm_flags_test(int bit, const struct mm_struct *mm)
{
	return mm->flags & BIT(bit);
}

static inline void mm_set_has_pinned_flag(struct mm_struct *mm)
{
	mm->flags |= BIT(MMF_HAS_PINNED);
}

/* Only valid during fork, with the PT lock and write_protect_seq held. */
static inline bool folio_needs_cow_for_dma(struct vm_area_struct *vma,
					   struct folio *folio)
{
	if (!mm_flags_test(MMF_HAS_PINNED, vma->vm_mm))
		return false;
	return folio_maybe_dma_pinned(folio);
}

static inline pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	if (likely(vma->vm_flags & VM_WRITE))
		pte = pte_mkwrite_novma(pte);
	return pte;
}

static inline pte_t mk_pte(struct page *page, pgprot_t prot)
{
	return pfn_pte(page_to_pfn(page), prot);
}

static inline unsigned long linear_page_index(struct vm_area_struct *vma,
					      unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	mm->rss_stat[member]++;
	sim_touch_mm(mm);
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	mm->rss_stat[member]--;
	sim_touch_mm(mm);
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long v)
{
	mm->rss_stat[member] += v;
	sim_touch_mm(mm);
}

static inline int mm_counter(struct folio *folio)
{
	if (folio_test_anon(folio))
		return MM_ANONPAGES;
	return folio_test_swapbacked(folio) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/*
 * Model-only: before a table's entries (mm/page_alloc.c), the count of
 * tables sharing them and, before that, a bitmap of the groups of
 * PT_GROUP entries that may hold one that is not none (a bit is set by
 * every write of such an entry and never cleared), so that a reader skips
 * the rest.
 */
#define PT_TABLE_HEADER 2
#define PT_GROUP (PTRS_PER_PTE / 64)
static inline u64 *pt_table_groups(u64 *entries)
{
	return &entries[-2];
}

/*
 * Model-only: whether the @n entries at @e are all zero, read in one go
 * (a process's tables are mostly empty: their walkers skip such runs,
 * a group at a time, whatever the marks say).
 */
static inline bool pt_entries_zero(const u64 *e, unsigned long n)
{
	u64 any = 0;
	unsigned long i;

	/* A group's 8 loads at a time, not a loop's compare and branch each. */
#pragma GCC unroll 8
	for (i = 0; i < n; i++)
		any |= e[i];
	return !any;
}

/* Entry @idx of @entries is set to @val. */
static inline void pt_table_mark(u64 *entries, unsigned long idx, u64 val)
{
	if (val)
		*pt_table_groups(entries) |= 1ULL << (idx / PT_GROUP);
}

/*
 * set_pte_at and ptep_get_and_clear: every write of a PTE goes through
 * them, so that the invariant checker learns what changed.
 */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr,
			      pte_t *ptep, pte_t pte)
{
	pte_t old = *ptep;

	*ptep = pte;
	pt_table_mark((u64 *)(ptep - pte_index(addr)), pte_index(addr),
		      pte_val(pte));
	sim_touch_pte(mm, addr, pte_val(old), pte_val(pte));
}

/*
 * Model-only: set_pte_at for a loop over the PTE table @entries (fork,
 * zap), whose touch hook is batched in @b (linux/sim_hooks.h) as mm
 * @which of the batch; @page is the small page @pte maps, or the old
 * PTE if @pte is none (struct sim_pte_change).
 */
static inline void set_pte_batched(struct sim *sim, u64 *entries,
				   unsigned int idx, pte_t pte,
				   struct page *page, struct sim_pte_batch *b,
				   unsigned int which)
{
	if (__sim_touching(sim))
		sim_pte_batch_add(b, which, idx, entries[idx], pte_val(pte),
				  page);
	entries[idx] = pte_val(pte);
	pt_table_mark(entries, idx, pte_val(pte));
}

static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr,
				       pte_t *ptep)
{
	pte_t old = *ptep;

	set_pte_at(mm, addr, ptep, __pte(0));
	return old;
}

/* mm/page_alloc.c */
struct folio *folio_alloc(struct sim *sim);
struct folio *folio_alloc_large(struct sim *sim, unsigned int order);
struct sim_chunk *sim_chunk_alloc(unsigned long nth);
void sim_chunk_free(struct sim_chunk *chunk);
void sim_host_cache_drain(void);
void sim_chunk_copy(struct sim_chunk *to, const struct sim_chunk *from,
		    unsigned long nr, struct sim *sim);
struct folio *vma_alloc_zeroed_movable_folio(struct vm_area_struct *vma,
					     unsigned long addr);
void free_unref_page(struct page *page);
struct page *pagetable_alloc(struct mm_struct *mm);
void pagetable_free(struct page *page);
u64 *pt_table_get(u64 *t);
void pt_table_put(u64 *t);
void __pt_table_own(struct page *table);

/*
 * pt_table_own - @table's entries are its own, not shared with a clone's
 * (mm/page_alloc.c): call it before handing out a pointer into them.
 */
static inline void pt_table_own(struct page *table)
{
	if (__atomic_load_n(&table->pt_table[-1], __ATOMIC_ACQUIRE) != 1)
		__pt_table_own(table);
}
void copy_user_highpage(struct page *to, struct page *from);

/* mm/swap.c */
/* The model has no LRU lists: the flag says the folio would be on one. */
static inline void folio_add_lru_vma(struct folio *folio,
				     struct vm_area_struct *vma)
{
	(void)vma;
	folio_set_lru(folio);
}
void lru_add_drain(void);

/* mm/memory.c */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr,
			    pte_t pte);
pte_t *__pte_offset_map(struct mm_struct *mm, unsigned long addr);

/*
 * Model-only: the PTE table walked to last (mm->sim_walk_table, a cache
 * like a TLB for table walks) covers @addr, so no huge PMD maps it.
 */
static inline bool pte_table_cached(const struct mm_struct *mm,
				    unsigned long addr)
{
	return mm->sim_walk_table && mm->sim_walk_base == (addr & PMD_MASK);
}

/*
 * The PTE for @addr, or NULL if no PTE table covers it; inline when the
 * table is the one walked to last (pt_table_own() first: the caller may
 * write), else __pte_offset_map() walks (mm/memory.c).
 */
static inline pte_t *pte_offset_map(struct mm_struct *mm, unsigned long addr)
{
	struct page *table = mm->sim_walk_table;

	if (table && mm->sim_walk_base == (addr & PMD_MASK)) {
		pt_table_own(table);
		return (pte_t *)&table->pt_table[pte_index(addr)];
	}
	return __pte_offset_map(mm, addr);
}
const pte_t *pte_offset_map_ro(struct mm_struct *mm, unsigned long addr);
pte_t *__pte_alloc_map(struct mm_struct *mm, unsigned long addr);

/*
 * __pte_alloc and friends: the PTE for @addr, allocating tables; inline
 * when the table is the one walked to last, as pte_offset_map().
 */
static inline pte_t *pte_alloc_map(struct mm_struct *mm, unsigned long addr)
{
	struct page *table = mm->sim_walk_table;

	if (table && mm->sim_walk_base == (addr & PMD_MASK)) {
		pt_table_own(table);
		return (pte_t *)&table->pt_table[pte_index(addr)];
	}
	return __pte_alloc_map(mm, addr);
}
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags);
int copy_page_range(struct vm_area_struct *dst_vma,
		    struct vm_area_struct *src_vma);
/*
 * struct zap_details: what a zap does beyond unmapping.  munmap and exit
 * drop PTE markers (ZAP_FLAG_DROP_MARKER, unmap_vmas); MADV_DONTNEED
 * passes none and keeps them on file and shmem memory.  A hole punched in
 * a file (unmap_mapping_range) zaps only the file's pages: the anon COW
 * copies, swap entries and poisoned markers of private mappings stay
 * (even_cows false).
 */
#define ZAP_FLAG_DROP_MARKER 0x01U
struct zap_details {
	bool even_cows;
	unsigned int zap_flags;
};

void zap_page_range_single(struct vm_area_struct *vma, unsigned long address,
			   unsigned long size, struct zap_details *details);
void unmap_mapping_range(struct sim *sim, struct address_space *mapping,
			 unsigned long first_index, unsigned long nr,
			 bool even_cows);
void unmap_vmas(struct mm_struct *mm);
void free_pgtables(struct mm_struct *mm, unsigned long start,
		   unsigned long end);
void free_pgd_all(struct mm_struct *mm);

/* mm/mmap.c */
struct mm_struct *mm_alloc(struct sim *sim);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/* The VMA containing @addr, or NULL (inline, as in the kernel). */
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm,
						unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma && addr < vma->vm_start)
		return NULL;
	return vma;
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
pgprot_t vm_get_page_prot(unsigned long vm_flags);
bool vma_wants_writenotify(struct vm_area_struct *vma);
void vma_set_page_prot(struct vm_area_struct *vma);
int split_vma(struct vm_area_struct *vma, unsigned long addr, int new_below);
struct vm_area_struct *vma_merge_neighbours(struct vm_area_struct *vma);
struct vm_area_struct *vma_modify_flags(struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags);
unsigned long do_mmap(struct mm_struct *mm, struct address_space *file,
		      unsigned long len, unsigned long prot,
		      unsigned long flags);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
unsigned long get_unmapped_area(struct mm_struct *mm, size_t len);

/* mm/mremap.c */
int mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long len,
	      unsigned long new_addr);
void exit_mmap(struct mm_struct *mm);
void mmput(struct mm_struct *mm);

/*
 * for_each_vma - every VMA of @mm, in address order.
 *
 * Deviation: the kernel's walks the maple tree with a struct vma_iterator;
 * the model keeps its VMAs on a sorted list (mm_types.h), so the mm stands
 * for the iterator and the loop follows vm_next.  The body must not free
 * @vma (see for_each_vma_safe); if it splits it, the other part comes next
 * when it lies above.
 */
#define for_each_vma(mm, vma) \
	for ((vma) = (mm)->mmap; (vma); (vma) = (vma)->vm_next)

/*
 * for_each_vma_range - the VMAs of @mm that intersect [@start, @end), in
 * address order.
 *
 * Deviation: the kernel's starts where its vma_iterator stands and takes
 * only @end; the model takes the mm and @start instead.  As for
 * for_each_vma, the body must not free @vma.
 */
#define for_each_vma_range(mm, vma, start, end) \
	for ((vma) = find_vma((mm), (start));   \
	     (vma) && (vma)->vm_start < (end); (vma) = (vma)->vm_next)

/*
 * Model-only: for_each_vma and for_each_vma_range for a body that unlinks
 * and frees @vma (the kernel's vma_iterator survives that; a list cursor
 * does not).  @tmp holds the next VMA, read before the body runs, so a
 * VMA the body inserts after @vma (the upper part of a split) is not
 * visited.
 */
#define for_each_vma_safe(mm, vma, tmp)                                \
	for ((vma) = (mm)->mmap; (vma) && ((tmp) = (vma)->vm_next, 1); \
	     (vma) = (tmp))
#define for_each_vma_range_safe(mm, vma, tmp, start, end)                     \
	for ((vma) = find_vma((mm), (start));                                 \
	     (vma) && (vma)->vm_start < (end) && ((tmp) = (vma)->vm_next, 1); \
	     (vma) = (tmp))

/* kernel/fork.c */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/* mm/mprotect.c */
int do_mprotect_pkey(struct mm_struct *mm, unsigned long start, size_t len,
		     unsigned long prot);
bool can_change_pte_writable(struct vm_area_struct *vma, unsigned long addr,
			     pte_t pte);

/* mm/mlock.c */
int do_mlock(struct mm_struct *mm, unsigned long start, size_t len,
	     unsigned long flags);
int sys_munlock(struct mm_struct *mm, unsigned long start, size_t len);

/* mm/madvise.c */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len,
	       int behavior);

/* mm/shmem.c */
struct address_space *shmem_file_setup(struct sim *sim, unsigned long nr);
int shmem_zero_setup(struct vm_area_struct *vma);
vm_fault_t shmem_fault(struct vm_fault *vmf);
int shmem_writepage(struct folio *folio);
void shmem_drop_clean_folio(struct folio *folio);
void shmem_unuse(struct sim *sim, unsigned int type);
void shmem_punch_hole(struct address_space *mapping, unsigned long start,
		      unsigned long nr);
void shmem_mapping_put(struct address_space *mapping);

/* mm/filemap.c */
struct address_space *filemap_file_setup(struct sim *sim, unsigned long nr);
vm_fault_t filemap_fault(struct vm_fault *vmf);
void filemap_add_folio(struct address_space *mapping, struct folio *folio,
		       unsigned long index);
void filemap_remove_folio(struct folio *folio);
vm_fault_t filemap_map_pages(struct vm_fault *vmf, unsigned long start_pgoff,
			     unsigned long end_pgoff);

/* mm/memory.c */
void set_pte_range(struct vm_fault *vmf, struct folio *folio, struct page *page,
		   unsigned long addr);

/* mm/gup.c */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start,
			   unsigned long nr_pages, unsigned int gup_flags,
			   struct page **pages);
int get_user_pages_fast(struct mm_struct *mm, unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
int pin_user_pages_fast(struct mm_struct *mm, unsigned long start, int nr_pages,
			unsigned int gup_flags, struct page **pages);
void unpin_user_page(struct page *page);
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end);
/* Deviation: the kernel's works on current->mm; the model's takes @mm. */
int __mm_populate(struct mm_struct *mm, unsigned long start, unsigned long len,
		  int ignore_errors);

/* arch/x86/mm/fault.c */
int do_user_addr_fault(struct mm_struct *mm, unsigned long address, bool write);

/* mm/memory-failure.c */
int madvise_inject_error(struct mm_struct *mm, unsigned long addr, int *sig);
int memory_failure_pgtable(struct mm_struct *mm, unsigned long addr);
int hwpoison_inject(struct mm_struct *mm, unsigned long addr);

/*
 * vma_soft_dirty_enabled - is soft-dirty tracking on for @vma?  Tracking
 * is on once clear_refs ("4", fs/proc/task_mmu.c) cleared VM_SOFTDIRTY,
 * and off again for a new VMA (mmap_region sets VM_SOFTDIRTY).  The model
 * is built with CONFIG_MEM_SOFT_DIRTY.  In the kernel these three live in
 * mm/internal.h; here the checker (harness/check.c) uses them too.
 */
static inline bool vma_soft_dirty_enabled(struct vm_area_struct *vma)
{
	return !(vma->vm_flags & VM_SOFTDIRTY);
}

/* A write must fault first so that the PTE becomes soft-dirty again. */
static inline bool pte_needs_soft_dirty_wp(struct vm_area_struct *vma,
					   pte_t pte)
{
	return vma_soft_dirty_enabled(vma) && !pte_soft_dirty(pte);
}

static inline bool pmd_needs_soft_dirty_wp(struct vm_area_struct *vma,
					   pmd_t pmd)
{
	return vma_soft_dirty_enabled(vma) && !pmd_soft_dirty(pmd);
}

#endif /* MMSIM_LINUX_MM_H */
