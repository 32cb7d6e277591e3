# SPDX-License-Identifier: GPL-2.0-only
# On a zram-like device, a slot shared after fork has two users, so the
# swap-in cannot bypass the swap cache (swapin.fault step 2): the page is read
# into the swap cache and mapped R/O, not exclusive (obs.swapin-zram: "with a
# swap slot shared across fork, the swap cache is used and the page comes back
# AE=0"). The child's read maps the same page; a write copies.
title swapdev sync: a slot shared after fork goes through the swap cache
requires swap
swapdev sync
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
read p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
label S p0 A[0]
read c1 A[0]
expect c1 A[0] is S
expect c1 A[0] mapcount 2
write p0 A[0] 0x2222
expect p0 A[0] isnot S
expect p0 A[0] exclusive
expect c1 A[0] == 0x1111
check
