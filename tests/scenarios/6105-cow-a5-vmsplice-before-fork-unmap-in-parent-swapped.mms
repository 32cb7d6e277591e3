# SPDX-License-Identifier: GPL-2.0-only
# cow.c A5 "vmsplice() before fork(), unmap in parent after fork()" with
# swapped out base page: the parent's memcpy swaps the page in (exclusive
# bit: same page, exclusive, swapin.fault), vmsplice takes a FOLL_GET reference,
# fork shares it. After the parent unmaps, the child's write copies: the
# pipe and the swap cache still hold the page (wp.reuse-check).
title cow.c A5: vmsplice before fork, unmap in parent after fork, swapped out
requires swap vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
# parent: memcpy(old, mem); vmsplice()
expect p0 A[0] == 0x1111
expect p0 A[0] is orig
expect p0 A[0] exclusive
pin h p0 A[0] ro get
fork p0 c1
expect c1 A[0] same p0 A[0]
munmap p0 A
# child: memset(mem, 0xff); exit
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
exit c1
# parent: read the pipe
expect h == 0x1111
unpin h
check
