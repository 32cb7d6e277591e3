# SPDX-License-Identifier: GPL-2.0-only
# A PROT_READ private mapping is still a COW mapping: fork clears
# PG_anon_exclusive. mprotect(RW) afterwards cannot upgrade a non-exclusive
# page (mprotect.upgrade), so writes COW (child) or reuse once sole owner
# (parent).
title fork of a read-only mapping, then mprotect back to read-write
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
mprotect p0 A ro
expect p0 A[0] exclusive
fork p0 c1
expect p0 A[0] !exclusive
expect c1 A[0] same p0 A[0]
mprotect c1 A rw
expect c1 A[0] readonly
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
mprotect p0 A rw
expect p0 A[0] readonly
write p0 A[0] 0x3333
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect c1 A[0] == 0x2222
check
