# SPDX-License-Identifier: GPL-2.0-only
# A zero-filled page is not written to a swap file: v6.12 only notes it
# in the device's zeromap, starts no writeback, and frees the page at
# once (mm/page_io.c swap_writepage).  The swap-in reads a new page, and
# the swap PTE's exclusive bit makes it exclusive (origin.swp-exclusive).
title swap: a zero-filled page is freed at swap-out, not kept in the cache
requires swap
mmap p0 A 1
write p0 A[0] 0
label orig p0 A[0]
swapout p0 A[0]
read p0 A[0]
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
