# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with the single remaining PTE of a THP,
# swapped out (THP_RUN_SINGLE_PTE_SWAPOUT): MADV_DONTNEED of all but the
# first page leaves one PTE of a partially mapped folio; MADV_PAGEOUT of
# that page maps the folio in part, so it is split first, and the page
# goes to swap.  fork shares the entry; the parent's write copies.
title THP: COW after fork of the single PTE of a THP, swapped out
requires swap thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
madvise p0 A[1..511] dontneed
swapout p0 A[0]
expect p0 A[0] swapped
fork p0 c1
write p0 A[0] 0xffff
expect p0 A[0] exclusive
expect c1 A[0] == 0x1111
expect p0 A[0] == 0xffff
exit c1
check
