# SPDX-License-Identifier: GPL-2.0-only
# swapoff of a page swapped out without the exclusive bit (it had been shared:
# fork, child exit) maps it R/O and not exclusive (swapoff.unuse). swapoff
# also drops the swap cache, so the write finds the page's only reference and
# reuses it (wp.reuse-check), exclusive from then on.
title swapoff: a non-exclusive page comes back R/O, a write reuses it
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
exit c1
swapout p0 A
expect p0 A[0] swapped
swapoff
expect p0 A[0] is L
expect p0 A[0] readonly
expect p0 A[0] !exclusive
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
check
