# SPDX-License-Identifier: GPL-2.0-only
# The zram difference (obs.swapin-zram, pg2): a page that was not exclusive
# before swap-out (fork, child exit: no swp-exclusive bit) comes back
# exclusive and writable, because the fresh page that bypassed the swap cache
# is certainly exclusive (swapin.fault step 6). On a swap file the same steps
# give a R/O, non-exclusive page (4002).
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swapdev sync: a previously shared page comes back exclusive
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev sync
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
exit c1
expect p0 A[0] !exclusive
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] writable
check
