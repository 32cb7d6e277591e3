# SPDX-License-Identifier: GPL-2.0-only
# A page that was shared (fork, then the child exits) is mapped once but not
# exclusive; swap-out gives a swap PTE without the exclusive bit. The read
# swap-in maps the swap-cache page R/O and not exclusive (obs.swapin-swap-file
# pg2, swapin.fault); a write then frees the unused swap cache and reuses the
# page as the sole reference (wp.reuse-check), exclusive.
title swap: non-exclusive page comes back R/O; a write reuses it
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
exit c1
expect p0 A[0] !exclusive
expect p0 A[0] mapcount 1
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x2222
check
