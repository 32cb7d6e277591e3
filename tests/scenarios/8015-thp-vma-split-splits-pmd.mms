# SPDX-License-Identifier: GPL-2.0-only
# A VMA split inside a huge PMD (here MADV_DONTFORK of a part of a THP)
# splits the PMD first (split_vma: vma_adjust_trans_huge), so that no
# huge PMD straddles two VMAs; the folio stays one large folio.  fork
# then copies only the part left without VM_DONTCOPY.
title a VMA split inside a THP splits its PMD
requires thp
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
madvise p0 A[0..99] dontfork
expect p0 A[0] !pmd
expect p0 A[0] thp
expect p0 A[100] exclusive
fork p0 c1
read c1 A[0] => SIGSEGV
expect c1 A[100] same p0 A[100]
expect p0 A[100] !exclusive
check
