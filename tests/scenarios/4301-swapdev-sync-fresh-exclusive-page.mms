# SPDX-License-Identifier: GPL-2.0-only
# On a zram-like SWP_SYNCHRONOUS_IO device the write completes at once and
# reclaim frees the page (reclaim.folio). A swap-in of a slot with one user
# skips the swap cache: a fresh page, certainly exclusive, mapped writable
# even on a read (swapin.fault steps 2, 6, 9; obs.swapin-zram: new PFN, AE=1).
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swapdev sync: swap-in gives a fresh exclusive page
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev sync
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x1111
write p0 A[0] 0x2222
label M p0 A[0]
swapout p0 A
write p0 A[0] 0x3333
expect p0 A[0] isnot M
expect p0 A[0] exclusive
check
