# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a swapped-out 16 KiB mTHP
# (THP_RUN_PTE_SWAPOUT with hugepages-16kB on): MADV_PAGEOUT takes the
# folio whole and reclaim splits it on the swap file, the written pages
# to swap, the zero-filled ones to the zero page.  fork shares the swap
# entries; the parent's write copies; the child reads the old data.
title mTHP 16K: COW after fork of a swapped-out mTHP
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
write p0 A[2] 0x2222
split p0 A[1]
swapout p0 A
expect p0 A[2] swapped
expect p0 A[1] zeropage
fork p0 c1
write p0 A[2] 0xffff
expect p0 A[2] exclusive
expect c1 A[2] == 0x2222
expect c1 A[0] == 0x1111
expect p0 A[2] == 0xffff
exit c1
check
