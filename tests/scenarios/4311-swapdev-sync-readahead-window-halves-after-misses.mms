# SPDX-License-Identifier: GPL-2.0-only
# The VMA swap readahead window shrinks by halves while faults find no
# page it read ahead (mm/swap_state.c: swap_vma_ra_win, __swapin_nr_pages).
# The child keeps A[4], A[20], A[36] and A[52]: their slots have two users,
# so a fault on them goes through swapin_readahead; every other slot has
# one user, and a fault on it shows whether readahead put it in the swap
# cache (mapped R/O, not exclusive) or not (a fresh exclusive page,
# skipping the swap cache, which reads nothing ahead).
# A fresh VMA counts as 4 hits: the first window is 8 pages, centred on
# A[4] (A[1..8]); no hit since, so 4 around A[20] (A[19..22]), then 2
# from A[36] (A[36..37]), then 1 at A[52]: nothing read ahead.
# Only the pages looked at are written (and swapped out).  The one-user
# slots are faulted last: hits then change nothing.
title swapdev sync: the readahead window halves after misses
requires swap
swapdev sync
mmap p0 A 64
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[4] 0x1004
write p0 A[8] 0x1008
write p0 A[9] 0x1009
write p0 A[18] 0x1012
write p0 A[19] 0x1013
write p0 A[20] 0x1014
write p0 A[22] 0x1016
write p0 A[23] 0x1017
write p0 A[35] 0x1023
write p0 A[36] 0x1024
write p0 A[37] 0x1025
write p0 A[38] 0x1026
write p0 A[51] 0x1033
write p0 A[52] 0x1034
write p0 A[53] 0x1035
swapout p0 A
fork p0 c1
munmap c1 A[0..3]
munmap c1 A[5..19]
munmap c1 A[21..35]
munmap c1 A[37..51]
munmap c1 A[53..63]
read p0 A[4]
read p0 A[20]
read p0 A[36]
read p0 A[52]
read p0 A[0]
expect p0 A[0] exclusive
read p0 A[1]
expect p0 A[1] !exclusive
read p0 A[8]
expect p0 A[8] !exclusive
read p0 A[9]
expect p0 A[9] exclusive
read p0 A[18]
expect p0 A[18] exclusive
read p0 A[19]
expect p0 A[19] !exclusive
read p0 A[22]
expect p0 A[22] !exclusive
read p0 A[23]
expect p0 A[23] exclusive
read p0 A[35]
expect p0 A[35] exclusive
read p0 A[37]
expect p0 A[37] !exclusive
read p0 A[38]
expect p0 A[38] exclusive
read p0 A[51]
expect p0 A[51] exclusive
read p0 A[53]
expect p0 A[53] exclusive
check
