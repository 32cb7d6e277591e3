/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/pagewalk.h at v6.12: the generic page-table walker
 * of mm/pagewalk.c, cut down to the PTE level the model's walks need.
 *
 * Deviations:
 * - struct mm_walk_ops has pte_entry and pte_hole only: no p?d_entry
 *   (the model has no huge mappings), no hugetlb_entry, test_walk,
 *   pre_vma/post_vma or walk_lock (the model has no locks);
 * - struct mm_walk has no pgd and no action field.
 */
#ifndef MMSIM_LINUX_PAGEWALK_H
#define MMSIM_LINUX_PAGEWALK_H

#include "linux/mm_types.h"

struct mm_walk;

/**
 * struct mm_walk_ops - what a page-table walk calls back
 * @pte_entry: for every PTE of the walked range that a PTE table holds,
 *             none PTEs included; @next is @addr + PAGE_SIZE
 * @pte_hole:  for every part of the range that has no PTEs: depth -1
 *             where no VMA covers it (walk_page_range() only), depth 3
 *             where a VMA covers it but no PTE table does (mm/pagewalk.c)
 *
 * Either may be NULL.  A nonzero return stops the walk, and the walk
 * returns that value.
 */
struct mm_walk_ops {
	int (*pte_entry)(pte_t *pte, unsigned long addr, unsigned long next,
			 struct mm_walk *walk);
	int (*pte_hole)(unsigned long addr, unsigned long next, int depth,
			struct mm_walk *walk);
};

/**
 * struct mm_walk - the state of one walk, passed to every callback
 * @ops:     the callbacks
 * @mm:      the mm walked
 * @vma:     the VMA the current callback is in, NULL in a hole between
 *           VMAs
 * @private: the caller's, as given to walk_page_*()
 */
struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	void *private;
};

int walk_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end, const struct mm_walk_ops *ops,
		    void *private);
int walk_page_range_vma(struct vm_area_struct *vma, unsigned long start,
			unsigned long end, const struct mm_walk_ops *ops,
			void *private);
int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops,
		  void *private);

#endif /* MMSIM_LINUX_PAGEWALK_H */
