# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW" with huge zeropage (run_with_huge_zeropage, test_cow):
# two regions read-faulted to the huge zero page; a write to one must not
# show in the other.  Since v6.13 a write fault on the huge zero PMD
# allocates a fresh PMD-size THP for the whole 2 MiB (do_huge_pmd_wp_page
# -> do_huge_zero_wp_pmd) instead of splitting the PMD into PTEs of the
# zero page and copying one page, as v6.12 did: the written region is an
# exclusive PMD-mapped THP, zero except the page written; the other region
# keeps the huge zero page.
title THP: a write to the huge zero page maps a new THP, the other mapping keeps zeros
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1 v6.12
requires thp
mmap p0 A 512 thp
mmap p0 S 512 ro thp
read p0 A[0]
read p0 S[0]
expect p0 A[0] same p0 S[0]
write p0 A[3] 0xffff
expect p0 A[3] thp
expect p0 A[3] pmd
expect p0 A[3] exclusive
expect p0 A[0] !zeropage
expect p0 A[0] pmd
expect p0 A[0] == 0
expect p0 A[3] == 0xffff
# the other mapping: still the huge zero page
expect p0 S[3] zeropage
expect p0 S[3] pmd
expect p0 S[3] == 0
check
