# SPDX-License-Identifier: GPL-2.0-only
# FOLL_GET|FOLL_WRITE (e.g. an O_DIRECT read into the buffer) write-faults
# like any write GUP (summary table "get (FOLL_GET)": a write GUP faults as a
# write): the parent copies the shared page and references its new page.
title R/W FOLL_GET on a COW-shared page write-faults and copies
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
pin h p0 A[0] rw get
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect c1 A[0] is orig
write p0 A[0] 0x2222
expect h == 0x2222
expect c1 A[0] == 0x1111
unpin h
check
