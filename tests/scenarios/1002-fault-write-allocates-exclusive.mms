# SPDX-License-Identifier: GPL-2.0-only
# A write fault on a none PTE allocates a fresh zeroed page, maps it writable
# and marks it PG_anon_exclusive, mapcount 1 (fault.anon). Further writes hit
# the same page without faulting.
title write fault allocates an exclusive writable page
mmap p0 A 1
write p0 A[0] 0x1111
expect p0 A[0] present
expect p0 A[0] !zeropage
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
expect p0 A[0] == 0x1111
label L p0 A[0]
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] == 0x2222
check
