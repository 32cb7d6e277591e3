# SPDX-License-Identifier: GPL-2.0-only
# mTHP: MADV_PAGEOUT of one page of a 64 KiB mTHP: the range maps the
# folio only in part (madvise_folio_pte_batch), so it is split first;
# the written page left mapped becomes an exclusive small page, the
# zero-filled ones the zero page, and the one page goes to swap.
title mTHP: swap-out of one page splits the mTHP first
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[5] 0x2222
swapout p0 A[5]
expect p0 A[5] swapped
expect p0 A[0] !thp
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[1] zeropage
expect p0 A[5] == 0x2222
check
