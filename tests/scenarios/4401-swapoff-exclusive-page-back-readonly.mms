# SPDX-License-Identifier: GPL-2.0-only
# swapoff (unuse_pte, swapoff.unuse) maps every swapped page back R/O and old,
# never writable, and exclusive iff the swap PTE had the exclusive bit. An
# exclusive page then needs no copy on the next write (wp.fault fast path).
title swapoff: an exclusive page comes back R/O and exclusive
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
swapoff
expect p0 A[0] present
expect p0 A[0] is L
expect p0 A[0] readonly
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] writable
check
