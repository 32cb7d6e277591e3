# SPDX-License-Identifier: GPL-2.0-only
# A PMD-size THP swapped out whole to zram (512 aligned slots, THP_SWAP)
# comes back in mTHPs of the largest enabled size: large swap-in is for
# the orders below the PMD's (alloc_swap_folio), here 64 KiB, each 16
# pages read whole around the fault, the rest staying swapped.
title THP: a PMD THP swapped to zram comes back as 64 KiB folios
requires swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
thp-sizes 2M 64K
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[20] 0x2222
expect p0 A[0] pmd
swapout p0 A
expect p0 A[0] swapped
expect p0 A[511] swapped
read p0 A[20]
expect p0 A[20] == 0x2222
expect p0 A[20] order 4
expect p0 A[16] order 4
expect p0 A[16] exclusive
expect p0 A[16] !pmd
expect p0 A[15] swapped
expect p0 A[32] swapped
read p0 A[0]
expect p0 A[0] == 0x1111
expect p0 A[0] order 4
check
