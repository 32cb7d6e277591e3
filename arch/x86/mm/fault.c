// SPDX-License-Identifier: GPL-2.0-only
/*
 * Models do_user_addr_fault of arch/x86/mm/fault.c at v6.12: find the VMA,
 * check the access against its flags (access_error), and call
 * handle_mm_fault.  Returns 0 or the signal the access raises, a SIGBUS
 * with its si_code (SIM_SIG_CODE).
 *
 * Omits: stack expansion, pkeys, SMAP/SMEP, instruction fetches.
 */
#include <signal.h>

#include "linux/mm.h"
#include "linux/sim_machine.h"

static bool access_error(bool write, struct vm_area_struct *vma)
{
	if (write)
		return !(vma->vm_flags & VM_WRITE);
	return !vma_is_accessible(vma);
}

int do_user_addr_fault(struct mm_struct *mm, unsigned long address, bool write)
{
	struct vm_area_struct *vma = vma_lookup(mm, address);
	unsigned int flags = FAULT_FLAG_USER | FAULT_FLAG_ALLOW_RETRY |
			     FAULT_FLAG_KILLABLE;
	vm_fault_t ret;

	if (!vma || access_error(write, vma)) {
		sim_trace(mm->sim, "do_user_addr_fault: SIGSEGV (%s)",
			  vma ? "access not permitted" : "no VMA");
		return SIGSEGV;
	}
	if (write)
		flags |= FAULT_FLAG_WRITE;
	ret = handle_mm_fault(vma, address, flags);
	if (ret & VM_FAULT_SIGSEGV)
		return SIGSEGV;
	/*
	 * do_sigbus: a poisoned page is BUS_MCEERR_AR, anything else
	 * BUS_ADRERR.  The process catches it (mm->sim_sigbus).
	 */
	if (ret & VM_FAULT_HWPOISON) {
		sim_trace(mm->sim, "do_sigbus: BUS_MCEERR_AR at %#lx", address);
		mm->sim_sigbus[BUS_MCEERR_AR]++;
		return SIM_SIG_CODE(SIGBUS, BUS_MCEERR_AR);
	}
	if (ret & VM_FAULT_SIGBUS) {
		mm->sim_sigbus[BUS_ADRERR]++;
		return SIM_SIG_CODE(SIGBUS, BUS_ADRERR);
	}
	if (ret & VM_FAULT_OOM)
		return SIGKILL;
	return 0;
}
