# SPDX-License-Identifier: GPL-2.0-only
# KSM merges identical pages of a MADV_MERGEABLE region into one KSM page
# (ksm.merge, ksm.write-protect, ksm.replace): both PTEs map it R/O, it is
# never exclusive (ae.meaning), and the contents are unchanged. A page with
# other contents is left alone. The live kernel needs two passes to merge (a
# page must not change between passes); the model merges in one `ksm`
# statement.
title ksm: identical pages merge into one R/O KSM page
requires ksm
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[1] 0x1111
write p0 A[2] 0x2222
madvise p0 A mergeable
ksm
expect p0 A[0] ksm
expect p0 A[1] ksm
expect p0 A[1] same p0 A[0]
expect p0 A[0] mapcount 2
expect p0 A[0] !exclusive
expect p0 A[0] readonly
expect p0 A[1] readonly
expect p0 A[0] == 0x1111
expect p0 A[1] == 0x1111
expect p0 A[2] !ksm
expect p0 A[2] exclusive
expect p0 A[2] writable
check
