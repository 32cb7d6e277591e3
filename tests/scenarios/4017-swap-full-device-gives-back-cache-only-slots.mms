# SPDX-License-Identifier: GPL-2.0-only
# When a swap-out takes the last free slot of a device while swap is more
# than half full (vm_swap_full), the kernel gives back every slot that
# only the swap cache holds (mm/swapfile.c: swap_range_alloc schedules
# reclaim_work, swap_reclaim_full_clusters: __try_to_reclaim_swap with
# TTRS_ANYWAY, mapped pages too), so the next swap-out finds a slot.
# A device of 16 pages has 15 slots.  A[0..3], read back from the swap
# file, stay mapped and in the swap cache: their slots 1-4 have no swap
# PTE, only the cache.  A[4..14] take slots 5-15, the last: A[0..3]
# leave the swap cache, and A[15] goes to slot 1.
# 6.12 does this only for a device with clusters (non-rotational); with
# the swap file the device stays full and A[15] stays in memory (vm:6.12
# shows it, policy v6.12).
title swap: a device filled while swap is half full gives back cache-only slots
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires swap
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
expect p0 A[3] swapcache
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
write p0 A[14] 0x100e
swapout p0 A[4..14]
expect p0 A[14] swapped
expect p0 A[0] !swapcache
expect p0 A[1] !swapcache
expect p0 A[2] !swapcache
expect p0 A[3] !swapcache
expect p0 A[0] exclusive
write p0 A[15] 0x100f
swapout p0 A[15]
expect p0 A[15] swapped
expect p0 A[15] == 0x100f
expect p0 A[14] == 0x100e
check
