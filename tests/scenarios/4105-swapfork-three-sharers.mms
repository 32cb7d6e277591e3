# SPDX-License-Identifier: GPL-2.0-only
# Two forks over one swap PTE: three users of the slot. Read swap-ins map one
# swap-cache page in all three, mapcount 3, never exclusive; a write copies
# while others still use the page or the slot (swapin.fault, wp.reuse-check).
title swap+fork: three processes share one swap slot
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
fork p0 c2
expect c2 A[0] swapped
read p0 A[0]
read c1 A[0]
read c2 A[0]
expect p0 A[0] mapcount 3
expect c1 A[0] same p0 A[0]
expect c2 A[0] same p0 A[0]
expect c2 A[0] is L
expect c2 A[0] !exclusive
write c1 A[0] 0x2222
expect c1 A[0] isnot L
expect p0 A[0] mapcount 2
exit c2
write p0 A[0] 0x3333
expect p0 A[0] is L
expect p0 A[0] exclusive
check
