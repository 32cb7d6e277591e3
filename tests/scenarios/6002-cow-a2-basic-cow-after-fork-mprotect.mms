# SPDX-License-Identifier: GPL-2.0-only
# cow.c A2 "Basic COW after fork() with mprotect() optimization": the parent's
# mprotect RO -> RW before writing must not map the shared page writable
# (mprotect.upgrade requires PG_anon_exclusive), so the write still copies.
title cow.c A2: basic COW after fork with mprotect optimization
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
expect c1 A[0] == 0x1111
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] readonly
write p0 A[0] 0x2222
expect c1 A[0] == 0x1111
expect p0 A[0] == 0x2222
expect c1 A[0] !same p0 A[0]
exit c1
check
