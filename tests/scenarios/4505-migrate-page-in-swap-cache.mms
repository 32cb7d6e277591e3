# SPDX-License-Identifier: GPL-2.0-only
# A page read back from a swap file is mapped and still in the swap cache
# (obs.swapin-swap-file). Migration moves the swap cache with it (the cache's
# reference is expected, migrate.refcount): the new page is exclusive and
# writable, and it is the swap cache page of the slot, so the next pageout
# needs no new write (it is clean) and the next swap-in maps the slot's data.
title migrate: a page in the swap cache migrates with its swap cache
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
read p0 A[0]
expect p0 A[0] is L
migrate p0 A[0]
expect p0 A[0] isnot L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x1111
swapout p0 A
expect p0 A[0] swapped
expect p0 A[0] == 0x1111
expect p0 A[0] exclusive
write p0 A[0] 0x2222
swapout p0 A
expect p0 A[0] == 0x2222
check
