# SPDX-License-Identifier: GPL-2.0-only
# mprotect of a whole PMD-mapped THP changes the huge PMD in place
# (change_pmd_range -> change_huge_pmd): read-only, then read-write, and
# since the head is PageAnonExclusive the PMD is made writable at once
# (can_change_pmd_writable): the next write needs no fault and the THP
# stays PMD-mapped.
# Before 6.2 (v6.1 and older) mprotect never makes a huge PMD writable
# (can_change_pmd_writable came with the clean-PTE upgrade).
title THP: mprotect RO/RW of an exclusive THP keeps the huge PMD writable
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
mprotect p0 A ro
expect p0 A[0] pmd
expect p0 A[0] readonly
mprotect p0 A rw
expect p0 A[0] pmd
expect p0 A[0] writable
expect p0 A[7] exclusive
write p0 A[7] 0x2222
expect p0 A[7] pmd
expect p0 A[0] == 0x1111
