# SPDX-License-Identifier: GPL-2.0-only
# KSM only scans MADV_MERGEABLE regions (ksm.merge): identical pages of another
# region are never merged, neither among themselves nor with the
# mergeable region's pages.
title ksm: pages of a region that is not mergeable are never merged
requires ksm
mmap p0 A 2
mmap p0 B 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 B[0] 0x1111
write p0 B[1] 0x1111
label B0 p0 B[0]
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
expect p0 A[0] same p0 A[1]
expect p0 B[0] !ksm
expect p0 B[1] !ksm
expect p0 B[0] !same p0 B[1]
expect p0 B[0] !same p0 A[0]
expect p0 B[0] is B0
expect p0 B[0] exclusive
expect p0 B[0] writable
check
