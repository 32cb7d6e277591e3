# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork() with mprotect() optimization" with a
# PTE-mapped 64 KiB mTHP: after fork the parent's mprotect RO and back must
# not make a shared page writable (can_change_pte_writable wants
# PageAnonExclusive), so its write still faults and copies 4 KiB.
title mTHP 64K: COW after fork with mprotect RO/RW
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
split p0 A[1]
label orig p0 A[0]
fork p0 c1
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] readonly
expect p0 A[0] !exclusive
write p0 A[0] 0xffff
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect c1 A[0] is orig
expect c1 A[0] thp
expect c1 A[0] == 0x1111
expect p0 A[0] == 0xffff
exit c1
check
