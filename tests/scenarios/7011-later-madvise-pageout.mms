# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a page mapped once swaps it out (R5.9).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: MADV_PAGEOUT swaps a page out
mmap p0 A 1
write p0 A[0] 0x1111
madvise p0 A pageout
expect p0 A[0] swapped
