# SPDX-License-Identifier: GPL-2.0-only
# cow.c A6 "vmsplice() + unmap in parent after fork()" with swapped out base
# page: fork shares the swap slot; the parent's vmsplice swaps the page in R/O
# and not exclusive (the bit was cleared, fork.nonpresent) and FOLL_GET does
# not unshare (gup.get). The child's write swap-in copies.
title cow.c A6: vmsplice + unmap in parent after fork, swapped out
requires swap vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
pin h p0 A[0] ro get
expect p0 A[0] is orig
expect p0 A[0] !exclusive
expect p0 A[0] readonly
munmap p0 A
expect c1 A[0] swapped
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
exit c1
expect h == 0x1111
unpin h
check
