/* SPDX-License-Identifier: GPL-2.0-only */
/* Models include/linux/ksm.h at v6.12. */
#ifndef MMSIM_LINUX_KSM_H
#define MMSIM_LINUX_KSM_H

#include "linux/mm.h"

int ksm_madvise(struct vm_area_struct *vma, unsigned long start,
		unsigned long end, int advice, unsigned long *vm_flags);
unsigned long ksm_do_scan(struct sim *sim);
bool ksm_node_live(struct sim *sim, unsigned long kpfn);
int ksm_set_max_page_sharing(struct sim *sim, unsigned int knob);
void folio_migrate_ksm(struct folio *dst, struct folio *src);
void ksm_exit(struct mm_struct *mm);
struct folio *ksm_might_need_to_copy(struct folio *folio,
				     struct vm_area_struct *vma,
				     unsigned long addr);

/*
 * Model-only: the model's checksum of a page (mm/ksm.c calc_checksum) is
 * its contents xor this salt, so it is never 0 (a new rmap_item's) and
 * the state's serialization can name a checksum by the contents it was
 * taken of (harness/state.c: renamed as contents are).
 */
#define SIM_KSM_CHECKSUM_SALT 0x9e3779b97f4a7c15ULL

#endif /* MMSIM_LINUX_KSM_H */
