# SPDX-License-Identifier: GPL-2.0-only
# cow.c "Basic COW after fork() with mprotect() optimization" with THP
# (PMD-mapped): after fork the parent's mprotect RO then RW of the whole
# THP changes the huge PMD in place (change_huge_pmd) but must not make
# it writable: the THP is not exclusive (can_change_pmd_writable wants
# PageAnonExclusive of the head).  The write then copies one page as in
# 8053, and the child keeps the old data.
title THP: COW after fork of a PMD-mapped THP with mprotect RO/RW
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
label orig p0 A[0]
fork p0 c1
mprotect p0 A ro
mprotect p0 A rw
expect p0 A[0] pmd
expect p0 A[0] readonly
expect p0 A[0] !exclusive
write p0 A[0] 0xffff
expect p0 A[0] isnot orig
expect p0 A[0] exclusive
expect c1 A[0] is orig
expect c1 A[0] pmd
expect c1 A[0] == 0x1111
expect p0 A[0] == 0xffff
exit c1
check
