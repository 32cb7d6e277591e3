# SPDX-License-Identifier: GPL-2.0-only
# mlock populates a private writable range with FOLL_WRITE faults
# (populate_vma_page_range in mm/gup.c), and a write fault breaks COW:
# after fork the parent's mlock copies the page it shares with the child.
# The parent gets an exclusive writable copy, the child keeps the
# original, now mapped once; neither sees a change of data.
title mlock after fork gives the parent an exclusive copy
count copies
mmap p0 A 2
write p0 A[0] 0x1111
fork p0 c1
label orig p0 A[0]
expect p0 A[0] readonly
expect p0 A[0] mapcount 2
mlock p0 A
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect c1 A[0] is orig
expect c1 A[0] mapcount 1
expect p0 A[0] == 0x1111
expect c1 A[0] == 0x1111
# The untouched page was populated too, by a write fault.
expect p0 A[1] exclusive
expect p0 A[1] writable
