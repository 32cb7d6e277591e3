# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a partially shared THP
# (THP_RUN_PARTIAL_SHARED): MADV_DONTFORK on all but the first page splits
# the VMA and so the huge PMD (vma_adjust_trans_huge); a child forked then
# shares only page 0 and exits, and MADV_DOFORK merges the VMAs again.
# Page 0 was shared: it is mapped once again but not exclusive; the other
# pages never were.  Then the basic COW test: a second child, the parent
# writes, the child reads the old data.
title THP: COW after fork of a partially shared THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[1] 0x2222
madvise p0 A[1..511] dontfork
expect p0 A[0] !pmd
fork p0 c1
expect c1 A[0] same p0 A[0]
expect c1 A[1] none
exit c1
madvise p0 A[1..511] dofork
expect p0 A[0] thp
expect p0 A[0] mapcount 1
expect p0 A[0] !exclusive
expect p0 A[1] exclusive
label orig p0 A[1]
fork p0 c2
expect c2 A[1] same p0 A[1]
write p0 A[0] 0xeeee
write p0 A[1] 0xffff
expect p0 A[1] isnot orig
expect c2 A[1] is orig
expect c2 A[0] == 0x1111
expect c2 A[1] == 0x2222
expect p0 A[1] == 0xffff
exit c2
check
