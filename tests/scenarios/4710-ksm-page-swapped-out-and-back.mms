# SPDX-License-Identifier: GPL-2.0-only
# A KSM page mapped twice is skipped by MADV_PAGEOUT (madv.pageout). Once a
# write has copied one mapping away it is mapped once and can be swapped out,
# never with the exclusive bit (KSM pages are never exclusive, ae.meaning).
# The swap-in finds it in the swap cache and maps the KSM page R/O again
# (swapin.fault: KSM is never treated as exclusive; ksm.cow); a write copies.
title ksm: a KSM page is swapped out and comes back as the KSM page
requires swap ksm
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x1111
madvise p0 A mergeable
ksm
label K p0 A[0]
swapout p0 A
expect p0 A[0] present
expect p0 A[1] is K
write p0 A[1] 0x2222
swapout p0 A[0]
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is K
expect p0 A[0] ksm
expect p0 A[0] readonly
write p0 A[0] 0x3333
expect p0 A[0] isnot K
expect p0 A[0] exclusive
check
