# SPDX-License-Identifier: GPL-2.0-only
# cow.c A2 "Basic COW after fork() with mprotect() optimization" with swapped
# out base page. The parent's PTE is still a swap PTE when it runs mprotect RO
# -> RW: nothing to upgrade (mprotect.upgrade applies to present PTEs); its
# write swap-in finds a shared slot and copies (swapin.fault, wp.reuse-check).
title cow.c A2: basic COW after fork with mprotect optimization, swapped out
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
expect c1 A[0] == 0x1111
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] swapped
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect c1 A[0] == 0x1111
expect p0 A[0] == 0x2222
expect c1 A[0] !same p0 A[0]
exit c1
check
