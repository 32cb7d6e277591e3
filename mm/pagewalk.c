// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/pagewalk.c at v6.12: walk_page_range(), walk_page_range_vma()
 * and walk_page_vma() visit the PTEs of a range of an address space and
 * call the caller's struct mm_walk_ops for each PTE and each hole.
 *
 * Deviations:
 * - no locking: the kernel asserts the mmap lock and holds the PTE
 *   table's lock across pte_entry calls, so a callback cannot sleep,
 *   fault or allocate.  The model has no locks and its callbacks may do
 *   all of that, as long as they free no page table and unlink no VMA of
 *   the range walked;
 * - only the PTE level: the PGD, PUD and PMD entries are followed by
 *   pte_offset_map() (mm/memory.c) once per PTE table, with no callback
 *   and no check of their own.  Consecutive PTEs of one table are
 *   consecutive pte_t in memory, as in the kernel;
 * - a part of a VMA with no PTE table is reported as one pte_hole of
 *   depth 3 (a none PMD entry) per PMD-sized block, whatever level the
 *   first none entry is at; the kernel reports one hole at that level;
 * - no test_walk: every VMA in the range is walked, VM_PFNMAP ones
 *   included (the model maps none);
 * - as in the kernel, the first nonzero callback return ends the walk
 *   and is returned; an empty range, or one beyond the VMA given to
 *   walk_page_range_vma(), is -EINVAL.
 */
#include "linux/huge_mm.h"
#include "linux/mm.h"
#include "linux/pagewalk.h"

/*
 * A huge PMD maps @addr: it is neither a hole nor a PTE table.  The
 * kernel's walk_pmd_range() splits it for a walk that has no pmd_entry;
 * the model's walkers look for small folios, which a huge PMD never maps,
 * so it is skipped (the paths that must handle THPs refuse them first:
 * sim_thp_in_range()).
 */
static bool walk_huge_pmd(struct mm_struct *mm, unsigned long addr)
{
	const pmd_t *pmd = pmd_offset_map_ro(mm, addr);

	return pmd && pmd_trans_huge(*pmd);
}

/* The PTE level of [addr, end), which lies inside walk->vma. */
static int walk_pte_range(unsigned long addr, unsigned long end,
			  struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	int err = 0;

	while (addr < end && !err) {
		unsigned long block_end = (addr & PMD_MASK) + PMD_SIZE;
		pte_t *pte;

		if (block_end > end || block_end < addr)
			block_end = end;
		pte = pte_offset_map(walk->mm, addr);
		if (!pte && walk_huge_pmd(walk->mm, addr)) {
			addr = block_end;
			continue;
		}
		if (!pte) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, block_end, 3, walk);
			addr = block_end;
			continue;
		}
		if (!ops->pte_entry) {
			addr = block_end;
			continue;
		}
		for (; addr < block_end && !err; addr += PAGE_SIZE, pte++)
			err = ops->pte_entry(pte, addr, addr + PAGE_SIZE, walk);
	}
	return err;
}

/**
 * walk_page_range - walk the PTEs of [@start, @end) in @mm
 * @ops:     the callbacks
 * @private: handed to them as walk->private
 *
 * Parts of the range outside every VMA go to ops->pte_hole with depth -1
 * and walk->vma NULL; the rest is walked VMA by VMA.
 *
 * Return: 0, the first nonzero callback return, or -EINVAL.
 */
int walk_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, const struct mm_walk_ops *ops,
		    void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = mm, .private = private };
	struct vm_area_struct *vma;
	int err = 0;

	if (start >= end)
		return -EINVAL;
	vma = find_vma(mm, start);
	while (start < end && !err) {
		unsigned long stop = end;

		if (!vma || start < vma->vm_start) {
			/* A gap: up to the next VMA, or to @end. */
			if (vma && vma->vm_start < end)
				stop = vma->vm_start;
			walk.vma = NULL;
			if (ops->pte_hole)
				err = ops->pte_hole(start, stop, -1, &walk);
		} else {
			if (vma->vm_end < end)
				stop = vma->vm_end;
			walk.vma = vma;
			vma = vma->vm_next;
			err = walk_pte_range(start, stop, &walk);
		}
		start = stop;
	}
	return err;
}

/**
 * walk_page_range_vma - walk the PTEs of [@start, @end), all inside @vma
 *
 * Return: 0, the first nonzero callback return, or -EINVAL.
 */
int walk_page_range_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long end, const struct mm_walk_ops *ops,
			void *private)
{
	struct mm_walk walk = {
		.ops = ops,
		.mm = vma->vm_mm,
		.vma = vma,
		.private = private,
	};

	if (start >= end || start < vma->vm_start || end > vma->vm_end)
		return -EINVAL;
	return walk_pte_range(start, end, &walk);
}

/**
 * walk_page_vma - walk every PTE of @vma
 *
 * Return: 0 or the first nonzero callback return.
 */
int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops,
		  void *private)
{
	return walk_page_range_vma(vma, vma->vm_start, vma->vm_end, ops,
				   private);
}
