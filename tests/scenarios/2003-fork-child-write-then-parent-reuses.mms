# SPDX-License-Identifier: GPL-2.0-only
# COW can break either way: the child writes first and gets a copy; the
# original is then referenced only by the parent's PTE, so the parent's
# write reuses it and re-marks it exclusive (wp.reuse-check refcount == 1).
title child copies first, then the parent reuses the original
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
expect c1 A[0] exclusive
expect c1 A[0] writable
expect p0 A[0] is orig
expect p0 A[0] mapcount 1
expect p0 A[0] !exclusive
expect p0 A[0] readonly
write p0 A[0] 0x3333
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x3333
expect c1 A[0] == 0x2222
check
