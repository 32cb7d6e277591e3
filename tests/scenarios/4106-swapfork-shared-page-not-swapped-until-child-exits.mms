# SPDX-License-Identifier: GPL-2.0-only
# A page shared after fork is mapped twice, so MADV_PAGEOUT skips it
# (madv.pageout). Once the child exits it is mapped once but still not
# exclusive: it is swapped out without the exclusive bit and comes back R/O
# (obs.swapin-swap-file pg2: no marker, stays !AE, same PFN).
title swap+fork: shared page skipped by pageout; later swapped without the bit
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
swapout p0 A
expect p0 A[0] present
expect p0 A[0] mapcount 2
swapout c1 A
expect c1 A[0] present
exit c1
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] is L
expect p0 A[0] !exclusive
expect p0 A[0] readonly
check
