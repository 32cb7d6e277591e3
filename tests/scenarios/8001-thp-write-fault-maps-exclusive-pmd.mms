# SPDX-License-Identifier: GPL-2.0-only
# A write fault in an untouched MADV_HUGEPAGE block whose PMD is none maps
# a new PMD-sized THP by one huge PMD (do_huge_pmd_anonymous_page):
# writable, and exclusive (folio_add_new_anon_rmap with RMAP_EXCLUSIVE
# sets PageAnonExclusive on the head, which speaks for every subpage while
# the folio is PMD-mapped).  Each page counts the one entire mapping.
title write fault maps an exclusive PMD THP
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
expect p0 A[0] thp
expect p0 A[0] pmd
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[511] same p0 A[511]
expect p0 A[511] pmd
expect p0 A[511] exclusive
expect p0 A[5] mapcount 1
expect p0 A[0] == 0x1111
expect p0 A[1] == 0
check
