/* SPDX-License-Identifier: GPL-2.0-only */
/* The parts of fs/proc the model has: /proc/PID/clear_refs. */
#ifndef MMSIM_LINUX_PROC_FS_H
#define MMSIM_LINUX_PROC_FS_H

#include "linux/mm_types.h"

/* fs/proc/task_mmu.c: what clear_refs_write does for a type. */
enum clear_refs_types {
	CLEAR_REFS_ALL = 1,
	CLEAR_REFS_ANON,
	CLEAR_REFS_MAPPED,
	CLEAR_REFS_SOFT_DIRTY,
	CLEAR_REFS_MM_HIWATER_RSS,
	CLEAR_REFS_LAST,
};

int clear_refs_write(struct mm_struct *mm, enum clear_refs_types type);

#endif /* MMSIM_LINUX_PROC_FS_H */
