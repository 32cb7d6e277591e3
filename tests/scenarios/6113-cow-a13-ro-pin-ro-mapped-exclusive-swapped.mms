# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 "R/O GUP pin on R/O-mapped exclusive page" with swapped out base
# page: mprotect RO -> RW meets the swap PTE and changes nothing; the pin's
# read swap-in restores exclusivity from the swap PTE's bit and maps the page
# writable (v6.11+, swapin.fault step 9), so it is pinned without a copy.
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title cow.c A13: R/O GUP pin on R/O-mapped exclusive page, swapped out
broken-under v5.7 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] swapped
pin h p0 A[0] ro pin longterm
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
