# SPDX-License-Identifier: GPL-2.0-only
# A R/W FOLL_PIN on a COW-shared page write-faults first (gup.pin-fault): the
# parent copies (refcount 2) and pins its new exclusive writable page; DMA
# writes reach the parent only.
title R/W pin of a COW-shared page write-faults and copies
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h p0 A[0] rw pin
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect c1 A[0] is orig
dma-write h 0x3333
expect p0 A[0] == 0x3333
expect c1 A[0] == 0x1111
unpin h
check
