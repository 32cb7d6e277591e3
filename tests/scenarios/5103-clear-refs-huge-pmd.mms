# SPDX-License-Identifier: GPL-2.0-only
# clear_refs on a huge PMD (fs/proc/task_mmu.c: clear_soft_dirty_pmd):
# the PMD stays, write-protected and no longer soft-dirty; the head keeps
# PG_anon_exclusive, so the next write reuses the THP
# (do_huge_pmd_wp_page) and the PMD is writable and soft-dirty again.
title clear-refs soft-dirty on a PMD-mapped THP
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
label L p0 A[7]
expect p0 A[7] pmd
expect p0 A[7] soft-dirty
clear-refs p0 soft-dirty
expect p0 A[7] pmd
expect p0 A[7] !soft-dirty
expect p0 A[7] readonly
expect p0 A[7] exclusive
write p0 A[7] 0x2222
expect p0 A[7] is L
expect p0 A[7] pmd
expect p0 A[7] writable
expect p0 A[7] soft-dirty
check
