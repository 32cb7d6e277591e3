# SPDX-License-Identifier: GPL-2.0-only
# The child writes first: its swap PTE never had the exclusive bit (fork
# copies the cleared entry, fork.nonpresent) and the parent still uses the
# slot, so the child copies; the parent's later write is the last use of the
# slot and reuses the original page (swapin.fault, wp.reuse-check).
title swap+fork: child write copies, parent write reuses
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
write c1 A[0] 0x2222
expect c1 A[0] isnot L
expect c1 A[0] exclusive
expect p0 A[0] swapped
write p0 A[0] 0x3333
expect p0 A[0] is L
expect p0 A[0] exclusive
expect c1 A[0] == 0x2222
expect p0 A[0] == 0x3333
check
