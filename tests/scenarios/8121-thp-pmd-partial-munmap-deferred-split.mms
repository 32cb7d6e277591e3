# SPDX-License-Identifier: GPL-2.0-only
# Deferred split of a PMD-size THP: munmap of its upper half splits the
# PMD (thp_split_pmd) and unmaps 256 pages, so the folio is partially
# mapped (thp_deferred_split_page); the shrinker splits it
# (thp_split_page), freeing the unmapped half and mapping the lower
# half's zero-filled pages to the zero page (6.12+).  A pinned one cannot
# be split and stays queued, whole.  The host cannot run the shrinker
# for a scenario: a SKIP from there.
title THP: a half-unmapped THP is split by the shrinker, a pinned one is not
requires thp gup_test
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 512 thp
mmap p0 B 512 thp
write p0 A[0] 0x1111
write p0 B[0] 0x2222
expect p0 A[0] pmd
pin h p0 B[0] ro pin longterm
munmap p0 A[256..511]
munmap p0 B[256..511]
expect p0 A[0] !pmd
expect p0 A[0] order 9
expect thp-counter thp_split_pmd 2
expect thp-counter thp_deferred_split_page 2
deferred-split
expect thp-counter thp_split_page 1
expect p0 A[0] order 0
expect p0 A[0] == 0x1111
expect p0 A[0] exclusive
expect p0 A[1] zeropage
expect p0 B[0] order 9
expect p0 B[0] == 0x2222
expect h == 0x2222
unpin h
check
