// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models fs/proc/task_mmu.c at v6.12: clear_refs_write, for the one type
 * the model has, CLEAR_REFS_SOFT_DIRTY (echo 4 > /proc/PID/clear_refs,
 * as the selftests' clear_softdirty() does).
 *
 * First every VMA loses VM_SOFTDIRTY, so soft-dirty tracking is on for
 * it (vma_soft_dirty_enabled), and gets its page protection again
 * (vma_set_page_prot: a shared writable VMA now wants write
 * notification, so its new PTEs map R/O).  Then the page-table walk
 * (clear_refs_pte_range): a present PTE is write-protected and loses its
 * soft-dirty bit (clear_soft_dirty: ptep_modify_prot_start/commit with
 * pte_wrprotect and pte_clear_soft_dirty) unless it maps a maybe-pinned
 * page of a COW mapping in an mm that has pinned (pte_is_pinned); a swap,
 * migration or marker PTE loses its swap soft-dirty bit; a huge PMD is
 * write-protected and cleared the same way, pinned or not
 * (clear_soft_dirty_pmd).  PG_anon_exclusive is left alone: the next
 * write fault on an exclusive anon page reuses it (do_wp_page) and
 * pte_mkdirty makes the PTE soft-dirty again; mprotect and swap-in keep
 * such a PTE R/O (pte_needs_soft_dirty_wp).
 *
 * Deviations: no TLB flush or mmu notifiers (the model has neither);
 * VM_PFNMAP and hugetlb VMAs, which the walk skips, do not exist here.
 * The other types (1, 2, 3: young bits, 5: the RSS high-water mark) are
 * not modelled and answer -EINVAL.
 */
#include <errno.h>

#include "linux/huge_mm.h"
#include "linux/mm.h"
#include "linux/pagewalk.h"
#include "linux/proc_fs.h"
#include "linux/sim_machine.h"
#include "linux/swapops.h"
#include "mm/internal.h"

/*
 * pte_is_pinned - a maybe-pinned page of a COW mapping keeps its PTE
 * writable: write-protecting it would let the next write fault copy it
 * away from the pin (fs/proc/task_mmu.c:pte_is_pinned).
 */
static bool pte_is_pinned(struct vm_area_struct *vma, unsigned long addr,
			  pte_t pte)
{
	struct page *page;

	if (!mm_flags_test(MMF_HAS_PINNED, vma->vm_mm))
		return false;
	if (!is_cow_mapping(vma->vm_flags))
		return false;
	page = vm_normal_page(vma, addr, pte);
	if (!page)
		return false;
	return folio_maybe_dma_pinned(page_folio(page));
}

/* clear_soft_dirty, one PTE. */
static int clear_soft_dirty_pte(pte_t *ptep, unsigned long addr,
				unsigned long next, struct mm_walk *walk)
{
	struct vm_area_struct *vma = walk->vma;
	pte_t ptent = *ptep;

	if (pte_present(ptent)) {
		if (pte_is_pinned(vma, addr, ptent)) {
			sim_trace(vma_sim(vma),
				  "clear_soft_dirty: %#lx maybe pinned: "
				  "left alone",
				  addr);
			return 0;
		}
		ptent = pte_clear_soft_dirty(pte_wrprotect(ptent));
	} else if (is_swap_pte(ptent)) {
		ptent = pte_swp_clear_soft_dirty(ptent);
	}
	if (pte_val(ptent) != pte_val(*ptep))
		set_pte_at(vma->vm_mm, addr, ptep, ptent);
	return 0;
}

static const struct mm_walk_ops clear_refs_walk_ops = {
	.pte_entry = clear_soft_dirty_pte,
};

/* clear_soft_dirty_pmd for every huge PMD of @vma. */
static void clear_soft_dirty_pmds(struct vm_area_struct *vma)
{
	unsigned long addr;

	for (addr = vma->vm_start & PMD_MASK; addr < vma->vm_end;
	     addr += PMD_SIZE) {
		pmd_t *pmd;
		pmd_t entry;

		if (addr < vma->vm_start)
			continue;
		pmd = pmd_offset_map(vma->vm_mm, addr, false);
		if (!pmd || !pmd_trans_huge(*pmd))
			continue;
		entry = pmd_clear_soft_dirty(pmd_wrprotect(*pmd));
		if (pmd_val(entry) != pmd_val(*pmd))
			set_pmd_at(vma->vm_mm, addr, pmd, entry);
		sim_trace(vma_sim(vma),
			  "clear_soft_dirty_pmd: %#lx write-protected", addr);
	}
}

/**
 * clear_refs_write - what writing @type to /proc/PID/clear_refs of @mm
 * does.
 *
 * Return: 0, or -EINVAL for a type the model does not have.
 */
int clear_refs_write(struct mm_struct *mm, enum clear_refs_types type)
{
	struct vm_area_struct *vma;

	if (type != CLEAR_REFS_SOFT_DIRTY)
		return -EINVAL;
	for_each_vma(mm, vma) {
		if (!(vma->vm_flags & VM_SOFTDIRTY))
			continue;
		vma->vm_flags &= ~VM_SOFTDIRTY;
		vma_set_page_prot(vma);
		sim_touch_vmas(mm, vma->vm_start, vma->vm_end);
	}
	for_each_vma(mm, vma) {
		clear_soft_dirty_pmds(vma);
		walk_page_vma(vma, &clear_refs_walk_ops, NULL);
	}
	return 0;
}
