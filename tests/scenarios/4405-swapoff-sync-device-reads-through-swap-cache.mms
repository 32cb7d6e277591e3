# SPDX-License-Identifier: GPL-2.0-only
# swapoff of a zram-like device: the page was freed at swap-out, so
# try_to_unuse reads it into a new page (through the swap cache, never the
# fresh-page bypass) and unuse_pte maps it R/O, exclusive iff the bit was set
# (swapoff.unuse): exclusive for an exclusive page, not for one that had been
# shared.
title swapoff: sync device, pages read back R/O, exclusive iff the bit
requires swap
swapdev sync
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
fork p0 c1
exit c1
write p0 A[0] 0x3333
expect p0 A[0] exclusive
expect p0 A[1] !exclusive
swapout p0 A
expect p0 A[0] swapped
expect p0 A[1] swapped
swapoff
expect p0 A[0] isnot L0
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[1] readonly
expect p0 A[1] !exclusive
expect p0 A[0] == 0x3333
expect p0 A[1] == 0x2222
check
