# SPDX-License-Identifier: GPL-2.0-only
# MADV_COLLAPSE of a block with swapped pages reads them in first
# (__collapse_huge_page_swapin: MADV_COLLAPSE has no max_ptes_swap), then
# copies everything into the new THP: the swap slots go, the zero-page
# PTEs the swap-out's split left become zeroed pages of the THP.
title THP: MADV_COLLAPSE reads swapped pages in and collapses
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires thp swap
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[7] 0x7777
swapout p0 A
expect p0 A[7] swapped
expect p0 A[1] zeropage
madvise p0 A collapse
expect p0 A[7] pmd
expect p0 A[7] exclusive
expect p0 A[7] == 0x7777
expect p0 A[0] == 0x1111
expect p0 A[1] == 0
check
