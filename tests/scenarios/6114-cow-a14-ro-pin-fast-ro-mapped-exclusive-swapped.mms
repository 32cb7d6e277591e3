# SPDX-License-Identifier: GPL-2.0-only
# cow.c A14 "R/O GUP-fast pin on R/O-mapped exclusive page" with swapped
# out base page: GUP-fast falls back on the swap PTE (gup.fast); the slow
# path swaps the page in exclusive, R/O with soft-dirty tracking on after
# clear-refs (do_swap_page: pte_needs_soft_dirty_wp), and pins it.
# Outcome equals A13.
title cow.c A14: R/O GUP-fast pin on R/O-mapped exclusive page, swapped out
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] swapped
pin h p0 A[0] ro pin longterm fast
expect p0 A[0] is L
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
