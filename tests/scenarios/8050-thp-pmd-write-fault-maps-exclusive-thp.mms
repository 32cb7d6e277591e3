# SPDX-License-Identifier: GPL-2.0-only
# The first write fault in a 2 MiB-aligned MADV_HUGEPAGE region maps a
# whole PMD-size THP with one huge PMD (do_huge_pmd_anonymous_page,
# vma_alloc_anon_folio_pmd, map_anon_folio_pmd): every one of its 512
# pages is present, exclusive (PG_anon_exclusive of the head page, which
# is what a PMD mapping means) and mapped once, the untouched ones zero.
# This is how cow.c populates every THP run (do_run_with_thp).
title THP: a write fault maps an exclusive PMD-mapped THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
expect p0 A[0] thp
expect p0 A[0] pmd
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
# the last page came with the first fault
expect p0 A[511] present
expect p0 A[511] pmd
expect p0 A[511] exclusive
expect p0 A[511] mapcount 1
expect p0 A[511] == 0
expect p0 A[0] == 0x1111
check
