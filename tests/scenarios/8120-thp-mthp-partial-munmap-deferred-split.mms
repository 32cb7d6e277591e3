# SPDX-License-Identifier: GPL-2.0-only
# Deferred split of an mTHP: munmap of part of a 64 KiB mTHP leaves the
# folio large and partially mapped, queued for deferred split
# (__folio_remove_rmap -> deferred_split_folio: split_deferred); the
# shrinker (deferred-split: drop_caches in a vm: guest) splits it, frees
# the unmapped pages and maps the zero-filled ones to the zero page
# (6.12+), the written ones keeping their data and exclusive bits.  A
# whole munmap queues nothing.  The host cannot run the shrinker for a
# scenario (drop_caches of a shared machine): a SKIP from there.
title THP: a partly unmapped mTHP is queued and split by the shrinker
requires thp
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
thp-sizes 64K
mmap p0 A 16 thp
mmap p0 B 16 thp
write p0 B[0] 1
munmap p0 B
expect thp-counter 64K split_deferred 0
write p0 A[0] 0x1111
write p0 A[9] 0x2222
munmap p0 A[12..15]
expect p0 A[0] order 4
expect thp-counter 64K split_deferred 1
expect thp-counter 64K split 0
deferred-split
expect thp-counter 64K split 1
expect p0 A[0] order 0
expect p0 A[9] order 0
expect p0 A[1] zeropage
expect p0 A[0] == 0x1111
expect p0 A[9] == 0x2222
expect p0 A[9] exclusive
check
