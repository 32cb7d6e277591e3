# SPDX-License-Identifier: GPL-2.0-only
# cow.c A3 "vmsplice() + unmap in child" (CVE-2020-29374) with swapped out
# base page: bug.cve-2020-29374-swap, the swap variant of bug.cve-2020-29374.
# The child's read swap-in maps the swap-cache page R/O; its pipe keeps a
# reference after munmap. The parent's write swap-in is not exclusive (fork
# cleared the bit) and the page has extra references, so it copies
# (swapin.fault steps 6-11, wp.reuse-check).
title cow.c A3: vmsplice + unmap in child, swapped out base page
requires swap vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
swapout p0 A
expect p0 A[0] swapped
fork p0 c1
# child: memcpy(old, mem); vmsplice(); munmap()
expect c1 A[0] == 0x1111
expect c1 A[0] is orig
pin h c1 A[0] ro get
munmap c1 A
expect p0 A[0] swapped
# parent: memset(mem, 0xff)
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
# child: read the pipe and compare with old
expect h == 0x1111
unpin h
exit c1
check
