# SPDX-License-Identifier: GPL-2.0-only
# Writing to a zero-page mapping is a COW of the zero page: a new zeroed
# exclusive page replaces the special PTE (wp.fault step 5, wp.copy need_zero;
# summary table "write fault, zero page").
title write after read replaces the zero page
mmap p0 A 2
read p0 A[0]
read p0 A[1]
expect p0 A[0] zeropage
write p0 A[0] 0x2222
expect p0 A[0] !zeropage
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
expect p0 A[0] == 0x2222
# the neighbour still maps the zero page and still reads 0
expect p0 A[1] zeropage
expect p0 A[1] == 0
check
