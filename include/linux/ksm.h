/* SPDX-License-Identifier: GPL-2.0-only */
/* Models include/linux/ksm.h at v6.12. */
#ifndef MMSIM_LINUX_KSM_H
#define MMSIM_LINUX_KSM_H

#include "linux/mm.h"

int ksm_madvise(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, int advice, unsigned long *vm_flags);
unsigned long ksm_do_scan(struct sim *sim);
struct folio *ksm_might_need_to_copy(struct folio *folio,
				     struct vm_area_struct *vma,
				     unsigned long addr);

#endif /* MMSIM_LINUX_KSM_H */
