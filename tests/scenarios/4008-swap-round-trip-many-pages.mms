# SPDX-License-Identifier: GPL-2.0-only
# Contents survive swap round trips. A page read back from the swap cache is
# clean (a read swap-in maps it writable but not dirty, swapin.fault step 9),
# so the next pageout has nothing to write: __remove_mapping frees it at once
# (reclaim.folio) and the next fault reads the slot into a new page, exclusive
# from the swap PTE's bit. A dirty page stays in the swap cache (swap file).
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swap: contents survive repeated swap-out; a clean page is freed at once
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x2222
write p0 A[2] 0x3333
label L1 p0 A[1]
label L2 p0 A[2]
swapout p0 A[0..1]
expect p0 A[0] swapped
expect p0 A[1] swapped
expect p0 A[2] present
read p0 A[1]
expect p0 A[1] is L1
swapout p0 A[1] A[2]
expect p0 A[1] swapped
expect p0 A[2] swapped
expect p0 A[0] == 0x1111
expect p0 A[1] == 0x2222
expect p0 A[2] == 0x3333
expect p0 A[1] isnot L1
expect p0 A[2] is L2
expect p0 A[1] exclusive
expect p0 A[1] writable
expect p0 A[2] exclusive
check
