# SPDX-License-Identifier: GPL-2.0-only
# RDMA-style R/W longterm pin, then fork without MADV_DONTFORK (historical
# bug.rdma-fork). Today fork copies the pinned exclusive page into the child and
# leaves the parent's PTE writable (fork.present, MMF_HAS_PINNED, I6): DMA keeps
# landing in the parent's page.
title R/W pinned page is copied for the child at fork
requires iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
fork p0 c1
expect p0 A[0] is L
expect p0 A[0] writable
expect p0 A[0] exclusive
expect c1 A[0] !same p0 A[0]
expect c1 A[0] exclusive
expect c1 A[0] writable
expect c1 A[0] mapcount 1
expect c1 A[0] == 0x1111
dma-write h 0x3333
expect p0 A[0] == 0x3333
expect c1 A[0] == 0x1111
write p0 A[0] 0x4444
expect p0 A[0] is L
expect h == 0x4444
unpin h
check
