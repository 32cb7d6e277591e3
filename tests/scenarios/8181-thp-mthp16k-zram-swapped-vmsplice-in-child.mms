# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with a 16K mTHP swapped out to
# zram: the child's vmsplice faults its page in (a shared swap-cache
# page: fork gave each slot two users), holds it and unmaps; the
# parent's write then finds that page in the swap cache, mapped by
# nobody else but still referenced by the pipe, and copies it, so the
# pipe keeps the old data.
title mTHP 16K: vmsplice + unmap in child of an mTHP swapped to zram
requires swap vmsplice
broken-under v5.7 v5.9
swapdev sync
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[2] 0x1111
swapout p0 A
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
