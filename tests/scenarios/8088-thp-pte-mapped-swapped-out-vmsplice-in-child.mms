# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with a swapped-out PTE-mapped THP:
# split PMD, reclaim splits the folio and swaps the written page; fork
# shares the slot; the child's vmsplice holds the page it faulted in and
# unmaps; the parent's write copies, so the pipe keeps the old data.
title THP: vmsplice + unmap in child, swapped-out PTE-mapped THP
requires swap thp vmsplice
broken-under v5.7 v5.9
mmap p0 A 512 thp
write p0 A[2] 0x1111
split p0 A[0]
swapout p0 A
expect p0 A[2] swapped
fork p0 c1
pin h c1 A[2] ro get
munmap c1 A
write p0 A[2] 0x2222
expect p0 A[2] == 0x2222
expect p0 A[2] exclusive
expect h == 0x1111
unpin h
exit c1
check
