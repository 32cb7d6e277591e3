# SPDX-License-Identifier: GPL-2.0-only
# cow.c A4 "vmsplice() + unmap in child with mprotect() optimization": as A3,
# but the parent does mprotect RO -> RW before writing. The page is not
# exclusive, so it stays R/O (mprotect.upgrade) and the write copies
# (wp.reuse-check).
title cow.c A4: vmsplice + unmap in child with mprotect optimization
requires vmsplice
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
expect c1 A[0] == 0x1111
pin h c1 A[0] ro get
munmap c1 A
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect h == 0x1111
unpin h
exit c1
check
