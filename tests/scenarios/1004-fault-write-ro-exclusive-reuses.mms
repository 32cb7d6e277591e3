# SPDX-License-Identifier: GPL-2.0-only
# A write fault on a R/O PTE whose page is PG_anon_exclusive reuses the page
# without any refcount check (R2.3 step 4, cheat-sheet "write fault, PTE
# R/O, P AE"). The R/O exclusive PTE is produced by an unsharing R/O pin
# (R4.8) on a previously-shared page; the pin is dropped before the write.
title write fault on a read-only exclusive page reuses it
requires gup_test
mmap p0 A 1
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
exit c1
pin h p0 A[0] ro pin
unpin h
expect p0 A[0] is orig
expect p0 A[0] exclusive
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect p0 A[0] is orig
expect p0 A[0] writable
expect p0 A[0] exclusive
expect p0 A[0] == 0x2222
check
