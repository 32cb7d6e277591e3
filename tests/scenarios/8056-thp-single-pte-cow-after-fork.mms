# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a single PTE of a THP
# (THP_RUN_SINGLE_PTE): MADV_DONTNEED of all but the first page of a
# PMD-mapped THP splits the PMD (zap_pmd_range -> __split_huge_pmd) and
# zaps the other PTEs; one PTE maps one page of the folio (which waits for
# the deferred split shrinker: whether it is still large is left
# unasserted).  fork shares that page, the parent's write copies it, the
# child reads the old data.
title THP: COW after fork of the single remaining PTE of a THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
madvise p0 A[1..511] dontneed
expect p0 A[1] none
expect p0 A[511] none
expect p0 A[0] present
expect p0 A[0] !pmd
expect p0 A[0] exclusive
expect p0 A[0] mapcount 1
label orig p0 A[0]
fork p0 c1
expect c1 A[0] same p0 A[0]
expect p0 A[0] !exclusive
write p0 A[0] 0xffff
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect c1 A[0] is orig
expect c1 A[0] == 0x1111
expect p0 A[0] == 0xffff
exit c1
check
