# SPDX-License-Identifier: GPL-2.0-only
# With swap more than half full (vm_swap_full), the allocator takes a
# slot that only the swap cache holds when it comes to it, giving the
# folio's copy up (__try_to_reclaim_swap with TTRS_ANYWAY), without the
# device being full.  A device of 16 pages has 15 slots, one cluster.
# A[0..3] go to slots 1-4 and are read back: mapped, in the swap cache,
# their slots held by it alone.  A[4..13] take slots 5-14 (14 of 15:
# more than half), A[13]'s is freed, A[14] takes slot 15, the last.
# For A[15], 6.18 finds no next offset in the cluster and scans it from
# its start (cluster_alloc_swap_entry: the fragmented cluster;
# cluster_scan_range, cluster_reclaim_range): slot 1, A[0] leaves the
# swap cache.  6.12 scans a rotational device from its lowest free slot
# (scan_swap_map_slots): slot 14, the one freed, and A[0] stays in the
# swap cache (vm:6.12 shows it), so the file is broken under v6.12.
title swap file: half-full swap takes a cache-only slot on the way (6.18)
requires swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
swapdev file pages 16
mmap p0 A 16
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
swapout p0 A[0..3]
read p0 A[0]
read p0 A[1]
read p0 A[2]
read p0 A[3]
expect p0 A[0] swapcache
write p0 A[4] 0x1004
write p0 A[5] 0x1005
write p0 A[6] 0x1006
write p0 A[7] 0x1007
write p0 A[8] 0x1008
write p0 A[9] 0x1009
write p0 A[10] 0x100a
write p0 A[11] 0x100b
write p0 A[12] 0x100c
write p0 A[13] 0x100d
swapout p0 A[4..13]
expect p0 A[4] swap-offset 5
expect p0 A[13] swap-offset 14
madvise p0 A[13] dontneed
write p0 A[14] 0x100e
swapout p0 A[14]
expect p0 A[14] swap-offset 15
expect p0 A[0] swapcache
write p0 A[15] 0x100f
swapout p0 A[15]
expect p0 A[15] swap-offset 1
expect p0 A[0] !swapcache
expect p0 A[1] swapcache
expect p0 A[15] == 0x100f
check
