# SPDX-License-Identifier: GPL-2.0-only
# mprotect(RW) does not make a non-exclusive (COW-shared) page writable
# (mprotect.upgrade): the PTE stays R/O and the following write copies
# (refcount 2).
title mprotect RW keeps a COW-shared page read-only
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] readonly
expect p0 A[0] !exclusive
expect p0 A[0] is orig
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect p0 A[0] writable
expect c1 A[0] == 0x1111
check
