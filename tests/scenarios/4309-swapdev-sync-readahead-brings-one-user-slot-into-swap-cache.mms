# SPDX-License-Identifier: GPL-2.0-only
# Swap readahead on a SWP_SYNCHRONOUS_IO device.  Only a slot with one
# user skips the swap cache (do_swap_page); a fault on a slot that fork
# shares goes through swapin_readahead, whose VMA readahead reads the
# slots of the neighbouring swap PTEs into the swap cache as well: a fresh
# VMA's first window is 8 pages (swap_vma_ra_win), centred on A[1] and cut
# at the VMA's start, A[0..5].  A[5]'s slot has one user when the parent
# faults on it (the child unmapped it), but the page is in the swap cache:
# no fresh page, and fork cleared the exclusive bit of the parent's swap
# PTE, so it is mapped R/O and not exclusive.  A[6], outside the window,
# gets a fresh exclusive page, as in 4302.
# The window depends on the VMA's history (4311-4313), on page-cluster
# (the kernel backend sets the model's 3) and on where the PMD boundaries
# are (the agent's regions start on one, as the model's).
# Before v6.11 the swap-in maps A[6] writable only on a write fault.
title swapdev sync: readahead puts a one-user slot in the swap cache
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev sync
mmap p0 A 8
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
write p0 A[4] 0x1004
write p0 A[5] 0x1005
write p0 A[6] 0x1006
write p0 A[7] 0x1007
swapout p0 A
fork p0 c1
munmap c1 A[2..7]
read p0 A[1]
expect p0 A[1] !exclusive
read p0 A[5]
expect p0 A[5] !exclusive
expect p0 A[5] readonly
read p0 A[6]
expect p0 A[6] exclusive
expect p0 A[6] writable
write p0 A[5] 0x2005
expect p0 A[5] exclusive
check
