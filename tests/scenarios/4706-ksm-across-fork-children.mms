# SPDX-License-Identifier: GPL-2.0-only
# KSM merges across processes: the fork child inherits the mergeable region;
# after the child's write gives it its own copy with the same contents, a KSM
# pass maps one KSM page in both (ksm.replace). Writes copy again (ksm.cow).
title ksm: identical pages of a parent and a fork child merge
requires ksm
mmap p0 A 1
madvise p0 A mergeable
write p0 A[0] 0x1111
fork p0 c1
write c1 A[0] 0x1111
expect c1 A[0] !same p0 A[0]
ksm
expect c1 A[0] same p0 A[0]
expect p0 A[0] ksm
expect p0 A[0] mapcount 2
expect c1 A[0] readonly
expect p0 A[0] readonly
label K p0 A[0]
write c1 A[0] 0x2222
expect c1 A[0] isnot K
expect c1 A[0] exclusive
expect p0 A[0] is K
expect p0 A[0] == 0x1111
check
