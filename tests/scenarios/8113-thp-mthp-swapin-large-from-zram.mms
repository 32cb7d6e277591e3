# SPDX-License-Identifier: GPL-2.0-only
# An mTHP swapped out to zram goes whole (THP_SWAP: one slot per page,
# contiguous and aligned, each swap PTE with its own exclusive bit), and
# a fault on one of its pages reads it back whole while its size is on
# (do_swap_page -> alloc_swap_folio on a SWP_SYNCHRONOUS_IO device, 6.12+):
# every page mapped again, exclusive, writable.  The other mTHP of the
# region stays swapped until a write to it brings it back whole too.
title THP: an mTHP swapped out to zram comes back whole
requires swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
thp-sizes 64K
mmap p0 A 32 thp
write p0 A[0] 0x1111
write p0 A[17] 0x2222
expect p0 A[0] order 4
swapout p0 A
expect p0 A[1] swapped
expect p0 A[16] swapped
read p0 A[0]
expect p0 A[0] == 0x1111
expect p0 A[0] exclusive
expect p0 A[0] order 4
expect p0 A[15] order 4
expect p0 A[15] == 0
expect p0 A[16] swapped
write p0 A[18] 5
expect p0 A[16] order 4
expect p0 A[17] == 0x2222
expect p0 A[18] == 5
check
