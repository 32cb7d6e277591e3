# SPDX-License-Identifier: GPL-2.0-only
# cow.c A3 "vmsplice() + unmap in child" (CVE-2020-29374, bug.cve-2020-29374):
# the child vmsplice()s the shared page into a pipe and unmaps it; the
# parent's write must copy (the pipe holds a reference, wp.reuse-check) so the
# pipe still holds the old data.
title cow.c A3: vmsplice + unmap in child
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
# child: memcpy(old, mem); vmsplice(); munmap()
expect c1 A[0] == 0x1111
pin h c1 A[0] ro get
munmap c1 A
expect p0 A[0] mapcount 1
# parent: memset(mem, 0xff)
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
# child: read the pipe and compare with old
expect h == 0x1111
unpin h
exit c1
check
