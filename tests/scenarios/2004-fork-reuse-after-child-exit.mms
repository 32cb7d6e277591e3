# SPDX-License-Identifier: GPL-2.0-only
# Once the child has exited, the previously-shared page is referenced only by
# the parent's R/O PTE: a write reuses it without copying and sets
# PG_anon_exclusive again (wp.reuse-check; summary table "write fault, PTE
# R/O, P !AE, ref==1").
title parent reuses a previously shared page after the child exits
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
exit c1
expect p0 A[0] mapcount 1
expect p0 A[0] readonly
expect p0 A[0] !exclusive
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x2222
check
