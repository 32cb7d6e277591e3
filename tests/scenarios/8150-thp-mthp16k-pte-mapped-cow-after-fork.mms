# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a PTE-mapped 16 KiB mTHP (THP_RUN_PTE
# with hugepages-16kB on): the fault maps the folio by PTEs from the
# start, so cow.c's mprotect of one page R/O and back (split) changes
# nothing but that PTE.  fork shares every page (folio_try_dup_anon_rmap_ptes),
# the parent's write copies only the page written (wp_page_copy), the
# child reads the old data.
# PageAnonExclusive of a tail page is not exported on the kernel
# (kpageflags shows the head's): tail-page exclusive points are the
# model's answer there.
title mTHP 16K: COW after fork of a PTE-mapped mTHP
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
write p0 A[2] 0x2222
split p0 A[1]
expect p0 A[0] thp
expect p0 A[3] thp
expect p0 A[2] exclusive
expect p0 A[1] writable
label orig p0 A[2]
fork p0 c1
expect c1 A[2] same p0 A[2]
expect p0 A[2] !exclusive
expect p0 A[2] mapcount 2
write p0 A[2] 0xffff
expect p0 A[2] isnot orig
expect p0 A[2] !thp
expect p0 A[2] exclusive
expect c1 A[2] is orig
expect c1 A[2] mapcount 1
expect c1 A[2] == 0x2222
expect c1 A[0] == 0x1111
expect p0 A[2] == 0xffff
exit c1
check
