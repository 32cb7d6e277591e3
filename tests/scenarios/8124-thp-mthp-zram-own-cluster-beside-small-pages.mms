# SPDX-License-Identifier: GPL-2.0-only
# Small pages and a 64 KiB mTHP share a zram device by clusters: a
# cluster serves allocations of one order (mm/swapfile.c:
# cluster_alloc_swap_entry, cluster_is_usable).  On 6.18 A[0] goes to
# slot 1, beside the header in the first cluster (nonfull before free);
# the mTHP, which that cluster of order 0 cannot serve, takes a free
# cluster, the second: slots 512-527, the first page's slot first; A[1]
# goes on in the first cluster, slot 2.  6.12 takes a free cluster for
# each order: A[0] in 512, the mTHP in 1024, A[1] in 513 (vm:6.12 shows
# it, so the file is broken under v6.12).
title zram: an mTHP takes a cluster of its own, small pages go on in theirs
requires swap thp
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
swapdev sync
thp-sizes 64K
mmap p0 A 2
mmap p0 B 16 thp
write p0 A[0] 0x4000
write p0 A[1] 0x4001
write p0 B[0] 0x5000
write p0 B[1] 0x5001
write p0 B[2] 0x5002
write p0 B[3] 0x5003
write p0 B[4] 0x5004
write p0 B[5] 0x5005
write p0 B[6] 0x5006
write p0 B[7] 0x5007
write p0 B[8] 0x5008
write p0 B[9] 0x5009
write p0 B[10] 0x500a
write p0 B[11] 0x500b
write p0 B[12] 0x500c
write p0 B[13] 0x500d
write p0 B[14] 0x500e
write p0 B[15] 0x500f
expect p0 B[0] order 4
swapout p0 A[0]
swapout p0 B
swapout p0 A[1]
expect thp-counter 64K swpout 1
expect p0 A[0] swap-offset 1
expect p0 B[0] swap-offset 512
expect p0 B[15] swap-offset 527
expect p0 A[1] swap-offset 2
expect p0 B[15] == 0x500f
expect p0 A[1] == 0x4001
check
