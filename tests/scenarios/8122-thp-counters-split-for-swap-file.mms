# SPDX-License-Identifier: GPL-2.0-only
# Splits counted when reclaim splits THPs for a swap file
# (split_folio_to_list): each size's split, thp_split_page for the PMD
# size.  The split unmaps an mTHP PTE by PTE (try_to_migrate_one), so
# midway the folio is partially mapped and counts split_deferred; a PMD
# THP is unmapped by its PMD at once, which counts nothing there.
title THP counters: a split for swap counts split, and split_deferred for an mTHP
requires swap
thp-sizes 2M 64K
mmap p0 A 512 thp
mmap p0 B 16 thp
write p0 A[0] 0x1111
write p0 B[0] 0x2222
swapout p0 A
swapout p0 B
expect p0 B[0] swapped
expect thp-counter 64K split 1
expect thp-counter 2M split 1
expect thp-counter thp_split_page 1
expect thp-counter 64K split_deferred 1
expect thp-counter 2M split_deferred 0
expect thp-counter thp_deferred_split_page 0
check
