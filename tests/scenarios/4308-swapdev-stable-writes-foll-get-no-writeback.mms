# SPDX-License-Identifier: GPL-2.0-only
# The origin.swp-exclusive thread's stable-writes corner case is "just fine" only because writeback
# never starts on a page with unexpected references: pageout() keeps a folio
# that is_page_cache_freeable() rejects (refcount beyond the isolation and the
# swap cache, 6.12 mm/vmscan.c). So the O_DIRECT FOLL_GET|FOLL_WRITE page is
# unmapped into a swap PTE with the exclusive bit but stays dirty, not under
# writeback; the write fault is exclusive, reuses the page, and the DMA write
# is not lost (reclaim.folio, swapin.stable-writes). Stated from the 6.12
# source: this machine has no stable-writes swap device.
title swapdev stable-writes: no writeback with a FOLL_GET reference, no lost write
requires swap gup_test
swapdev file stable-writes slow-writeback
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw get
swapout p0 A
expect p0 A[0] swapped
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
dma-write h 0x3333
expect p0 A[0] == 0x3333
unpin h
check
