# SPDX-License-Identifier: GPL-2.0-only
# mTHP beside the PMD size: with 64 KiB and 2 MiB both on, a write fault
# in a block where the whole aligned 2 MiB fits the VMA takes the PMD
# size (do_huge_pmd_anonymous_page, tried before the PTE level); in a
# region of 32 pages, too small for it, alloc_anon_folio takes 64 KiB.
title mTHP: the PMD size where it fits, 64 KiB where it does not
thp-sizes 64K 2M
mmap p0 A 512 thp
mmap p0 B 32 thp
write p0 A[3] 0x1111
write p0 B[3] 0x2222
expect p0 A[3] pmd
expect p0 A[3] order 9
expect p0 A[511] pmd
expect p0 B[3] thp
expect p0 B[3] !pmd
expect p0 B[15] order 4
expect p0 B[16] none
check
