# SPDX-License-Identifier: GPL-2.0-only
# GUP-fast cannot unshare: a R/O pin meeting a R/O PTE of a non-exclusive
# anon page aborts the fast walk (gup.fast gup_must_unshare) and the slow path
# unshares. Outcome of the fast pin (B) equals the slow pin (A).
title R/O GUP-fast pin of a shared page falls back to unsharing
requires gup_test
mmap p0 A 1
mmap p0 B 1
write p0 A[0] 0x1111
write p0 B[0] 0x1111
label origA p0 A[0]
label origB p0 B[0]
fork p0 c1
pin ha p0 A[0] ro pin
pin hb p0 B[0] ro pin fast
expect p0 A[0] isnot origA
expect p0 B[0] isnot origB
expect p0 A[0] exclusive
expect p0 B[0] exclusive
expect p0 A[0] readonly
expect p0 B[0] readonly
write p0 A[0] 0x2222
write p0 B[0] 0x2222
expect ha == 0x2222
expect hb == 0x2222
expect c1 B[0] == 0x1111
unpin ha
unpin hb
check
