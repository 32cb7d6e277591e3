# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child with mprotect() optimization" with a
# PTE-mapped THP: as 8060, with the THP PTE-mapped first (split) and the
# parent's mprotect RO/RW before its write, which must not make the shared
# page writable (can_change_pte_writable wants PageAnonExclusive).  The
# write copies; the pipe keeps the old data.
title THP: vmsplice + unmap in child, PTE-mapped THP, mprotect RO/RW
requires thp vmsplice
mmap p0 A 512 thp
write p0 A[2] 0x1111
split p0 A[1]
label orig p0 A[2]
fork p0 c1
pin h c1 A[2] ro get
munmap c1 A
expect p0 A[2] mapcount 1
expect p0 A[2] !pmd
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[2] readonly
write p0 A[2] 0x2222
expect p0 A[2] isnot orig
expect p0 A[2] == 0x2222
expect h == 0x1111
unpin h
exit c1
check
