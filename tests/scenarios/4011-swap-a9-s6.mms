# SPDX-License-Identifier: GPL-2.0-only
# obs.swapin-swap-file on this machine's kernel (swap file), step by step:
# MADV_PAGEOUT of four pages, pg0 and pg1 exclusive, pg2 and pg3 mapped once
# but not exclusive (shared with a child that exited). Read faults on pg0 and
# pg2, write faults on pg1 and pg3; all four come back as the same page (the
# folio stayed in the swap cache): pg0 exclusive (the marker, RMAP_EXCLUSIVE),
# pg2 not (no marker), pg1 and pg3 exclusive (a write frees the swap cache,
# refcount 1 -> reuse).
title swap: swap-in of exclusive and non-exclusive pages (obs.swapin-swap-file)
requires swap
mmap p0 A 4
write p0 A[2] 0x2222
write p0 A[3] 0x3333
fork p0 c1
exit c1
write p0 A[0] 0x1111
write p0 A[1] 0x1111
label L0 p0 A[0]
label L1 p0 A[1]
label L2 p0 A[2]
label L3 p0 A[3]
expect p0 A[0] exclusive
expect p0 A[2] !exclusive
expect p0 A[2] mapcount 1
swapout p0 A
expect p0 A[0] swapped
expect p0 A[3] swapped
read p0 A[0]
read p0 A[2]
write p0 A[1] 0x4444
write p0 A[3] 0x5555
expect p0 A[0] is L0
expect p0 A[0] exclusive
expect p0 A[2] is L2
expect p0 A[2] !exclusive
expect p0 A[1] is L1
expect p0 A[1] exclusive
expect p0 A[3] is L3
expect p0 A[3] exclusive
check
