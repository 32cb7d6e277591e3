# SPDX-License-Identifier: GPL-2.0-only
# Readahead hits keep the VMA swap readahead window wide, and a fault next
# to the previous one reads ahead in its direction only
# (mm/swap_state.c: swap_update_readahead counts a hit on a page read
# ahead; swap_vma_ra_win).  As in 4311, the child keeps the slots of the
# faults that read ahead (A[4], A[9], A[30], A[28]: two users), and a
# fault on any other slot shows whether it was read ahead.
# A[4]: 8 pages, A[1..8].  A[8] is a hit.  A[9], next after A[8]: 4
# pages from A[9] on (A[9..12]; centred they would be A[8..11]).  A[12]
# is a hit.  A[30]: 4 pages again (with no hit, 2), centred: A[29..32].
# A[29] is a hit.  A[28], just before A[29]: 4 pages ending at A[28]
# (A[25..28]).
title swapdev sync: readahead hits keep the window, sequential faults read ahead
requires swap
swapdev sync
mmap p0 A 40
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[4] 0x1004
write p0 A[8] 0x1008
write p0 A[9] 0x1009
write p0 A[12] 0x100c
write p0 A[13] 0x100d
write p0 A[24] 0x1018
write p0 A[25] 0x1019
write p0 A[28] 0x101c
write p0 A[29] 0x101d
write p0 A[30] 0x101e
write p0 A[32] 0x1020
write p0 A[33] 0x1021
swapout p0 A
fork p0 c1
munmap c1 A[0..3]
munmap c1 A[5..8]
munmap c1 A[10..27]
munmap c1 A[29]
munmap c1 A[31..39]
read p0 A[4]
read p0 A[8]
expect p0 A[8] !exclusive
read p0 A[9]
read p0 A[12]
expect p0 A[12] !exclusive
read p0 A[30]
read p0 A[29]
expect p0 A[29] !exclusive
read p0 A[28]
read p0 A[0]
expect p0 A[0] exclusive
read p0 A[1]
expect p0 A[1] !exclusive
read p0 A[13]
expect p0 A[13] exclusive
read p0 A[24]
expect p0 A[24] exclusive
read p0 A[25]
expect p0 A[25] !exclusive
read p0 A[32]
expect p0 A[32] !exclusive
read p0 A[33]
expect p0 A[33] exclusive
check
