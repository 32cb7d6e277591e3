# SPDX-License-Identifier: GPL-2.0-only
# cow.c A10 "R/O GUP-fast pin on R/O-mapped shared page" with swapped out
# base page: GUP-fast cannot follow a swap PTE and falls back (gup.fast); the
# slow path swaps in and unshares by copying. The outcome equals A9.
title cow.c A10: R/O GUP-fast pin on R/O-mapped shared page, swapped out
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
expect p0 A[0] swapped
pin h p0 A[0] ro pin longterm fast
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
exit c1
check
