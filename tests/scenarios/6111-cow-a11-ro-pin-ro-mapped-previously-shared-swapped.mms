# SPDX-License-Identifier: GPL-2.0-only
# cow.c A11 "R/O GUP pin on R/O-mapped previously-shared page" with swapped
# out base page: fork cleared the exclusive bit, the child exits. The pin
# swaps the page in R/O and not exclusive (swapin.fault: no bit, the swap cache
# holds a reference); the unshare fault frees the unused swap cache and
# reuses the page, exclusive and still R/O (wp.fault, gup.pin-fault).
title cow.c A11: R/O GUP pin on R/O-mapped previously-shared page, swapped out
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
exit c1
expect p0 A[0] swapped
pin h p0 A[0] ro pin longterm
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect h == 0x2222
unpin h
check
