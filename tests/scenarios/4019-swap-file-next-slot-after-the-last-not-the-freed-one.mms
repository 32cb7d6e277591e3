# SPDX-License-Identifier: GPL-2.0-only
# The swap allocator goes on from where it stopped, not back to the
# lowest free slot: after slot 2 was freed, the next page swapped out
# goes to slot 5.  6.18 takes the next offset of the device's cluster
# (mm/swapfile.c: cluster_alloc_swap_entry, si->global_cluster for a
# rotational device, which this machine's swap file is on); 6.12 scans
# a rotational device linearly from cluster_next (scan_swap_map_slots).
# Slot 0 is the header.  The offsets are pagemap's (`swap-offset`).
title swap file: the next slot follows the last one, not the freed one
requires swap
swapdev file
mmap p0 A 8
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
swapout p0 A[0..3]
expect p0 A[0] swap-offset 1
expect p0 A[1] swap-offset 2
expect p0 A[2] swap-offset 3
expect p0 A[3] swap-offset 4
# The swap PTE goes, and with it the slot (free_swap_and_cache).
madvise p0 A[1] dontneed
write p0 A[4] 0x1004
swapout p0 A[4]
expect p0 A[4] swap-offset 5
write p0 A[5] 0x1005
swapout p0 A[5]
expect p0 A[5] swap-offset 6
expect p0 A[4] == 0x1004
check
