# SPDX-License-Identifier: GPL-2.0-only
# After the child unmapped it, the previously-shared page is referenced only
# by the parent's R/O PTE: the unshare fault of a R/O pin reuses it, sets
# PG_anon_exclusive and keeps the PTE read-only (wp.fault step 4 UNSHARE,
# gup.pin-fault).
title R/O pin of a previously shared page reuses it
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
munmap c1 A
expect p0 A[0] !exclusive
pin h p0 A[0] ro pin
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect p0 A[0] writable
expect h == 0x2222
unpin h
check
