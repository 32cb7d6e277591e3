/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/huge_mm.h at v6.12 for anonymous THPs: the THP
 * orders (PMD-size and the mTHP orders 2..8 below it), the huge zero
 * folio, and the entry points of mm/huge_memory.c.
 *
 * Deviations: only anonymous private memory, and each order is either
 * "madvise" or "never" (sim->thp_orders: the machine's
 * hugepages-NkB/enabled, the PMD size by default, as on the host, whose
 * top-level setting is madvise): a THP only in a VMA with VM_HUGEPAGE
 * (MADV_HUGEPAGE) and without VM_NOHUGEPAGE, never "always" or
 * "inherit"; no khugepaged (MADV_COLLAPSE only), no migration; the
 * deferred split queue is the set of folios marked partially mapped, which
 * the deferred-split statement splits (deferred_split_scan).
 * Swap-out splits a THP (split_folio_to_list), as the kernel does on a
 * swap file; zram takes it whole (THP_SWAP): one slot per page,
 * contiguous and aligned, which the model fills through a split that maps
 * no zero page (split_folio_for_swap) and which a fault may read back
 * into a large folio (do_swap_page, alloc_swap_folio, 6.12+).
 */
#ifndef MMSIM_LINUX_HUGE_MM_H
#define MMSIM_LINUX_HUGE_MM_H

#include "linux/mm.h"

#define HPAGE_PMD_SHIFT PMD_SHIFT
#define HPAGE_PMD_ORDER (HPAGE_PMD_SHIFT - PAGE_SHIFT)
#define HPAGE_PMD_NR (1UL << HPAGE_PMD_ORDER)
#define HPAGE_PMD_SIZE PMD_SIZE
#define HPAGE_PMD_MASK PMD_MASK

/*
 * The orders an anonymous THP may have (THP_ORDERS_ALL_ANON): 2 up to the
 * PMD order; order 1 has no room for the folio's counts (the kernel's
 * deferred split list).
 */
#define THP_ORDERS_ALL_ANON \
	((BIT(HPAGE_PMD_ORDER + 1) - 1) & ~(BIT(0) | BIT(1)))

/* The highest order of a non-empty set of @orders, and the one below. */
static inline int highest_order(unsigned long orders)
{
	return (int)(sizeof(orders) * 8 - 1) - __builtin_clzl(orders);
}

static inline int next_order(unsigned long *orders, int prev)
{
	*orders &= ~BIT(prev);
	return *orders ? highest_order(*orders) : 0;
}

/* _nr_pages_mapped: this is added while the folio is PMD-mapped. */
#define ENTIRELY_MAPPED 0x800000

struct vm_fault;

/* The huge zero folio of the machine, or NULL before its first use. */
struct folio *sim_huge_zero_folio(const struct sim *sim);

static inline bool is_huge_zero_folio(const struct folio *folio)
{
	return folio && folio == sim_huge_zero_folio(folio_sim(folio));
}

bool is_huge_zero_pmd(const struct sim *sim, pmd_t pmd);
struct folio *mm_get_huge_zero_folio(struct mm_struct *mm);

unsigned long __thp_vma_allowable_orders(struct vm_area_struct *vma,
					 unsigned long orders);

/*
 * thp_vma_allowable_orders - which of @orders may a fault in @vma use?
 * Only those of a VMA with VM_HUGEPAGE and without VM_NOHUGEPAGE (every
 * size is "madvise" or "never" in the model): that early check inline,
 * as the kernel's checks the enabled orders before it calls
 * __thp_vma_allowable_orders (mm/huge_memory.c).
 */
static inline unsigned long thp_vma_allowable_orders(struct vm_area_struct *vma,
						     unsigned long orders)
{
	if ((vma->vm_flags & (VM_HUGEPAGE | VM_NOHUGEPAGE)) != VM_HUGEPAGE)
		return 0;
	return __thp_vma_allowable_orders(vma, orders);
}

/*
 * thp_vma_suitable_orders - those of @orders whose naturally aligned
 * block around @addr lies inside @vma (thp_vma_suitable_order).
 */
static inline unsigned long thp_vma_suitable_orders(struct vm_area_struct *vma,
						    unsigned long addr,
						    unsigned long orders)
{
	unsigned long suitable = 0;

	/* Only the orders asked for: most faults ask for none. */
	while (orders) {
		int order = __builtin_ctzl(orders);
		unsigned long size = PAGE_SIZE << order;
		unsigned long haddr = ALIGN_DOWN(addr, size);

		orders &= orders - 1;
		if (haddr >= vma->vm_start && haddr + size <= vma->vm_end)
			suitable |= BIT(order);
	}
	return suitable;
}

bool thp_vma_allowable(struct vm_area_struct *vma, unsigned long addr);
vm_fault_t do_huge_pmd_anonymous_page(struct vm_fault *vmf);
vm_fault_t do_huge_pmd_wp_page(struct vm_fault *vmf);
void huge_pmd_set_accessed(struct vm_fault *vmf);
void __split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
		      unsigned long address);
int split_folio_to_list(struct folio *folio, struct folio **list,
			unsigned long *nr_list);

void deferred_split_folio(struct folio *folio);
unsigned long deferred_split_scan(struct sim *sim);
int split_folio_for_swap(struct folio *folio, swp_entry_t entry,
			 struct folio **list, unsigned long *nr_list);

static inline int split_folio(struct folio *folio)
{
	return split_folio_to_list(folio, NULL, NULL);
}

int zap_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr);
int copy_huge_pmd(struct vm_area_struct *dst_vma,
		  struct vm_area_struct *src_vma, unsigned long addr);

/* MADV_COLLAPSE (6.1 UAPI), which older libc headers lack. */
#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

/* mm/khugepaged.c */
int madvise_collapse(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end);

/* mm/memory.c: the PTE table of a PMD that collapse replaces goes. */
void pmd_free_pte_table(struct mm_struct *mm, unsigned long haddr);

/* mm/memory.c: the PMD entry of @addr, allocating upper tables if asked. */
pmd_t *pmd_offset_map(struct mm_struct *mm, unsigned long addr, bool alloc);
const pmd_t *pmd_offset_map_ro(struct mm_struct *mm, unsigned long addr);
void set_pmd_at(struct mm_struct *mm, unsigned long addr, pmd_t *pmdp,
		pmd_t pmd);

int split_huge_page(struct page *page);

/* split_huge_pmd - split the PMD of @address if it is a huge one. */
static inline void split_huge_pmd(struct vm_area_struct *vma, pmd_t *pmd,
				  unsigned long address)
{
	if (pmd_trans_huge(*pmd))
		__split_huge_pmd(vma, pmd, address);
}

#endif /* MMSIM_LINUX_HUGE_MM_H */
