# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT reclaims only pages mapped exactly once (madv.pageout): a page
# shared after fork stays present in both; the shared zero page and
# untouched PTEs are left alone.
title swap: pageout skips shared pages, the zero page and holes
requires swap
mmap p0 A 4
write p0 A[0] 0x1111
write p0 A[1] 0x2222
read p0 A[2]
fork p0 c1
write p0 A[1] 0x3333
swapout p0 A
# A[0] is shared with the child: skipped.
expect p0 A[0] present
expect p0 A[0] same c1 A[0]
expect p0 A[0] mapcount 2
# A[1] was copied by the parent's write: mapped once, swapped out.
expect p0 A[1] swapped
expect c1 A[1] present
expect p0 A[2] zeropage
expect p0 A[3] none
swapout c1 A
expect c1 A[0] present
expect c1 A[1] swapped
expect c1 A[1] == 0x2222
expect p0 A[1] == 0x3333
check
