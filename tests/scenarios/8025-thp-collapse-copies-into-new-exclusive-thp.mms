# SPDX-License-Identifier: GPL-2.0-only
# MADV_COLLAPSE of a PTE-mapped THP (mm/khugepaged.c, madvise_collapse ->
# hpage_collapse_scan_pmd -> collapse_huge_page): the pages are copied
# into a new THP, which a huge PMD maps writable, dirty and exclusive;
# the old folio loses every mapping and is freed.  The contents stay,
# never-written pages read as zero.
title THP: MADV_COLLAPSE copies a PTE-mapped THP into a new exclusive THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[300] 0x3333
split p0 A[1]
label old p0 A[300]
expect p0 A[300] !pmd
madvise p0 A collapse
expect p0 A[300] pmd
expect p0 A[300] isnot old
expect p0 A[0] exclusive
expect p0 A[300] mapcount 1
expect p0 A[300] == 0x3333
expect p0 A[0] == 0x1111
expect p0 A[5] == 0
check
