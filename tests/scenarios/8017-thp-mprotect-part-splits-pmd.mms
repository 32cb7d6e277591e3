# SPDX-License-Identifier: GPL-2.0-only
# mprotect of part of a THP splits the VMA, and a VMA boundary inside a
# huge PMD splits the PMD first (__split_huge_pmd from vma_adjust_trans_huge):
# every page is then PTE-mapped, still in the one large folio and still
# exclusive, and only the protected part is read-only.
title THP: mprotect of part of a THP splits its PMD
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
mprotect p0 A[0..15] ro
expect p0 A[0] !pmd
expect p0 A[0] thp
expect p0 A[0] readonly
expect p0 A[16] !pmd
expect p0 A[16] writable
expect p0 A[16] thp
write p0 A[16] 0x2222
expect p0 A[16] == 0x2222
expect p0 A[0] == 0x1111
