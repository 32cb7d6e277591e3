# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a single PTE of a 64 KiB mTHP
# (THP_RUN_SINGLE_PTE): MADV_DONTNEED of all but the first page zaps their
# PTEs; the folio, partially mapped, waits for the deferred split (not
# modelled, not timed on the kernel: whether A[0] is still a large folio
# is left unasserted).  fork shares the page, the parent's write copies
# it, the child reads the old data.
title mTHP 64K: COW after fork of the single remaining PTE
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
madvise p0 A[1..15] dontneed
expect p0 A[1] none
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
