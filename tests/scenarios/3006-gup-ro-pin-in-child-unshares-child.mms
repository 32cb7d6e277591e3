# SPDX-License-Identifier: GPL-2.0-only
# The child takes the R/O pin on the COW-shared page: the child gets the
# exclusive copy (gup.pin-fault), the original is left to the parent alone,
# and the parent's write reuses it (wp.reuse-check). Neither side leaks into
# the other.
title R/O pin in the child unshares the child's mapping
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h c1 A[0] ro pin longterm
expect c1 A[0] isnot orig
expect c1 A[0] exclusive
expect c1 A[0] readonly
expect p0 A[0] is orig
expect p0 A[0] mapcount 1
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect h == 0x1111
write c1 A[0] 0x3333
expect h == 0x3333
expect p0 A[0] == 0x2222
unpin h
check
