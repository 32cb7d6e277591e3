# SPDX-License-Identifier: GPL-2.0-only
# munmap of half a THP splits its PMD (the partial range: zap_pmd_range
# splits, then zaps the PTEs); the folio stays one large folio, mapped
# by the remaining PTEs.  The kernel may split such a partially mapped
# folio later, from its deferred split queue, under memory pressure: the
# model has no such queue.
title munmap of half a THP splits the PMD
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
munmap p0 A[256..511]
expect p0 A[0] thp
expect p0 A[0] !pmd
expect p0 A[0] exclusive
expect p0 A[255] mapcount 1
expect p0 A[0] == 0x1111
check
