# SPDX-License-Identifier: GPL-2.0-only
# Swap-out, then fork: both processes hold the swap slot and fork clears the
# exclusive bit in the parent's swap PTE (fork.nonpresent, origin.swp-exclusive). A parent
# read swap-in gives the swap-cache page R/O and not exclusive; a child read
# maps the same page, mapcount 2 (obs.swapin-after-fork).
title swap+fork: read swap-ins share the swap-cache page R/O
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
expect p0 A[0] swapped
expect c1 A[0] swapped
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
expect c1 A[0] swapped
read c1 A[0]
expect c1 A[0] same p0 A[0]
expect c1 A[0] mapcount 2
expect c1 A[0] !exclusive
expect c1 A[0] readonly
check
