// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/madvise.c at v6.12 for MADV_DONTNEED and the fork-behaviour
 * advice (MADV_DONTFORK, MADV_DOFORK, MADV_WIPEONFORK, MADV_KEEPONFORK).
 * Other advice returns -EOPNOTSUPP from the model, so that a scenario using
 * it fails loudly until it is implemented.
 */
#include <sys/mman.h>

#include "linux/mm.h"
#include "sim/sim.h"

static int madvise_update_vma(struct vm_area_struct *vma, unsigned long start,
			      unsigned long end, int behavior)
{
	unsigned long new_flags = vma->vm_flags;

	switch (behavior) {
	case MADV_DONTFORK:
		new_flags |= VM_DONTCOPY;
		break;
	case MADV_DOFORK:
		if (vma->vm_flags & VM_IO)
			return -EINVAL;
		new_flags &= ~VM_DONTCOPY;
		break;
	case MADV_WIPEONFORK:
		/* Only private anonymous memory can be wiped. */
		if (vma->vm_mapping || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		new_flags |= VM_WIPEONFORK;
		break;
	case MADV_KEEPONFORK:
		new_flags &= ~VM_WIPEONFORK;
		break;
	}
	if (new_flags != vma->vm_flags)
		vma_modify_flags(vma, start, end, new_flags);
	return 0;
}

static int madvise_dontneed(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end)
{
	if (vma->vm_flags & (VM_LOCKED | VM_PFNMAP | VM_HUGETLB))
		return -EINVAL;
	zap_page_range_single(vma, start, end - start);
	return 0;
}

/**
 * do_madvise - madvise(2) on [start, start + len).
 * Return: 0, -EINVAL, -ENOMEM (a hole in the range) or -EOPNOTSUPP for
 * advice the model does not implement yet.
 */
int do_madvise(struct mm_struct *mm, unsigned long start, size_t len,
	       int behavior)
{
	unsigned long end = start + ALIGN(len, PAGE_SIZE);
	struct vm_area_struct *vma;
	unsigned long pos;
	int unmapped = 0, ret;

	switch (behavior) {
	case MADV_DONTNEED:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		break;
	default:
		return -EOPNOTSUPP;
	}
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (end == start)
		return 0;

	pos = start;
	for (vma = find_vma(mm, start); vma && vma->vm_start < end;
	     vma = vma->vm_next) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		/* A hole is skipped, and reported at the end. */
		if (vma->vm_start > pos)
			unmapped = 1;
		if (behavior == MADV_DONTNEED)
			ret = madvise_dontneed(vma, s, e);
		else
			ret = madvise_update_vma(vma, s, e, behavior);
		if (ret)
			return ret;
		/* @vma now ends at @e at most: a split put the rest after. */
		pos = e;
	}
	if (pos < end)
		unmapped = 1;
	return unmapped ? -ENOMEM : 0;
}
