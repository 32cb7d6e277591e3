# SPDX-License-Identifier: GPL-2.0-only
# RDMA without MADV_DONTFORK (bug.rdma-fork): a R/W longterm pin, then fork.
# Before v5.9 fork shared the pinned page R/O; the parent's next write
# copied it, so the device kept writing into a page only the child mapped.
# v5.9 copies maybe-pinned pages for the child at fork (origin.fork-pinned).
title saga: R/W pin (RDMA) then fork, parent writes, device writes
requires iouring
broken-under v5.7 v5.8
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] rw pin longterm
fork p0 c1
write p0 A[0] 0x2222
dma-write h 0x3333
expect p0 A[0] == 0x3333
expect c1 A[0] == 0x1111
unpin h
