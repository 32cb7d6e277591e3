# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a 64K mTHP swapped out to zram
# (THP_RUN_PTE_SWAPOUT on a machine whose swap is zram): the folio goes
# to swap whole, one slot per page (THP_SWAP); fork shares every slot, so
# the parent's write finds a slot with two users and swaps one page in
# through the swap cache (no large swap-in), shared, then copies it; the
# child still reads the old data from its slot.
title mTHP 64K: COW after fork of an mTHP swapped out to zram
requires swap
swapdev sync
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[2] 0x2222
split p0 A[1]
swapout p0 A
expect p0 A[1] swapped
expect p0 A[2] swapped
fork p0 c1
write p0 A[2] 0xffff
expect p0 A[2] exclusive
expect p0 A[2] order 0
expect p0 A[2] == 0xffff
expect c1 A[2] == 0x2222
expect c1 A[0] == 0x1111
exit c1
check
