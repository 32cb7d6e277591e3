# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a whole PMD-mapped THP to zram (swapdev sync, a block
# device with swap clusters): add_to_swap takes the folio whole (THP_SWAP,
# a large swap entry), try_to_unmap splits the PMD and gives every page
# its own swap PTE with the exclusive bit, zero-filled pages too (no
# split, so no zero page), and the folio is freed once written.  A read
# swaps one page in, a fresh exclusive small page (SWP_SYNCHRONOUS_IO,
# one user; no large swap-in: only the PMD size is on).  The model
# splits the folio first, without the zero page, and gives the pages
# contiguous aligned slots (split_folio_for_swap), which ends the same;
# 8114 shows the slots are contiguous.
title THP: zram takes a THP whole, every page gets a swap entry
requires swap thp
swapdev sync
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[5] 0x2222
swapout p0 A
expect p0 A[0] swapped
expect p0 A[1] swapped
expect p0 A[511] swapped
read p0 A[1]
expect p0 A[1] == 0
expect p0 A[1] exclusive
expect p0 A[1] !thp
expect p0 A[5] == 0x2222
expect p0 A[5] exclusive
check
