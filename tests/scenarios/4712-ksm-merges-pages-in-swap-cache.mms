# SPDX-License-Identifier: GPL-2.0-only
# Pages read back from a swap file are mapped and still in the swap cache. KSM
# accounts for the swap cache's reference (ksm.write-protect: mapcount + 1 +
# swapcache) and merges them; the replaced page, no longer mapped, drops its
# swap cache (ksm.replace). The KSM page itself can be swapped out again once
# mapped once, and comes back as the KSM page; unmergeable then breaks it.
title ksm: pages in the swap cache merge
requires swap ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
swapout p0 A
read p0 A[0]
read p0 A[1]
ksm
expect p0 A[0] ksm
expect p0 A[1] same p0 A[0]
label K p0 A[0]
write p0 A[0] 0x2222
swapout p0 A
expect p0 A[0] swapped
expect p0 A[1] swapped
expect p0 A[1] == 0x1111
expect p0 A[1] is K
expect p0 A[1] ksm
madvise p0 A unmergeable
expect p0 A[1] !ksm
expect p0 A[1] isnot K
expect p0 A[1] == 0x1111
expect p0 A[0] == 0x2222
check
