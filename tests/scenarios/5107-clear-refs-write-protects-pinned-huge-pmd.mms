# SPDX-License-Identifier: GPL-2.0-only
# Unlike a PTE (pte_is_pinned), a huge PMD is write-protected and cleared
# by clear_refs even when its THP is pinned (fs/proc/task_mmu.c:
# clear_soft_dirty_pmd has no pin check).  The head stays exclusive, so
# the next write reuses the pinned THP (do_huge_pmd_wp_page) and the pin
# sees it (shown on vm:6.12 and vm:6.1).  Before 5.19 (no
# PG_anon_exclusive) the write fault on the R/O huge PMD of a pinned THP
# copies it away from the pin: the pin reads stale data (what
# pte_is_pinned prevents for PTEs).
title clear-refs soft-dirty write-protects a pinned huge PMD
broken-under v5.7 v5.8 v5.9 v5.18
requires thp iouring
mmap p0 A 512 thp
write p0 A[0] 0x1111
label L p0 A[0]
pin h p0 A[0] rw pin longterm
expect p0 A[0] pmd
clear-refs p0 soft-dirty
expect p0 A[0] pmd
expect p0 A[0] !soft-dirty
expect p0 A[0] readonly
expect p0 A[0] exclusive
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] pmd
expect p0 A[0] soft-dirty
expect h == 0x2222
unpin h
check
