# SPDX-License-Identifier: GPL-2.0-only
# cow.c A14 (GUP-fast) with THP (PMD-mapped): GUP-fast pins the page of
# an exclusive huge PMD at once, R/O as it is (gup_fast_pmd_leaf). As
# A13: mprotect RO, clear-refs, mprotect RW keeps the huge PMD, R/O
# (soft-dirty tracking); the R/O longterm pin needs no unshare, and sees
# the write that follows.  gup_test: vm:6.12.
title THP: R/O longterm GUP-fast pin of an exclusive PMD-mapped THP
broken-under v5.7 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 thp
write p0 A[0] 0x1111
label L p0 A[9]
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[9] exclusive
expect p0 A[9] pmd
pin h p0 A[9] ro pin longterm fast
expect p0 A[9] is L
expect p0 A[9] pmd
write p0 A[9] 0x2222
expect p0 A[9] is L
expect h == 0x2222
unpin h
check
