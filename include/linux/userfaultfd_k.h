/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Models include/linux/userfaultfd_k.h at v6.12 for write-protection of
 * private anonymous memory: the predicates the fault, fork, zap and
 * mprotect paths ask, the UFFD_FEATURE_* bits the model knows, and the
 * entry points of fs/userfaultfd.c and mm/userfaultfd.c.
 *
 * Omits: MISSING and MINOR modes, UFFDIO_COPY/ZEROPAGE/CONTINUE/MOVE/
 * POISON, WP_ASYNC, the non-cooperative events other than fork, hugetlb
 * and shmem (their markers are the same PTE markers, swapops.h).
 */
#ifndef MMSIM_LINUX_USERFAULTFD_K_H
#define MMSIM_LINUX_USERFAULTFD_K_H

#include "linux/mm.h"
#include "linux/swapops.h"

/* include/uapi/linux/userfaultfd.h: the features the model knows. */
#define UFFD_FEATURE_EVENT_FORK (1U << 1)
#define UFFD_FEATURE_WP_UNPOPULATED (1U << 13)

/* mm/mprotect.c's change_protection flags (include/linux/mm.h). */
#define MM_CP_TRY_CHANGE_WRITABLE (1UL << 0)
#define MM_CP_UFFD_WP (1UL << 2)
#define MM_CP_UFFD_WP_RESOLVE (1UL << 3)

static inline bool userfaultfd_pte_wp(const struct vm_area_struct *vma,
				      pte_t pte)
{
	return userfaultfd_wp(vma) && pte_uffd_wp(pte);
}

/* The context a registered VMA belongs to: its mm's (a deviation). */
static inline struct userfaultfd_ctx *
vma_uffd_ctx(const struct vm_area_struct *vma)
{
	return &vma->vm_mm->uffd_ctx;
}

static inline bool userfaultfd_wp_unpopulated(const struct vm_area_struct *vma)
{
	return userfaultfd_wp(vma) &&
	       (vma_uffd_ctx(vma)->features & UFFD_FEATURE_WP_UNPOPULATED);
}

/*
 * userfaultfd_wp_use_markers - does write-protecting a none PTE leave a
 * PTE marker?  Always for file and shmem memory (their pages may still
 * be in the cache), for anonymous memory only with WP_UNPOPULATED.
 */
static inline bool userfaultfd_wp_use_markers(const struct vm_area_struct *vma)
{
	if (!userfaultfd_wp(vma))
		return false;
	if (!vma_is_anonymous(vma))
		return true;
	return userfaultfd_wp_unpopulated(vma);
}

static inline bool pte_marker_entry_uffd_wp(swp_entry_t entry)
{
	return is_pte_marker_entry(entry) &&
	       (swp_offset(entry) & PTE_MARKER_UFFD_WP);
}

static inline bool pte_marker_uffd_wp(pte_t pte)
{
	return is_swap_pte(pte) &&
	       pte_marker_entry_uffd_wp(pte_to_swp_entry(pte));
}

static inline pte_t pte_swp_clear_uffd_wp(pte_t pte)
{
	return __pte(pte_val(pte) & ~_PAGE_SWP_UFFD_WP);
}

/* fs/userfaultfd.c */
int userfaultfd_api(struct mm_struct *mm, unsigned int features);
int userfaultfd_register(struct mm_struct *mm, unsigned long start,
			 unsigned long len);
vm_fault_t handle_userfault(struct vm_fault *vmf, unsigned long reason);
void dup_userfaultfd(struct vm_area_struct *vma, struct mm_struct *oldmm);

/* mm/userfaultfd.c */
int mwriteprotect_range(struct mm_struct *mm, unsigned long start,
			unsigned long len, bool enable_wp);
int mfill_atomic_poison(struct mm_struct *mm, unsigned long start,
			unsigned long len);

/* mm/mprotect.c */
long change_protection(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long cp_flags);
bool vma_wants_manual_pte_write_upgrade(struct vm_area_struct *vma);

#endif /* MMSIM_LINUX_USERFAULTFD_K_H */
