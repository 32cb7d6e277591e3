# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with the single remaining PTE of a
# 16 KiB mTHP, swapped out (THP_RUN_SINGLE_PTE_SWAPOUT): MADV_DONTNEED of
# the other pages, then MADV_PAGEOUT of the one left, which maps the
# folio in part: split first, then the page goes to swap.  fork shares
# the entry; the parent's write copies.
title mTHP 16K: COW after fork of the single PTE, swapped out
requires swap
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
madvise p0 A[1..3] dontneed
swapout p0 A[0]
expect p0 A[0] swapped
fork p0 c1
write p0 A[0] 0xffff
expect p0 A[0] exclusive
expect c1 A[0] == 0x1111
expect p0 A[0] == 0xffff
exit c1
check
