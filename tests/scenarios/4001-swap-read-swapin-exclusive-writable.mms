# SPDX-License-Identifier: GPL-2.0-only
# Swap-out of an exclusive page leaves a swap PTE with the exclusive bit; on a
# swap file the page stays in the swap cache (obs.swapin-swap-file), so a read
# fault is a swap-cache hit that maps the same page, exclusive again
# (origin.swp-exclusive) and writable although it is a read (v6.11+, swapin.fault step 9).
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swap: read swap-in of an exclusive page: same page, exclusive, writable
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
expect p0 A[0] !present
read p0 A[0]
expect p0 A[0] present
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
# Writable already: the store takes no fault and keeps the page.
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] == 0x2222
check
