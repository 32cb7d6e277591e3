# SPDX-License-Identifier: GPL-2.0-only
# mTHP: fork shares a PTE-mapped large folio page by page
# (copy_present_ptes batches the folio's PTEs, folio_try_dup_anon_rmap_ptes
# clears every page's PageAnonExclusive), both sides read-only.  The
# tail's exclusive bit is the model's answer on the kernel (not exported).
title mTHP: fork shares every page of an mTHP read-only
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
fork p0 c1
expect c1 A[0] same p0 A[0]
expect c1 A[15] same p0 A[15]
expect p0 A[0] !exclusive
expect p0 A[15] !exclusive
expect p0 A[15] readonly
expect c1 A[15] readonly
expect p0 A[15] mapcount 2
expect c1 A[0] thp
expect c1 A[0] == 0x1111
exit c1
check
