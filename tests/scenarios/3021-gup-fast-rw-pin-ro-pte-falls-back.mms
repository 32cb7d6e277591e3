# SPDX-License-Identifier: GPL-2.0-only
# GUP-fast never handles a write to a R/O PTE (gup.fast
# pte_access_permitted): a R/W fast pin of a COW-shared page falls back to
# the slow path, which write-faults and copies, as for the slow pin (3009).
title R/W GUP-fast pin of a R/O PTE falls back to the write fault
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h p0 A[0] rw pin fast
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect c1 A[0] is orig
dma-write h 0x3333
expect p0 A[0] == 0x3333
expect c1 A[0] == 0x1111
unpin h
check
