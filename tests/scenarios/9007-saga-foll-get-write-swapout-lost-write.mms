# SPDX-License-Identifier: GPL-2.0-only
# The origin.swp-exclusive thread's lost write (bug.foll-get-swapout-lost-write): an O_DIRECT read
# into an anon buffer holds a FOLL_GET|FOLL_WRITE reference; reclaim swaps the
# page out (it stays in the swap cache because of the reference).  The process
# touches the page, then writes: without a way to remember exclusivity, the
# swapped-in page is not known to be exclusive and the write copies, so the
# device's data lands in a page the process no longer maps.  Fixed by the
# swap-PTE exclusive bit (v5.19) - not on architectures without it.
title saga: FOLL_GET|FOLL_WRITE + swap-out loses the device's write
requires swap
broken-under v5.9 v5.18 v5.19,swp_exclusive=off
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] rw get
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
write p0 A[0] 0x2222
dma-write h 0x3333
expect p0 A[0] == 0x3333
unpin h
