# SPDX-License-Identifier: GPL-2.0-only
# MADV_UNMERGEABLE breaks every KSM page in the range with an unsharing
# fault (break_ksm, FAULT_FLAG_UNSHARE): each mapping gets an exclusive
# R/O copy (wp.copy unshare) and nothing is KSM any more; a later pass merges
# nothing, the region is no longer mergeable.
title ksm: unmergeable breaks KSM pages
requires ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
expect p0 A[1] is K
madvise p0 A unmergeable
expect p0 A[0] !ksm
expect p0 A[1] !ksm
expect p0 A[0] isnot K
expect p0 A[1] isnot K
expect p0 A[1] !same p0 A[0]
expect p0 A[0] exclusive
expect p0 A[0] readonly
expect p0 A[1] exclusive
expect p0 A[0] == 0x1111
expect p0 A[1] == 0x1111
ksm
expect p0 A[0] !ksm
expect p0 A[1] !same p0 A[0]
label L p0 A[0]
write p0 A[0] 0x2222
expect p0 A[0] is L
check
