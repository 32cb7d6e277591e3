# SPDX-License-Identifier: GPL-2.0-only
# Cluster readahead reads slots, not addresses (mm/swap_state.c:
# swap_cluster_readahead), so which page a fault brings back with its own
# follows where the allocator put it.  A's 64 zero-filled pages take
# slots 1-64 and leave memory (zeromap, v6.12+); A[40] is zapped, which
# frees slot 41.  B[0], swapped out next, goes to slot 65 after the last
# one (docs/kernel-rules.md swap.alloc), not to slot 41.  The faults on
# slots 9, 17, 25 and 33 bring the machine-wide readahead history to a
# known state (4015): then the fault on slot 63 reads it alone, and the
# one on slot 64, next to it with no hit, reads the aligned block of 2,
# slots 64-65: B[0] comes into the swap cache unmapped.
title swap file: readahead brings back the page the allocator put next
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev file
mmap p0 A 64
mmap p0 B 1
mlock p0 A
munlock p0 A
mlock p0 B
munlock p0 B
swapout p0 A
madvise p0 A[40] dontneed
swapout p0 B
expect p0 A[63] swap-offset 64
expect p0 B[0] swap-offset 65
expect p0 B[0] !swapcache
read p0 A[8]
read p0 A[16]
read p0 A[24]
read p0 A[32]
read p0 A[62]
expect p0 A[63] !swapcache
expect p0 B[0] !swapcache
read p0 A[63]
expect p0 B[0] swapcache
expect p0 B[0] swapped
expect p0 B[0] == 0
check
