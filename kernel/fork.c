// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models dup_mm/dup_mmap of kernel/fork.c at v6.12: the child's address
 * space is built VMA by VMA.  VM_DONTCOPY VMAs are left out,
 * VM_WIPEONFORK VMAs start empty (no anon_vma, no page tables), the rest
 * get an anon_vma that is a child of the parent's and a copy of the page
 * tables (copy_page_range).  MMF_HAS_PINNED is not inherited (fork.has-pinned).
 */
#include "linux/rmap.h"
#include "linux/sim_machine.h"
#include "linux/userfaultfd_k.h"

static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;
	int ret = 0;

	for_each_vma(oldmm, mpnt) {
		if (mpnt->vm_flags & VM_DONTCOPY)
			continue;
		tmp = vm_area_dup(mpnt);
		tmp->vm_mm = mm;
		if (tmp->vm_flags & VM_WIPEONFORK)
			tmp->anon_vma = NULL;
		else
			anon_vma_fork(tmp, mpnt);
		tmp->vm_flags &= ~VM_LOCKED_MASK;
		/* Kept with EVENT_FORK, else the registration is dropped. */
		dup_userfaultfd(tmp, oldmm);
		if (tmp->vm_mapping)
			tmp->vm_mapping->refcount++;
		vma_link(mm, tmp);
		if (!(tmp->vm_flags & VM_WIPEONFORK))
			ret = copy_page_range(tmp, mpnt);
		if (ret)
			break;
	}
	return ret;
}

/**
 * dup_mm - fork's copy of @oldmm.
 *
 * Return: the child's mm, or NULL if copying failed (the partial child is
 * torn down, as the kernel does).
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc(oldmm->sim);

	mm->mmap_base = oldmm->mmap_base;
	mm->sim_parent = (int)oldmm->mm_id;
	mm->sim_fork_time = ++oldmm->sim->clock;
	mm->flags = oldmm->flags & ~BIT(MMF_HAS_PINNED);
	/* copy_process keeps the task flags PF_MCE_PROCESS, PF_MCE_EARLY. */
	mm->sim_mce_kill = oldmm->sim_mce_kill;
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}
