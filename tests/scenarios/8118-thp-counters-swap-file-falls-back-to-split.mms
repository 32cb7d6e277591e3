# SPDX-License-Identifier: GPL-2.0-only
# THP counters when the swap device cannot take a large folio (a swap
# file: no swap clusters, scan_swap_map_slots refuses order > 0): reclaim
# splits each folio and swaps its pages one by one, which counts
# thp_swpout_fallback for the PMD size and each size's swpout_fallback
# (shrink_folio_list), never swpout; the PMD mapping's split counts
# thp_split_pmd (a SKIP on the host, where other processes change it).
title THP counters: a swap file makes reclaim split, swpout_fallback
requires swap
thp-sizes 2M 64K
mmap p0 A 512 thp
mmap p0 B 16 thp
write p0 A[0] 0x1111
write p0 B[0] 0x2222
swapout p0 A
swapout p0 B
expect p0 A[0] swapped
expect p0 B[0] swapped
expect thp-counter thp_swpout 0
expect thp-counter thp_swpout_fallback 1
expect thp-counter 2M swpout_fallback 1
expect thp-counter 64K swpout_fallback 1
expect thp-counter 64K swpout 0
expect thp-counter thp_split_pmd 1
check
