# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with a 16K mTHP swapped out
# (the machine's swap file: split, the written page swapped): fork
# shares the slot; the child's vmsplice faults the page in from the swap
# cache, holds it and unmaps; the parent's write finds it still
# referenced by the pipe and copies, so the pipe keeps the old data.
title mTHP 16K: vmsplice + unmap in child of a swapped-out mTHP
requires swap vmsplice
broken-under v5.7 v5.9
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[2] 0x1111
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
