# SPDX-License-Identifier: GPL-2.0-only
# mTHP: MADV_PAGEOUT of a whole 64 KiB mTHP takes it to reclaim whole
# (a large folio the range maps whole, mapped once per page), which
# splits it as it does a PMD-size THP on a swap file: the written pages
# go to swap with their exclusive bits, the zero-filled ones map the
# zero page.
title mTHP: swap-out splits the mTHP, only written pages reach swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[5] 0x2222
swapout p0 A
expect p0 A[0] swapped
expect p0 A[5] swapped
expect p0 A[1] zeropage
expect p0 A[15] zeropage
read p0 A[0]
expect p0 A[0] == 0x1111
expect p0 A[0] exclusive
expect p0 A[0] !thp
check
