# SPDX-License-Identifier: GPL-2.0-only
# While a rotational swap device is on (this machine's swap file sits on
# a rotational disk) a swap fault reads a block of slots around the
# faulting one into the swap cache, not a window of the VMA
# (mm/swap_state.c: swap_use_vma_readahead, swap_cluster_readahead).
# The block is aligned to its size, which swapin_nr_pages takes from
# machine-wide history: the readahead hits since the last fault (each
# doubles it, at least 4, at most 8 with page-cluster 3), 2 for a fault
# next to the previous one without hits, else 1, never below half the
# last window.
# That history is the machine's, left by whatever swapped in before, so
# the first four faults, on slots 9, 17, 25 and 33 (8-aligned blocks of
# their own, so that none hits another's readahead), bring it to a known
# state from any: no hits, a last window of 1, the last slot 33.
# The 64 zero-filled pages go to slots 1-64 in address order (A[i] in
# slot i + 1) and leave memory at swap-out (v6.12's zeromap): every fault
# then misses the swap cache.  Only the pages of slots 40 and up are
# looked at; mincore shows which swap PTEs have their page in the swap
# cache (`swapcache`).
title swap file: cluster readahead's window follows machine-wide hits
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev file
mmap p0 A 64
mlock p0 A
munlock p0 A
swapout p0 A
expect p0 A[39] swapped
expect p0 A[39] !swapcache
read p0 A[8]
read p0 A[16]
read p0 A[24]
read p0 A[32]
# Slot 41, not next to 33: a window of 1.
read p0 A[40]
expect p0 A[41] !swapcache
# Slot 42, next to 41: 2 pages, slots 42-43.
read p0 A[41]
expect p0 A[42] swapcache
expect p0 A[43] !swapcache
# A hit (slot 43, read ahead): the next window is 4, slots 48-51.
read p0 A[42]
read p0 A[48]
expect p0 A[46] !swapcache
expect p0 A[47] swapcache
expect p0 A[49] swapcache
expect p0 A[50] swapcache
expect p0 A[51] !swapcache
# No hit since, and slot 57 is not next to 42 (the last slot without
# hits): 1, but not below half of 4, so slots 56-57.
read p0 A[56]
expect p0 A[55] swapcache
expect p0 A[57] !swapcache
# Then 1: slot 62 alone.
read p0 A[61]
expect p0 A[60] !swapcache
expect p0 A[62] !swapcache
check
