# SPDX-License-Identifier: GPL-2.0-only
# Large swap-in takes the largest enabled order whose aligned block is
# all swap PTEs of contiguous slots (can_swapin_thp): with one page of a
# swapped-out 64 KiB mTHP dropped (MADV_DONTNEED leaves a none PTE), the
# 64 KiB block no longer qualifies and a 16 KiB folio is read instead;
# around the dropped page even 16 KiB fails, and one page is read.
title THP: large swap-in falls back to a smaller mTHP, then to one page
requires swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
thp-sizes 16K 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[13] 0x2222
expect p0 A[0] order 4
swapout p0 A
expect p0 A[0] swapped
madvise p0 A[15] dontneed
expect p0 A[15] none
read p0 A[1]
expect p0 A[1] order 2
expect p0 A[0] == 0x1111
expect p0 A[3] order 2
expect p0 A[4] swapped
read p0 A[13]
expect p0 A[13] == 0x2222
expect p0 A[13] order 0
expect p0 A[13] exclusive
expect p0 A[12] swapped
check
