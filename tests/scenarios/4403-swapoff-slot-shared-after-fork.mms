# SPDX-License-Identifier: GPL-2.0-only
# swapoff of a slot that two processes share after fork: both swap PTEs are
# replaced by the same page, R/O and not exclusive (fork cleared the bit,
# fork.nonpresent, swapoff.unuse), mapcount 2. A write copies; the last sharer
# reuses.
title swapoff: a slot shared after fork maps one page in both
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
fork p0 c1
swapoff
expect p0 A[0] is L
expect c1 A[0] same p0 A[0]
expect p0 A[0] mapcount 2
expect p0 A[0] !exclusive
expect c1 A[0] readonly
write c1 A[0] 0x2222
expect c1 A[0] isnot L
write p0 A[0] 0x3333
expect p0 A[0] is L
check
