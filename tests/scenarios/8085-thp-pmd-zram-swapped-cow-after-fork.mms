# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a PMD-mapped THP swapped out to
# zram (THP_RUN_PMD_SWAPOUT on a machine whose swap is zram): the THP
# goes whole, 512 slots, every page its own swap PTE with the exclusive
# bit, zero-filled pages too (no split, no zero page); fork shares every
# slot; the parent's write swaps one page in through the swap cache and
# copies it; the child reads the old data, a zero-filled page as zero.
title THP: COW after fork of a PMD-mapped THP swapped out to zram
requires swap thp
swapdev sync
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[2] 0x2222
swapout p0 A
expect p0 A[1] swapped
expect p0 A[2] swapped
fork p0 c1
expect c1 A[2] swapped
write p0 A[2] 0xffff
expect p0 A[2] exclusive
expect p0 A[2] !thp
expect p0 A[2] == 0xffff
expect c1 A[2] == 0x2222
expect c1 A[1] == 0
expect c1 A[0] == 0x1111
exit c1
check
