# SPDX-License-Identifier: GPL-2.0-only
# fork copies the VMA's swap readahead history with the VMA (vm_area_dup
# copies swap_readahead_info): the child's first swap fault sizes its
# window from the parent's history, not as a fresh VMA would.
# c1 keeps the slots of A[4], A[20], A[36] and A[30].  The parent's faults
# shrink its window to 2 (8 at A[4], 4 at A[20], 2 at A[36], as in 4311),
# then A[37], read ahead, is a hit.  c2, forked then, is alone with the
# other slots once the parent unmaps A.  Its fault on A[30] reads 4 pages,
# A[29..32] (a hit since the last window of 2); a fresh VMA would read 8,
# A[27..34].
title swapdev sync: fork copies the swap readahead history
requires swap
swapdev sync
mmap p0 A 40
write p0 A[4] 0x1004
write p0 A[20] 0x1014
write p0 A[28] 0x101c
write p0 A[29] 0x101d
write p0 A[30] 0x101e
write p0 A[32] 0x1020
write p0 A[33] 0x1021
write p0 A[36] 0x1024
write p0 A[37] 0x1025
swapout p0 A
fork p0 c1
munmap c1 A[0..3]
munmap c1 A[5..19]
munmap c1 A[21..29]
munmap c1 A[31..35]
munmap c1 A[37..39]
read p0 A[4]
read p0 A[20]
read p0 A[36]
read p0 A[37]
expect p0 A[37] !exclusive
fork p0 c2
munmap p0 A
read c2 A[30]
read c2 A[28]
expect c2 A[28] exclusive
read c2 A[29]
expect c2 A[29] !exclusive
read c2 A[32]
expect c2 A[32] !exclusive
read c2 A[33]
expect c2 A[33] exclusive
check
