# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a PTE-mapped THP (THP_RUN_PTE):
# mprotect of one subpage R/O and back splits the huge PMD into PTEs
# (__split_huge_pmd_locked), each subpage keeping the head's exclusivity,
# while the folio stays one large folio.  fork then shares each PTE
# (folio_try_dup_anon_rmap_ptes) and the parent's write copies only the
# page written (wp_page_copy): the child reads the old data.
# PageAnonExclusive of a PTE-mapped tail page is not exported on the
# kernel (obs.ae-is-folio-wide): those points are unobservable there; the
# head page's is.
title THP: COW after fork of a PTE-mapped THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[2] 0x2222
split p0 A[1]
expect p0 A[0] thp
expect p0 A[0] !pmd
expect p0 A[2] !pmd
expect p0 A[0] exclusive
expect p0 A[2] exclusive
expect p0 A[1] writable
expect p0 A[2] mapcount 1
label orig p0 A[2]
fork p0 c1
expect c1 A[2] same p0 A[2]
expect c1 A[2] !pmd
expect p0 A[0] !exclusive
expect p0 A[2] !exclusive
expect p0 A[2] mapcount 2
# parent: memset(mem, 0xff)
write p0 A[2] 0xffff
expect p0 A[2] isnot orig
expect p0 A[2] !thp
expect p0 A[2] exclusive
expect c1 A[2] is orig
expect c1 A[2] mapcount 1
expect c1 A[2] == 0x2222
expect c1 A[0] == 0x1111
expect p0 A[2] == 0xffff
exit c1
check
