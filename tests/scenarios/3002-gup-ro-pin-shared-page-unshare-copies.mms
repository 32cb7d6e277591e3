# SPDX-License-Identifier: GPL-2.0-only
# A R/O FOLL_PIN on a COW-shared page triggers FAULT_FLAG_UNSHARE: the page
# has another reference (the child's PTE), so the parent gets a new exclusive
# copy that stays mapped read-only (gup.must-unshare, gup.pin-fault, wp.copy,
# I10). The parent's later write reuses the pinned copy, so the pin stays
# coherent.
title R/O pin of a COW-shared page unshares by copying
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h p0 A[0] ro pin
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
expect p0 A[0] mapcount 1
expect c1 A[0] is orig
expect c1 A[0] !exclusive
expect c1 A[0] mapcount 1
expect h == 0x1111
write p0 A[0] 0x2222
expect p0 A[0] writable
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
check
