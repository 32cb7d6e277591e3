# SPDX-License-Identifier: GPL-2.0-only
# `madvise … pageout` is what `swapout` does (MADV_PAGEOUT, madv.pageout);
# MADV_COLD only deactivates the pages and never swaps them out.
title swap: madvise pageout swaps, madvise cold does not
requires swap
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
label L0 p0 A[0]
label L1 p0 A[1]
madvise p0 A[0] cold
expect p0 A[0] present
expect p0 A[0] exclusive
madvise p0 A pageout
expect p0 A[0] swapped
expect p0 A[1] swapped
expect p0 A[0] == 0x1111
expect p0 A[1] == 0x2222
expect p0 A[0] is L0
expect p0 A[1] is L1
check
