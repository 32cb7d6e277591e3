# SPDX-License-Identifier: GPL-2.0-only
# cow.c A6 "vmsplice() + unmap in parent after fork()": the parent
# vmsplice()s the already COW-shared page (FOLL_GET does not unshare,
# gup.get) and unmaps it; the child's write must copy, so the pipe keeps the
# old data.
title cow.c A6: vmsplice + unmap in parent after fork
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h p0 A[0] ro get
expect p0 A[0] is orig
munmap p0 A
expect c1 A[0] mapcount 1
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
exit c1
expect h == 0x1111
unpin h
check
