# SPDX-License-Identifier: GPL-2.0-only
# After swapoff there is no swap device: MADV_PAGEOUT cannot allocate a slot
# (add_to_swap fails, reclaim.folio) and the page stays present, exclusive and
# writable; nothing else changes.
title swapoff: swapout without a swap device leaves pages present
requires swap
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
swapout p0 A[0]
swapoff
expect p0 A[0] is L0
swapout p0 A
expect p0 A[0] present
expect p0 A[0] is L0
expect p0 A[1] present
expect p0 A[1] is L1
expect p0 A[1] exclusive
expect p0 A[1] writable
expect p0 A[1] == 0x2222
check
