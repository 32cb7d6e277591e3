# SPDX-License-Identifier: GPL-2.0-only
# Fork over a swap PTE clears the parent's exclusive bit for good: after the
# child exits, the parent's read swap-in is still R/O and not exclusive
# (swapin.fault step 6; the swap cache holds a reference, so refcount is not
# 1). The write then frees the swap cache and reuses the page
# (wp.reuse-check).
title swap+fork: after the child exits, the parent's swap-in is not exclusive
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
exit c1
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
check
