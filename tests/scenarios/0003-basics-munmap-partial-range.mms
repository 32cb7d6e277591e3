# SPDX-License-Identifier: GPL-2.0-only
# munmap of the middle of a region leaves the outer pages mapped and intact;
# accesses to the hole raise SIGSEGV and GUP on it fails with EFAULT (no VMA).
title munmap of part of a region
requires vmsplice
mmap p0 A 4
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
munmap p0 A[1..2]
expect p0 A[0] == 0x1000
expect p0 A[3] == 0x1003
expect p0 A[3] exclusive
expect p0 A[3] writable
read p0 A[1] => SIGSEGV
write p0 A[2] 0x2222 => SIGSEGV
# vmsplice() of an unmapped address
pin h p0 A[1] ro get => EFAULT
check
