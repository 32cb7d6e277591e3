# SPDX-License-Identifier: GPL-2.0-only
# A FOLL_GET reference (vmsplice) does not stop swap-out: the PTE becomes a
# swap PTE (reclaim.unmap), but __remove_mapping sees the extra reference and
# the page stays in the swap cache (reclaim.folio). On a zram-like device
# (sync), where the page would otherwise be freed, the swap-in maps that same
# page, exclusive from the swap PTE's bit; the pipe still sees it.
title swap+GUP: a FOLL_GET page is swapped out but stays in the swap cache
requires swap vmsplice
swapdev sync
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
pin h p0 A[0] ro get
swapout p0 A
expect p0 A[0] swapped
expect p0 A[1] swapped
expect h == 0x1111
read p0 A[0]
read p0 A[1]
expect p0 A[0] is L0
expect p0 A[0] exclusive
# A[1] had no extra reference: freed at swap-out, a fresh page now.
expect p0 A[1] isnot L1
expect p0 A[1] exclusive
write p0 A[0] 0x3333
expect p0 A[0] is L0
expect h == 0x3333
unpin h
check
