# SPDX-License-Identifier: GPL-2.0-only
# GUP-fast aborts on the zero page's special PTE (gup.fast) and the slow path
# unshares it for a longterm R/O pin (gup.must-unshare, gup.pin-fault). Fast
# (B) and slow (A) end up the same: an exclusive R/O anon page that the pin
# tracks.
# Before 6.2 (v6.1 and older) a R/O longterm pin takes the shared zero
# page itself (84209e87c696 made it unshare anything in a COW mapping).
title R/O longterm GUP-fast pin of the zero page falls back
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires gup_test
mmap p0 A 1
mmap p0 B 1
read p0 A[0]
read p0 B[0]
pin ha p0 A[0] ro pin longterm
pin hb p0 B[0] ro pin longterm fast
expect p0 A[0] !zeropage
expect p0 B[0] !zeropage
expect p0 A[0] exclusive
expect p0 B[0] exclusive
expect p0 B[0] readonly
write p0 A[0] 0x2222
write p0 B[0] 0x2222
expect ha == 0x2222
expect hb == 0x2222
unpin ha
unpin hb
check
