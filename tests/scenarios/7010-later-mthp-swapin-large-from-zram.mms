# SPDX-License-Identifier: GPL-2.0-only
# mTHP swapped out to zram goes whole (THP_SWAP) and, with its size on,
# may come back whole on a fault (do_swap_page -> alloc_swap_folio on a
# SWP_SYNCHRONOUS_IO device, since 6.12): large swap-in is later work
# (issue 11), so the model refuses the swap-out.  On the kernel the page
# comes back as a 64 KiB folio when all its entries allow it.
title later work: mTHP swap-out to zram and large swap-in
requires swap
todo large swap-in of mTHPs from zram (issue 11)
swapdev sync
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
swapout p0 A
expect p0 A[1] swapped
read p0 A[0]
expect p0 A[0] == 0x1111
expect p0 A[0] exclusive
