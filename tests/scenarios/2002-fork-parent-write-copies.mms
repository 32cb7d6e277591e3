# SPDX-License-Identifier: GPL-2.0-only
# After fork the parent's write finds a shared page (refcount 2) and copies
# it: the parent gets a new exclusive writable page, the child keeps the
# original, now mapped once (wp.reuse-check, wp.copy; summary table "write
# fault, PTE R/O, P !AE, otherwise").
title parent write after fork copies the page
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
write p0 A[0] 0x2222
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
expect c1 A[0] is orig
expect c1 A[0] readonly
expect c1 A[0] !exclusive
expect c1 A[0] mapcount 1
expect p0 A[0] == 0x2222
expect c1 A[0] == 0x1111
check
