# SPDX-License-Identifier: GPL-2.0-only
# A read swap-in maps an exclusive page writable (v6.11+, swapin.fault step
# 9), so the next store takes no fault; the hardware sets the PTE's dirty bit,
# and the next swap-out moves it to the folio (reclaim.unmap) and writes the
# page again. The store must not be lost behind the stale copy in the slot.
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swap: a store without a fault after read swap-in is written out again
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
read p0 A[0]
expect p0 A[0] writable
write p0 A[0] 0x2222
swapout p0 A
expect p0 A[0] swapped
expect p0 A[0] == 0x2222
expect p0 A[0] is L
check
