# SPDX-License-Identifier: GPL-2.0-only
# A zero-filled page is not written to a swap file: v6.12 only notes it
# in the device's zeromap, starts no writeback, and frees the page at
# once (mm/page_io.c swap_writepage).  The swap-in reads a new page, and
# the swap PTE's exclusive bit makes it exclusive (origin.swp-exclusive).
# Before v6.12 the page is written out like any other and, on a swap
# file, stays in the swap cache, so swap-in maps it again (vm:6.1 does).
title swap: a zero-filled page is freed at swap-out, not kept in the cache
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 1
write p0 A[0] 0
label orig p0 A[0]
swapout p0 A[0]
read p0 A[0]
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
