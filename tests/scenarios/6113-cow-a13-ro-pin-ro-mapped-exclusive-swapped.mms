# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 "R/O GUP pin on R/O-mapped exclusive page" with swapped out base
# page: mprotect RO -> RW meets the swap PTE and changes nothing, and
# cow.c's clear_softdirty() between them (clear-refs) clears the swap PTE's
# soft-dirty bit; the pin's read swap-in restores exclusivity from the swap
# PTE's bit and, soft-dirty tracking being on, maps the page R/O
# (do_swap_page: pte_needs_soft_dirty_wp), so it is pinned without a copy
# while R/O-mapped, as the test's name says.  Under v5.8 the R/O pin breaks
# COW of the R/O PTE.
title cow.c A13: R/O GUP pin on R/O-mapped exclusive page, swapped out
broken-under v5.8 v5.9 v5.18
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
pin h p0 A[0] ro pin longterm
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
