# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED of a pinned page only drops the mapping: the pin keeps the
# old page alive with its data, and later accesses fault a different page
# (gup.unpin). The pin and the mapping are no longer connected.
title MADV_DONTNEED of a pinned page keeps it alive for the pin
requires iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
madvise p0 A dontneed
expect p0 A[0] none
expect h == 0x1111
expect p0 A[0] == 0
expect p0 A[0] zeropage
write p0 A[0] 0x2222
expect p0 A[0] isnot L
expect h == 0x1111
dma-write h 0x3333
expect p0 A[0] == 0x2222
unpin h
check
