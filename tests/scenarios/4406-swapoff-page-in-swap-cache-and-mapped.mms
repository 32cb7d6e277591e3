# SPDX-License-Identifier: GPL-2.0-only
# swapoff with a mix: a page read back (mapped, still in the swap cache) keeps
# its mapping untouched; a swapped page comes back R/O (swapoff.unuse); the
# swap cache of both is dropped, so writes need no copy.
# Before 6.11 (v6.1 and older) a swap-in on a read fault maps the page
# read-only, exclusive or not; the `writable` expectation fails there.
title swapoff: mapped swap-cache pages stay, swapped ones come back
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
swapout p0 A
read p0 A[0]
expect p0 A[0] writable
swapoff
expect p0 A[0] is L0
expect p0 A[0] writable
expect p0 A[0] exclusive
expect p0 A[1] is L1
expect p0 A[1] readonly
expect p0 A[1] exclusive
write p0 A[1] 0x3333
expect p0 A[1] is L1
check
