# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with a swapped-out PMD-mapped THP:
# the child's vmsplice swaps the page in and holds a reference; the child
# unmaps; the parent's write must still copy (its swap-in finds the page
# in the swap cache with the pipe's reference: not reusable), and the
# pipe keeps the old data.
title THP: vmsplice + unmap in child, swapped-out THP
broken-under v5.7 v5.9
requires swap thp vmsplice
mmap p0 A 512 thp
write p0 A[0] 0x1111
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
pin h c1 A[0] ro get
munmap c1 A
write p0 A[0] 0x2222
expect p0 A[0] == 0x2222
expect p0 A[0] exclusive
expect h == 0x1111
unpin h
exit c1
check
