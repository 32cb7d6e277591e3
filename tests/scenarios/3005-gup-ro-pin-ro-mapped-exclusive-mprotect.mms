# SPDX-License-Identifier: GPL-2.0-only
# Historical bug.ro-pin-stale-exclusive: R/O pin of an exclusive page while
# the VMA is PROT_READ, then mprotect(RW) and write. The page is
# PG_anon_exclusive, so the pin takes it as is and mprotect maps it writable
# at once (mprotect.upgrade); the write lands in the pinned page.
title R/O pin on a PROT_READ exclusive page survives mprotect and write
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
pin h p0 A[0] ro pin longterm
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] readonly
mprotect p0 A rw
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
check
