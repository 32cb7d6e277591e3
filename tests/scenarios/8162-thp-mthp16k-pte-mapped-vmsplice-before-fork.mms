# SPDX-License-Identifier: GPL-2.0-only
# cow.c "vmsplice() before fork(), unmap in parent after fork()" with a
# PTE-mapped 16 KiB mTHP: the pipe's reference is taken before fork, the
# parent unmaps, and the child's write must copy: the pipe keeps the old
# data.
title mTHP 16K: vmsplice before fork, unmap in parent after fork
requires vmsplice
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
split p0 A[1]
label orig p0 A[0]
pin h p0 A[0] ro get
fork p0 c1
expect c1 A[0] same p0 A[0]
munmap p0 A
expect c1 A[0] mapcount 1
write c1 A[0] 0x2222
expect c1 A[0] isnot orig
expect c1 A[0] == 0x2222
exit c1
expect h == 0x1111
unpin h
check
