// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models mm/mlock.c at v6.12 for mlock(2) and munlock(2): do_mlock sets
 * VM_LOCKED on the VMAs of the range (apply_vma_lock_flags, mlock_fixup),
 * splitting them at the edges as mprotect does, then populates the range
 * (__mm_populate in mm/gup.c): a private writable mapping is faulted with
 * FOLL_WRITE, which breaks COW, anything else with read faults.  munlock
 * clears VM_LOCKED and VM_LOCKONFAULT.  fork does not inherit either flag
 * (kernel/fork.c); MADV_DONTNEED, MADV_COLD and MADV_PAGEOUT refuse a
 * VM_LOCKED VMA (mm/madvise.c); reclaim leaves its pages mapped
 * (try_to_unmap_one in mm/rmap.c).
 *
 * Deviations: there is no PG_mlocked and no unevictable LRU: the kernel's
 * mlock_vma_pages_range marks the pages mapped in the range mlocked (and
 * munlock gives them back to the evictable LRU); in the model VM_LOCKED on
 * the VMA is all reclaim looks at.  There is no RLIMIT_MEMLOCK, so no
 * locked_vm accounting and no -EPERM or -ENOMEM from the limit (the live
 * kernel's agents run as root, with CAP_IPC_LOCK).  mlockall(2) and
 * mlock2(2)'s MLOCK_ONFAULT are not modelled, though do_mlock takes the
 * flags.  VMAs are not merged back when munlock makes neighbours equal.
 */
#include "linux/mm.h"
#include "linux/sim_machine.h"

/* The kernel's VM_SPECIAL, and what else vma_supports_mlock refuses. */
static bool vma_supports_mlock(struct vm_area_struct *vma)
{
	if (vma->vm_flags & (VM_IO | VM_DONTEXPAND | VM_PFNMAP | VM_MIXEDMAP))
		return false;
	return !(vma->vm_flags & VM_HUGETLB);
}

/*
 * mlock_fixup - give [start, end) of @vma the lock flags of @newflags.  A
 * VMA that cannot be locked is left as it is, without an error.
 */
static int mlock_fixup(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, unsigned long newflags)
{
	if (newflags == vma->vm_flags || !vma_supports_mlock(vma))
		return 0;
	vma = vma_modify_flags(vma, start, end, newflags);
	sim_trace(vma_sim(vma), "mlock: [%#lx, %#lx) %s", start, end,
		  (newflags & VM_LOCKED) ? "VM_LOCKED" : "unlocked");
	return 0;
}

/*
 * apply_vma_lock_flags - set the lock flags of every VMA in [start,
 * start + len) to @flags (0: unlock).  A hole fails with -ENOMEM, after
 * the VMAs before it were changed, as in the kernel.
 */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start,
				size_t len, unsigned long flags)
{
	unsigned long end = start + len, tmp;
	struct vm_area_struct *vma;
	int error;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	tmp = vma->vm_start;
	/* A split leaves @vma ending at @end; the upper part is not in range. */
	for_each_vma_range(mm, vma, start, end) {
		unsigned long nstart = vma->vm_start > start ? vma->vm_start :
							       start;
		unsigned long newflags;

		if (vma->vm_start != tmp)
			return -ENOMEM;
		newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;
		tmp = vma->vm_end < end ? vma->vm_end : end;
		error = mlock_fixup(vma, nstart, tmp, newflags);
		if (error)
			return error;
	}
	return tmp < end ? -ENOMEM : 0;
}

/* mlock(2) reports a failed population as POSIX wants it. */
static int __mlock_posix_error_return(long retval)
{
	if (retval == -EFAULT)
		return -ENOMEM;
	if (retval == -ENOMEM)
		return -EAGAIN;
	return (int)retval;
}

/**
 * do_mlock - mlock(2) (@flags VM_LOCKED) of [start, start + len): lock the
 * VMAs, then populate them.
 *
 * Return: 0, -ENOMEM (a hole, or a PROT_NONE part that cannot be
 * populated), -EAGAIN or -EINVAL.
 */
int do_mlock(struct mm_struct *mm, unsigned long start, size_t len,
	     unsigned long flags)
{
	int error;

	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	error = apply_vma_lock_flags(mm, start, len, flags);
	if (error)
		return error;
	error = __mm_populate(mm, start, len, 0);
	if (error)
		return __mlock_posix_error_return(error);
	return 0;
}

/**
 * sys_munlock - munlock(2) of [start, start + len): clear the lock flags.
 * The pages stay mapped.
 *
 * Return: 0, -ENOMEM (a hole) or -EINVAL.
 */
int sys_munlock(struct mm_struct *mm, unsigned long start, size_t len)
{
	len = ALIGN(len + (start & ~PAGE_MASK), PAGE_SIZE);
	start &= PAGE_MASK;
	return apply_vma_lock_flags(mm, start, len, 0);
}
