# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 "R/O GUP pin on R/O-mapped shared page" with swapped out base page:
# fork shares the swap slot and clears the parent's exclusive bit
# (fork.nonpresent). The pin swaps the page in R/O and not exclusive, and
# since the child still uses the slot the unshare fault copies (swapin.fault,
# gup.pin-fault).
title cow.c A9: R/O GUP pin on R/O-mapped shared page, swapped out
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
expect p0 A[0] swapped
pin h p0 A[0] ro pin longterm
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
# PIN_LONGTERM_TEST_READ, compare with mem
expect h == 0x2222
expect c1 A[0] == 0x1111
expect c1 A[0] is orig
unpin h
exit c1
check
