# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork()" with a partially shared 64 KiB mTHP
# (THP_RUN_PARTIAL_SHARED): MADV_DONTFORK on all but the first page, a
# child that shares only page 0 and exits, MADV_DOFORK.  Page 0 was shared
# (mapped once again, not exclusive), the others never were.  Then a
# second child, the parent writes, the child reads the old data.
# PageAnonExclusive of a tail page is not exported on the kernel
# (kpageflags shows the head's): tail-page exclusive points are the
# model's answer there.
title mTHP 64K: COW after fork of a partially shared mTHP
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[1] 0x2222
madvise p0 A[1..15] dontfork
fork p0 c1
expect c1 A[0] same p0 A[0]
expect c1 A[1] none
exit c1
madvise p0 A[1..15] dofork
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
