# SPDX-License-Identifier: GPL-2.0-only
# GUP-fast aborts on the zero page's special PTE (gup.fast) and the slow path
# unshares it for a longterm R/O pin (gup.must-unshare, gup.pin-fault). Fast
# (B) and slow (A) end up the same: an exclusive R/O anon page that the pin
# tracks.
title R/O longterm GUP-fast pin of the zero page falls back
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
