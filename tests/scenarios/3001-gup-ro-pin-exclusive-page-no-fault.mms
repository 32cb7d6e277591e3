# SPDX-License-Identifier: GPL-2.0-only
# A R/O FOLL_PIN on a writable exclusive page pins it directly: no fault,
# no unshare, no state change (summary table "pin R/O, P AE or PTE RW").
# Later user writes are visible through the pin.
title R/O pin of an exclusive writable page
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] ro pin
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
expect h == 0x1111
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
unpin h
expect p0 A[0] is L
expect p0 A[0] exclusive
check
