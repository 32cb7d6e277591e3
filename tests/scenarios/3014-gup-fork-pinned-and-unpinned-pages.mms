# SPDX-License-Identifier: GPL-2.0-only
# Only the maybe-pinned page is copied at fork; its unpinned neighbour in
# the same VMA is shared and write-protected as usual (fork.present decides per
# page).
title fork copies the pinned page and shares its neighbour
requires iouring
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
label a1 p0 A[1]
pin h p0 A[1] rw pin longterm
fork p0 c1
expect c1 A[0] same p0 A[0]
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect c1 A[1] !same p0 A[1]
expect p0 A[1] is a1
expect p0 A[1] writable
expect p0 A[1] exclusive
dma-write h 0x3333
expect p0 A[1] == 0x3333
expect c1 A[1] == 0x1111
unpin h
check
