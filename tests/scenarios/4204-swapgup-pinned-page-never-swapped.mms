# SPDX-License-Identifier: GPL-2.0-only
# A FOLL_PIN'd page is never swapped out: reclaim does not even add it to the
# swap cache (reclaim.folio), and try_to_unmap could not mark it shared
# (reclaim.unmap, I4). It stays mapped, exclusive and writable, for R/W and
# R/O pins alike; after unpin it can be swapped out.
title swap+GUP: pinned pages are never swapped out
requires swap iouring gup_test
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
pin h0 p0 A[0] rw pin longterm
pin h1 p0 A[1] ro pin longterm
swapout p0 A
expect p0 A[0] present
expect p0 A[0] is L0
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[1] present
expect p0 A[1] is L1
expect p0 A[1] exclusive
unpin h0
swapout p0 A[0]
expect p0 A[0] swapped
expect p0 A[1] present
write p0 A[1] 0x3333
expect h1 == 0x3333
unpin h1
check
