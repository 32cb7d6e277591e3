// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/userfaultfd.c at v6.12 for UFFDIO_WRITEPROTECT:
 * mwriteprotect_range checks that every VMA of the range is registered for
 * write-protection and hands each part to uffd_wp_range, which is
 * change_protection (mm/mprotect.c) with MM_CP_UFFD_WP to protect, or
 * MM_CP_UFFD_WP_RESOLVE to unprotect; unprotecting a private writable
 * mapping also tries to make each PTE writable at once, which
 * can_change_pte_writable allows for an exclusive anon page.
 *
 * And UFFDIO_POISON: mfill_atomic_poison puts a PTE_MARKER_POISONED
 * marker in each none PTE of a registered range (mfill_atomic_pte_poison).
 *
 * Omits: UFFDIO_COPY, ZEROPAGE, CONTINUE and MOVE; hugetlb.
 * Deviation: the context is the mm's (struct userfaultfd_ctx,
 * mm_types.h), and mmap_changing cannot be set (nothing runs while a
 * statement does), so -EAGAIN never happens.
 */
#include "linux/rmap.h"
#include "linux/sim_machine.h"
#include "linux/userfaultfd_k.h"

long uffd_wp_range(struct vm_area_struct *vma, unsigned long start,
		   unsigned long len, bool enable_wp)
{
	unsigned long cp_flags = enable_wp ? MM_CP_UFFD_WP :
					     MM_CP_UFFD_WP_RESOLVE;

	if (!enable_wp && vma_wants_manual_pte_write_upgrade(vma))
		cp_flags |= MM_CP_TRY_CHANGE_WRITABLE;
	return change_protection(vma, start, start + len, cp_flags);
}

/**
 * mwriteprotect_range - UFFDIO_WRITEPROTECT of [@start, @start + @len).
 *
 * Return: 0, or -ENOENT when a part of the range is not in a VMA
 * registered for write-protection (the parts before it are done, as in
 * the kernel).
 */
int mwriteprotect_range(struct mm_struct *mm, unsigned long start,
			unsigned long len, bool enable_wp)
{
	unsigned long end = start + len, s, e;
	struct vm_area_struct *vma;
	int err = -ENOENT;

	if ((start | len) & ~PAGE_MASK || !len || end < start)
		return -EINVAL;
	if (!mm->uffd_ctx.open)
		return -EBADF;
	sim_trace(mm->sim, "mwriteprotect_range: %#lx-%#lx %s", start, end,
		  enable_wp ? "protect" : "unprotect");
	for_each_vma_range(mm, vma, start, end) {
		if (!userfaultfd_wp(vma))
			return -ENOENT;
		s = vma->vm_start > start ? vma->vm_start : start;
		e = vma->vm_end < end ? vma->vm_end : end;
		uffd_wp_range(vma, s, e - s, enable_wp);
		err = 0;
	}
	return err;
}

/**
 * mfill_atomic_poison - UFFDIO_POISON of [@start, @start + @len): a
 * poisoned marker in each none PTE, page tables allocated as needed.  The
 * range lies in one VMA registered with the mm's userfaultfd
 * (validate_dst_vma); a PTE that holds anything, a marker too, stops it
 * with -EEXIST.
 *
 * Return: the bytes done if any, else -ENOENT (not in a registered VMA),
 * -EEXIST, or -EINVAL for a bad range.
 */
long mfill_atomic_poison(struct mm_struct *mm, unsigned long start,
			 unsigned long len)
{
	unsigned long end = start + len, addr;
	struct vm_area_struct *vma;
	long copied = 0;
	int err = 0;

	if ((start | len) & ~PAGE_MASK || !len || end < start)
		return -EINVAL;
	if (!mm->uffd_ctx.open)
		return -EBADF;
	vma = vma_lookup(mm, start);
	if (!vma || !userfaultfd_wp(vma) || end > vma->vm_end)
		return -ENOENT;
	/*
	 * mfill_atomic: a private VMA gets its anon_vma now (so that fork
	 * copies the markers: vma_needs_copy); a shared one does not.
	 */
	if (!(vma->vm_flags & VM_SHARED))
		anon_vma_prepare(vma);
	for (addr = start; addr < end; addr += PAGE_SIZE) {
		pte_t *pte = pte_alloc_map(mm, addr);

		if (!pte_none(*pte)) {
			err = -EEXIST;
			break;
		}
		set_pte_at(mm, addr, pte, make_pte_marker(PTE_MARKER_POISONED));
		copied += PAGE_SIZE;
	}
	sim_trace(mm->sim, "mfill_atomic_poison: %#lx-%#lx: %ld bytes%s", start,
		  end, copied, err ? " (a PTE is not none: EEXIST)" : "");
	return copied ? copied : err;
}
