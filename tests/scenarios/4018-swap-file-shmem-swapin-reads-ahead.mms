# SPDX-License-Identifier: GPL-2.0-only
# A shmem page's swap-in reads ahead a block of slots too
# (mm/shmem.c: shmem_swapin_cluster, swap_cluster_readahead), with the
# same machine-wide history as anonymous faults (swapin_nr_pages), and a
# shmem fault that finds a page read ahead counts a hit there
# (swap_cache_get_folio with no VMA, swap_update_readahead in 6.18).
# Zero-filled pages leave memory at swap-out (zeromap).  A[0..3] and
# S[0..3] are swapped out in turns, A[i] to slot 2i + 1 and S[i] to slot
# 2i + 2; then A[4..63] to slots 9-68 (A[i] in slot i + 5).
# As in 4015, four faults (slots 17, 25, 33, 41) bring the history to a
# known state (no hits, last window 1), then slots 49 and 50 (adjacent:
# a window of 2 reads slot 51) and 51 (a hit).
title swap file: a shmem swap-in reads ahead with the machine-wide history
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev file
mmap p0 A 64
mlock p0 A
munlock p0 A
mmap p0 S 4 shmem shared
write p0 S[0] 0
write p0 S[1] 0
write p0 S[2] 0
write p0 S[3] 0
swapout p0 A[0]
swapout p0 S[0]
swapout p0 A[1]
swapout p0 S[1]
swapout p0 A[2]
swapout p0 S[2]
swapout p0 A[3]
swapout p0 S[3]
swapout p0 A[4..63]
read p0 A[12]
read p0 A[20]
read p0 A[28]
read p0 A[36]
read p0 A[44]
read p0 A[45]
read p0 A[46]
# The hit makes the shmem fault's window 4: slots 4-7.
expect p0 A[1] !swapcache
expect p0 A[2] !swapcache
read p0 S[1]
expect p0 A[0] !swapcache
expect p0 A[1] !swapcache
expect p0 A[2] swapcache
expect p0 A[3] swapcache
# S[2] (slot 6) was read ahead: a hit, so slot 61 reads 60-63.
read p0 S[2]
read p0 A[56]
expect p0 A[54] !swapcache
expect p0 A[55] swapcache
expect p0 A[57] swapcache
expect p0 A[58] swapcache
expect p0 A[59] !swapcache
check
