# SPDX-License-Identifier: GPL-2.0-only
# clear_refs on a swap PTE clears its swap soft-dirty bit
# (fs/proc/task_mmu.c: clear_soft_dirty, pte_swp_clear_soft_dirty).  The
# read fault that swaps the page back in maps it exclusive but R/O: with
# soft-dirty tracking on, do_swap_page does not map it writable on a read
# (pte_needs_soft_dirty_wp).  The write that follows reuses it.  Under
# v5.9 (reuse by page_count) the swap cache's reference makes that write
# copy; without the swap-PTE exclusive bit the swap-in is not exclusive.
title clear-refs soft-dirty on a swapped-out page
broken-under v5.9 v5.19,swp_exclusive=off
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A[0]
expect p0 A[0] swapped
expect p0 A[0] soft-dirty
clear-refs p0 soft-dirty
expect p0 A[0] swapped
expect p0 A[0] !soft-dirty
read p0 A[0]
expect p0 A[0] == 0x1111
expect p0 A[0] exclusive
expect p0 A[0] readonly
expect p0 A[0] !soft-dirty
label L p0 A[0]
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] writable
expect p0 A[0] soft-dirty
check
