# SPDX-License-Identifier: GPL-2.0-only
# A write fault on a R/O PTE whose page is PG_anon_exclusive reuses the page
# without any refcount check (wp.fault step 4, summary table "write fault, PTE
# R/O, P AE"). The R/O exclusive PTE is produced by an unsharing R/O pin
# (gup.pin-fault) on a previously-shared page; the pin is dropped before the
# write.
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
