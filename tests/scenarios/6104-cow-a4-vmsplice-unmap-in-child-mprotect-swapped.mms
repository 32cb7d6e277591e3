# SPDX-License-Identifier: GPL-2.0-only
# cow.c A4 "vmsplice() + unmap in child with mprotect() optimization" with
# swapped out base page: as the swapped A3; the parent's mprotect RO -> RW
# meets a swap PTE and changes nothing, and its write still copies.
title cow.c A4: vmsplice + unmap in child with mprotect optimization, swapped out
requires swap vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
expect c1 A[0] == 0x1111
pin h c1 A[0] ro get
munmap c1 A
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] swapped
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect h == 0x1111
unpin h
exit c1
check
