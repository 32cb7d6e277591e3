# SPDX-License-Identifier: GPL-2.0-only
# cow.c A1 "Basic COW after fork()" with base page: the child snapshots the
# page, the parent overwrites it; the child must not see the parent's
# write ("No leak from parent into child"). fork.wrprotect + wp.copy.
title cow.c A1: basic COW after fork
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
# child: memcpy(old, mem)
expect c1 A[0] == 0x1111
# parent: memset(mem, 0xff)
write p0 A[0] 0x2222
# child: memcmp(old, mem)
expect c1 A[0] == 0x1111
expect p0 A[0] == 0x2222
expect c1 A[0] !same p0 A[0]
exit c1
check
