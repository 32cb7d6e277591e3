# SPDX-License-Identifier: GPL-2.0-only
# A R/W longterm pin (io_uring fixed buffer registration) of an untouched page
# write-faults a fresh exclusive page (gup.pin-fault, fault.anon); device
# writes and user writes are visible to each other.
title R/W longterm pin of an untouched page and DMA in both directions
requires iouring
mmap p0 A 1
pin h p0 A[0] rw pin longterm
expect p0 A[0] !zeropage
expect p0 A[0] exclusive
expect p0 A[0] writable
expect h == 0
dma-write h 0x4444
expect p0 A[0] == 0x4444
write p0 A[0] 0x5555
expect h == 0x5555
unpin h
check
