# SPDX-License-Identifier: GPL-2.0-only
# zram is non-rotational: its slots are allocated by clusters of 512
# (mm/swapfile.c: cluster_alloc_swap_entry).  The first cluster holds the
# header (slot 0), so it starts on the nonfull list; 6.18 takes a nonfull
# cluster before a free one ("mm, swap: prefer nonfull over free
# clusters"), so the first page goes to slot 1, the next ones after it,
# and a freed slot is not taken again while the cluster goes on.  6.12
# takes a free cluster first: slot 512 (vm:6.12 shows it), so the file is
# broken under v6.12 and older.
title zram: the first slots are beside the header (6.18)
requires swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
swapdev sync
mmap p0 A 8
write p0 A[0] 0x2000
write p0 A[1] 0x2001
write p0 A[2] 0x2002
swapout p0 A[0..2]
expect p0 A[0] swap-offset 1
expect p0 A[1] swap-offset 2
expect p0 A[2] swap-offset 3
madvise p0 A[0] dontneed
write p0 A[3] 0x2003
swapout p0 A[3]
expect p0 A[3] swap-offset 4
expect p0 A[2] == 0x2002
check
