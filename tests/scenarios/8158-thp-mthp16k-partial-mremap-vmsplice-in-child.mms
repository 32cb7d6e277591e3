# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() + unmap in child" with a partially mremap()'ed 16 KiB
# mTHP (THP_RUN_PARTIAL_MREMAP): the second half of the folio moves to a
# new place (its PTEs as they are); the child's vmsplice takes a
# reference to B[0] and unmaps; the parent's write must copy, as the pipe
# holds the page: it keeps the old data.
title mTHP 16K: vmsplice + unmap in child, partially mremapped mTHP
requires vmsplice
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[2] 0x1111
mremap p0 A[2..3] B
label orig p0 B[0]
expect p0 B[0] thp
fork p0 c1
expect c1 B[0] == 0x1111
pin h c1 B[0] ro get
munmap c1 B
munmap c1 A
write p0 B[0] 0x2222
expect p0 B[0] isnot orig
expect p0 B[0] == 0x2222
expect p0 B[0] exclusive
expect h == 0x1111
unpin h
exit c1
check
