# SPDX-License-Identifier: GPL-2.0-only
# A 64 KiB mTHP goes to swap whole only into a run of 16 slots of a
# cluster of its order or a free one (mm/swapfile.c:
# cluster_alloc_swap_entry).  A zram device of 64 pages is one cluster,
# the header's, which is on the nonfull list of order 0 from swapon
# (setup_clusters) and never serves order 4: the allocation fails and
# reclaim splits the folio (swpout_fallback), its pages going to slots
# 1-16 one by one: the first page first, then the others from the last
# down, the order in which the split adds them to reclaim's list
# (6.18 splits from the second page up and reclaim takes its list from
# the tail: the last page first; 6.12's __split_huge_page goes from the
# last down, so there the second page follows the first, vm:6.12 shows
# it: broken under v6.12, policy split_list_last_first).
title zram: no free cluster for an mTHP on a one-cluster device
requires swap thp
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
swapdev sync pages 64
thp-sizes 64K
mmap p0 B 16 thp
write p0 B[0] 0x3000
write p0 B[1] 0x3001
write p0 B[2] 0x3002
write p0 B[3] 0x3003
write p0 B[4] 0x3004
write p0 B[5] 0x3005
write p0 B[6] 0x3006
write p0 B[7] 0x3007
write p0 B[8] 0x3008
write p0 B[9] 0x3009
write p0 B[10] 0x300a
write p0 B[11] 0x300b
write p0 B[12] 0x300c
write p0 B[13] 0x300d
write p0 B[14] 0x300e
write p0 B[15] 0x300f
expect p0 B[0] order 4
swapout p0 B
expect thp-counter 64K swpout 0
expect thp-counter 64K swpout_fallback 1
expect p0 B[0] swap-offset 1
expect p0 B[15] swap-offset 2
expect p0 B[1] swap-offset 16
expect p0 B[15] == 0x300f
check
