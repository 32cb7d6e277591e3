# SPDX-License-Identifier: GPL-2.0-only
# Splitting the PMD of an exclusive THP maps the same large folio by 512
# PTEs (__split_huge_pmd_locked): each PTE keeps the PMD's write bit, and
# the head's PageAnonExclusive is copied to every subpage
# (folio_add_anon_rmap_ptes with RMAP_EXCLUSIVE).  The entire mapping
# becomes one PTE mapping per page.
title split keeps every subpage of an exclusive THP exclusive
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
split p0 A[0]
expect p0 A[0] !pmd
expect p0 A[0] thp
expect p0 A[5] exclusive
expect p0 A[511] exclusive
expect p0 A[5] writable
expect p0 A[5] mapcount 1
expect p0 A[0] == 0x1111
write p0 A[5] 0x5555
expect p0 A[5] thp
expect p0 A[5] == 0x5555
check
