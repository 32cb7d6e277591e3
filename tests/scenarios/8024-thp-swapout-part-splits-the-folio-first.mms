# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of one page of a PMD-mapped THP splits the folio first
# (madvise_cold_or_pageout_pte_range: a huge PMD the range covers in
# part, split_folio), which maps its zero-filled pages to the zero page;
# then only that page goes to swap, the other written page stays mapped,
# exclusive and writable, now a small page.
title THP: swap-out of one page splits the THP first
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[5] 0x2222
swapout p0 A[5]
expect p0 A[5] swapped
expect p0 A[0] present
expect p0 A[0] !thp
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[1] zeropage
expect p0 A[5] == 0x2222
check
