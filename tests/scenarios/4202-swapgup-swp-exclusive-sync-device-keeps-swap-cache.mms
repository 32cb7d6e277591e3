# SPDX-License-Identifier: GPL-2.0-only
# The origin.swp-exclusive thread's lost write on a zram-like device (swapdev sync). Such a page is
# normally freed at swap-out, but the FOLL_GET|FOLL_WRITE reference makes
# __remove_mapping fail (reclaim.folio): it stays in the swap cache, and the
# swap-in is a cache hit (not the fresh-page bypass, swapin.fault step 2).
# Only the swap PTE's exclusive bit makes it exclusive (refcount is 3): the
# write reuses it and the DMA write is seen.
title swap+GUP: origin.swp-exclusive on a SWP_SYNCHRONOUS_IO device
requires swap gup_test
swapdev sync
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw get
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect p0 A[0] is L
dma-write h 0x3333
expect p0 A[0] == 0x3333
unpin h
check
