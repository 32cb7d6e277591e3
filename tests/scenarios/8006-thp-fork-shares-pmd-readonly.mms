# SPDX-License-Identifier: GPL-2.0-only
# fork copies a huge PMD (copy_huge_pmd): the THP is shared, the head
# loses PageAnonExclusive (folio_try_dup_anon_rmap_pmd), and both PMDs
# are write-protected.  Every page counts two entire mappings.
title fork shares a PMD-mapped THP read-only
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
label thp p0 A[0]
fork p0 c1
expect p0 A[0] pmd
expect c1 A[0] pmd
expect c1 A[0] is thp
expect c1 A[100] same p0 A[100]
expect p0 A[0] readonly
expect c1 A[0] readonly
expect p0 A[0] !exclusive
expect c1 A[100] !exclusive
expect p0 A[100] mapcount 2
expect c1 A[0] == 0x1111
check
