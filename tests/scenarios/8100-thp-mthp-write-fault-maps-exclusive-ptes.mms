# SPDX-License-Identifier: GPL-2.0-only
# mTHP: with only the 64 KiB size on (hugepages-64kB/enabled = madvise),
# a write fault in a MADV_HUGEPAGE region allocates a 16-page folio
# (mm/memory.c, alloc_anon_folio: the largest enabled order whose aligned
# block is in the VMA and has only none PTEs) and maps it by 16 writable
# PTEs (do_anonymous_page, set_ptes), every page exclusive on its own
# (folio_add_new_anon_rmap): no PMD, and the next 64 KiB untouched.
# PageAnonExclusive of a tail page is not exported (kpageflags shows the
# head's), so A[15] exclusive is the model's answer on the kernel.
title mTHP: a write fault maps a 64 KiB folio by 16 exclusive PTEs
thp-sizes 64K
mmap p0 A 32 thp
write p0 A[3] 0x1111
expect p0 A[0] thp
expect p0 A[0] !pmd
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] mapcount 1
expect p0 A[15] order 4
expect p0 A[15] exclusive
expect p0 A[15] writable
expect p0 A[15] same p0 A[15]
expect p0 A[16] none
expect p0 A[3] == 0x1111
expect p0 A[0] == 0
check
