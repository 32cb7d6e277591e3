# SPDX-License-Identifier: GPL-2.0-only
# cow.c A8 "fork() with an iouring fixed buffer" with swapped out base page:
# the R/W longterm pin swaps the page back in, exclusive (swapin.fault); fork
# then copies the pinned page for the child (fork.present), so the parent's
# write is seen through the fixed buffer.
title cow.c A8: fork with an io_uring fixed buffer, swapped out
requires swap iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
expect p0 A[0] swapped
pin h p0 A[0] rw pin longterm
expect p0 A[0] is L
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
exit c1
check
