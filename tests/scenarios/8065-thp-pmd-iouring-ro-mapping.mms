# SPDX-License-Identifier: GPL-2.0-only
# cow.c "R/O-mapping a page registered as iouring fixed buffer" with THP
# (PMD-mapped): a R/W long-term pin of a page of the THP, mprotect RO then
# RW of the whole THP (change_huge_pmd; the THP is exclusive, so RW maps
# it writable again, can_change_pmd_writable), then a write: it must land
# in the pinned page, no COW replacement.
# Before 6.2 (v6.1 and older) mprotect never makes a huge PMD writable
# (can_change_pmd_writable came with the clean-PTE upgrade).
title THP: R/O-mapping a PMD-mapped THP registered as io_uring fixed buffer
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp iouring
mmap p0 A 512 thp
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
mprotect p0 A ro
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[0] pmd
mprotect p0 A rw
expect p0 A[0] writable
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] pmd
expect h == 0x2222
unpin h
check
