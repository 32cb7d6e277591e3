# SPDX-License-Identifier: GPL-2.0-only
# A page read back from a swap file is still in the swap cache when a R/O
# FOLL_PIN is taken (it is exclusive and writable: no unshare). Reclaim
# skips the pinned check for swap-cache folios (reclaim.folio), but try_to_unmap
# cannot mark the pinned exclusive page shared (reclaim.unmap): the PTE is
# restored, the page stays mapped and exclusive (I4). After unpin it goes.
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swap+GUP: a pinned page already in the swap cache is not unmapped
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
read p0 A[0]
pin h p0 A[0] ro pin
swapout p0 A
expect p0 A[0] present
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
write p0 A[0] 0x2222
expect h == 0x2222
unpin h
swapout p0 A
expect p0 A[0] swapped
expect p0 A[0] == 0x2222
check
