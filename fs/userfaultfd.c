// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models fs/userfaultfd.c at v6.12 for write-protection of anonymous
 * memory and shmem: opening a userfaultfd with its features (the
 * userfaultfd(2) call and UFFDIO_API together), UFFDIO_REGISTER with
 * UFFDIO_REGISTER_MODE_WP, the delivery of a write-protect fault
 * (handle_userfault), the fork event (dup_userfaultfd) and
 * UFFDIO_UNREGISTER.
 *
 * The handler thread of the process is modelled here too, as the kernel
 * selftests' handler behaves (uffd-unit-tests.c, uffd_handle_page_fault):
 * on a write-protect fault message it counts the fault and
 * write-unprotects that one page (UFFDIO_WRITEPROTECT without
 * UFFDIO_WRITEPROTECT_MODE_WP), which wakes the faulting thread; the
 * fault is then retried and the store completes.
 *
 * Deviations: each process has at most one context, embedded in its mm
 * (struct userfaultfd_ctx, mm_types.h), instead of contexts that VMAs
 * point to; the fault does not sleep until the handler answers (the
 * model is sequential): handle_userfault runs the handler's answer itself
 * and returns VM_FAULT_RETRY.  Closing the descriptor (userfaultfd_release,
 * which unregisters and clears every bit and marker) happens only with
 * the process's exit here, which tears the mm down anyway.
 */
#include "linux/sim_machine.h"
#include "linux/userfaultfd_k.h"

/**
 * userfaultfd_api - userfaultfd(2) then UFFDIO_API with @features.
 *
 * Return: 0, -EEXIST if the process has one already (the model's one
 * context per process), -EINVAL for a feature the model does not know.
 */
int userfaultfd_api(struct mm_struct *mm, unsigned int features)
{
	if (features & ~(UFFD_FEATURE_EVENT_FORK | UFFD_FEATURE_WP_UNPOPULATED))
		return -EINVAL;
	if (mm->uffd_ctx.open)
		return -EEXIST;
	mm->uffd_ctx =
		(struct userfaultfd_ctx){ .open = true, .features = features };
	sim_touch_mm(mm);
	sim_trace(mm->sim, "userfaultfd: mm%u opens a uffd%s%s", mm->mm_id,
		  (features & UFFD_FEATURE_EVENT_FORK) ? " EVENT_FORK" : "",
		  (features & UFFD_FEATURE_WP_UNPOPULATED) ? " WP_UNPOPULATED" :
							     "");
	return 0;
}

/**
 * userfaultfd_register - UFFDIO_REGISTER of [@start, @start + @len) with
 * UFFDIO_REGISTER_MODE_WP: every VMA of the range, split to it, gets
 * VM_UFFD_WP.  Registering a range already registered changes nothing.
 *
 * Anonymous memory and shmem (vma_can_userfault with PTE markers); the
 * protection of a shared shmem VMA becomes R/O, as write notification is
 * now wanted (userfaultfd_set_vm_flags, vma_set_page_prot): PTEs mapped
 * from then on are R/O until a write fault.
 *
 * A regular file cannot be registered (vma_can_userfault allows only
 * anon, shmem and hugetlbfs VMAs for MODE_WP without wp_async): nothing
 * is registered then.
 *
 * Return: 0, -EBADF without a uffd, -EINVAL when the range is not wholly
 * mapped or holds a regular file's VMA.
 */
int userfaultfd_register(struct mm_struct *mm, unsigned long start,
			 unsigned long len)
{
	unsigned long end = start + len, next = start;
	struct vm_area_struct *vma;

	if (!mm->uffd_ctx.open)
		return -EBADF;
	if ((start | len) & ~PAGE_MASK || !len || end < start)
		return -EINVAL;
	for_each_vma_range(mm, vma, start, end) {
		if (vma->vm_start > next)
			return -EINVAL;
		/* vma_can_userfault: anon, shmem, hugetlb; no other file. */
		if (vma_is_regular_file(vma))
			return -EINVAL;
		next = vma->vm_end;
	}
	if (next < end)
		return -EINVAL;
	for_each_vma_range(mm, vma, start, end) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		if (userfaultfd_wp(vma))
			continue;
		vma = vma_modify_flags(vma, s, e, vma->vm_flags | VM_UFFD_WP);
		vma_set_page_prot(vma);
	}
	sim_trace(mm->sim, "userfaultfd_register: %#lx-%#lx MODE_WP", start,
		  end);
	return 0;
}

/**
 * userfaultfd_unregister - UFFDIO_UNREGISTER of [@start, @start + @len):
 * each registered VMA of the range, split to it, is unprotected first
 * (userfaultfd_clear_vma: uffd_wp_range clears the bits and drops the
 * uffd-wp markers; poisoned markers stay), then loses VM_UFFD_WP and gets
 * its protection back (a shared shmem VMA no longer wants write
 * notification).  Holes and VMAs not registered are passed over.
 *
 * Return: 0, -EBADF without a uffd, -EINVAL for a bad range, one that
 * holds no VMA or a regular file's (vma_can_userfault).
 */
int userfaultfd_unregister(struct mm_struct *mm, unsigned long start,
			   unsigned long len)
{
	unsigned long end = start + len;
	struct vm_area_struct *vma;
	bool found = false;

	if (!mm->uffd_ctx.open)
		return -EBADF;
	if ((start | len) & ~PAGE_MASK || !len || end < start)
		return -EINVAL;
	/* vma_can_userfault of each VMA, before anything changes. */
	for_each_vma_range(mm, vma, start, end)
		if (vma_is_regular_file(vma))
			return -EINVAL;
	for_each_vma_range(mm, vma, start, end) {
		unsigned long s = vma->vm_start > start ? vma->vm_start : start;
		unsigned long e = vma->vm_end < end ? vma->vm_end : end;

		found = true;
		if (!userfaultfd_wp(vma))
			continue;
		uffd_wp_range(vma, s, e - s, false);
		vma = vma_modify_flags(vma, s, e, vma->vm_flags & ~VM_UFFD_WP);
		vma_set_page_prot(vma);
	}
	if (!found)
		return -EINVAL;
	sim_trace(mm->sim, "userfaultfd_unregister: %#lx-%#lx", start, end);
	return 0;
}

/**
 * handle_userfault - a write fault on a write-protected PTE (or on what a
 * marker became) is delivered to the VMA's context; its handler counts it
 * and write-unprotects the page.
 *
 * Return: VM_FAULT_RETRY (the access is retried), or VM_FAULT_SIGBUS
 * when no context is there to deliver to.
 */
vm_fault_t handle_userfault(struct vm_fault *vmf, unsigned long reason)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct userfaultfd_ctx *ctx = vma_uffd_ctx(vma);
	unsigned long addr = vmf->address & PAGE_MASK;

	if (!ctx->open || reason != VM_UFFD_WP) {
		sim_trace(mm->sim, "handle_userfault: no context: SIGBUS");
		return VM_FAULT_SIGBUS;
	}
	ctx->faults++;
	sim_touch_mm(mm);
	sim_trace(mm->sim,
		  "handle_userfault: WP fault at %#lx to mm%u's uffd; the "
		  "handler counts it (%lu) and write-unprotects the page",
		  addr, mm->mm_id, ctx->faults);
	mwriteprotect_range(mm, addr, PAGE_SIZE, false);
	return VM_FAULT_RETRY;
}

/**
 * dup_userfaultfd - fork of a VMA: with UFFD_FEATURE_EVENT_FORK the
 * child's copy stays registered, to a context of its own (the
 * UFFD_EVENT_FORK message hands it to the handler) with the same
 * features; without it, the child's VMA is not registered, and fork's
 * page-table copy then leaves out the uffd-wp bits and markers.
 */
void dup_userfaultfd(struct vm_area_struct *vma, struct mm_struct *oldmm)
{
	struct mm_struct *mm = vma->vm_mm;

	if (!(vma->vm_flags & (VM_UFFD_MISSING | VM_UFFD_WP)))
		return;
	if (!(oldmm->uffd_ctx.features & UFFD_FEATURE_EVENT_FORK)) {
		/* userfaultfd_reset_ctx */
		vma->vm_flags &= ~(VM_UFFD_MISSING | VM_UFFD_WP);
		vma_set_page_prot(vma);
		return;
	}
	if (!mm->uffd_ctx.open) {
		mm->uffd_ctx = (struct userfaultfd_ctx){
			.open = true, .features = oldmm->uffd_ctx.features
		};
		sim_trace(mm->sim,
			  "dup_userfaultfd: mm%u gets a uffd of its own "
			  "(UFFD_EVENT_FORK)",
			  mm->mm_id);
	}
}
