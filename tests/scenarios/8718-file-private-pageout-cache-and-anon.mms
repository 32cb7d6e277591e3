# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a private file mapping: the page cache page, clean, is
# dropped (none), the anon COW copy goes to swap as any anon page,
# exclusive bit and all.
title file private pageout: cache page dropped, anon copy swapped
requires swap
broken-under v5.19,swp_exclusive=off
mmap p0 P 2 file private
read p0 P[0]
write p0 P[1] 0x9
swapout p0 P
expect p0 P[0] none
expect p0 P[1] swapped
expect p0 P[1] == 0x9
expect p0 P[1] exclusive
