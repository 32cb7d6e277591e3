# SPDX-License-Identifier: GPL-2.0-only
# Two forks share one page three ways (mapcount 3). Writers copy while
# another reference remains; the last mapper reuses the original page
# (wp.reuse-check: reuse iff the faulting PTE holds the only reference).
title page shared by three processes, last writer reuses it
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
fork p0 c2
expect p0 A[0] mapcount 3
expect c2 A[0] same c1 A[0]
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect c1 A[0] mapcount 2
write c1 A[0] 0x3333
expect c1 A[0] isnot orig
expect c2 A[0] mapcount 1
write c2 A[0] 0x4444
expect c2 A[0] is orig
expect c2 A[0] exclusive
expect p0 A[0] == 0x2222
expect c1 A[0] == 0x3333
expect c2 A[0] == 0x4444
check
