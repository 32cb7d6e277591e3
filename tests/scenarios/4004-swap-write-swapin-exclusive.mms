# SPDX-License-Identifier: GPL-2.0-only
# A write fault on the swap PTE of an exclusive page maps the same page
# exclusive and writable and frees its swap cache (swapin.fault;
# obs.swapin-swap-file pg1: same PFN, AE=1, swapcache=0). A second swap-out
# needs a new slot and works.
title swap: write swap-in of an exclusive page
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
swapout p0 A
expect p0 A[0] swapped
expect p0 A[0] == 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
check
