# SPDX-License-Identifier: GPL-2.0-only
# cow.c A1 "Basic COW after fork()" with swapped out base page: memset,
# MADV_PAGEOUT, then fork. Both share the swap slot (fork.nonpresent, fork
# clears the parent's exclusive bit); the child's read swap-in maps the
# swap-cache page R/O (swapin.fault), the parent's write swap-in copies
# (obs.swapin-after-fork).
title cow.c A1: basic COW after fork, swapped out base page
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
expect c1 A[0] swapped
# child: memcpy(old, mem)
expect c1 A[0] == 0x1111
expect c1 A[0] is orig
expect c1 A[0] readonly
# parent: memset(mem, 0xff)
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
# child: memcmp(old, mem)
expect c1 A[0] == 0x1111
expect p0 A[0] == 0x2222
expect c1 A[0] !same p0 A[0]
exit c1
check
