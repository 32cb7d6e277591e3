# SPDX-License-Identifier: GPL-2.0-only
# cow.c "R/O-mapping a page registered as iouring fixed buffer" with THP
# (PMD-mapped): a R/W long-term pin of a page of the THP, mprotect RO,
# clear_softdirty() (clear-refs), mprotect RW of the whole THP, then a
# write: it must land in the pinned page, no COW replacement.  clear_refs
# write-protects a huge PMD even when its THP is pinned
# (fs/proc/task_mmu.c: clear_soft_dirty_pmd has no pin check, unlike
# pte_is_pinned), so mprotect RW leaves it R/O (can_change_pmd_writable:
# pmd_needs_soft_dirty_wp) and the write fault reuses the exclusive THP
# (do_huge_pmd_wp_page).  The PMD write bit is not exported: `readonly`
# is the model's answer on the kernel.
title THP: R/O-mapping a PMD-mapped THP registered as io_uring fixed buffer
broken-under v5.7 v5.8 v5.9 v5.18
requires thp iouring
mmap p0 A 512 thp
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
mprotect p0 A ro
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[0] pmd
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] pmd
expect h == 0x2222
unpin h
check
