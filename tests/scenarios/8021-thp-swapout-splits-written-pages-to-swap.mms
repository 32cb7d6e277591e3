# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a whole PMD-mapped THP: reclaim cannot give the large
# folio large swap entries on a swap file (scan_swap_map_slots wants a
# block device with clusters), so shrink_folio_list splits it
# (split_folio_to_list): the PMD becomes migration entries, every page a
# folio of its own, and the pages are mapped again, each with its own
# exclusive bit, a zero-filled one as the shared zero page
# (remap_page with RMP_USE_SHARED_ZEROPAGE, 6.12+).  Only the two written
# pages reach swap, each its own entry with the exclusive bit; swap-in
# maps an exclusive small page.  Whether the written pages left the swap
# cache at once is the swap file's asynchronous writeback, as in 40xx.
title THP: swap-out splits the THP, only written pages reach swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[300] 0x2222
expect p0 A[0] pmd
swapout p0 A
expect p0 A[0] swapped
expect p0 A[300] swapped
expect p0 A[1] zeropage
expect p0 A[511] zeropage
expect p0 A[1] !pmd
read p0 A[300]
expect p0 A[300] == 0x2222
expect p0 A[300] !thp
expect p0 A[300] exclusive
expect p0 A[300] mapcount 1
write p0 A[0] 0x3333
expect p0 A[0] exclusive
expect p0 A[0] writable
check
