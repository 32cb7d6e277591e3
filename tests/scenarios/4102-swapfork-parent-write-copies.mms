# SPDX-License-Identifier: GPL-2.0-only
# Swap-out, fork, then a parent write swap-in: the swap PTE has no exclusive
# bit and the child still uses the slot, so the swap cache cannot be freed and
# the write copies (swapin.fault step 11, wp.reuse-check;
# obs.swapin-after-fork: new PFN, AE=1). The child then holds the only use of
# the slot: its write swap-in frees the swap cache and reuses the original
# page.
title swap+fork: parent write copies, then the child's write reuses
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
write p0 A[0] 0x2222
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect c1 A[0] swapped
write c1 A[0] 0x3333
expect c1 A[0] is L
expect c1 A[0] exclusive
expect c1 A[0] writable
expect p0 A[0] == 0x2222
expect c1 A[0] == 0x3333
check
