# SPDX-License-Identifier: GPL-2.0-only
# A pinned exclusive THP cannot be shared with a child
# (folio_try_dup_anon_rmap_pmd: -EBUSY): copy_huge_pmd splits the
# parent's PMD and copy_pte_range copies every exclusive subpage for the
# child (copy_present_page).  The parent keeps its pinned folio, now
# PTE-mapped, writable and exclusive.
title fork of a pinned THP gives the child 4 KiB copies
broken-under v5.7 v5.8
requires thp gup_test
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
label thp p0 A[0]
pin h p0 A[1] rw pin longterm
fork p0 c1
expect p0 A[0] is thp
expect p0 A[0] !pmd
expect p0 A[0] writable
expect p0 A[300] exclusive
expect c1 A[0] !thp
expect c1 A[300] !thp
expect c1 A[300] exclusive
expect c1 A[0] == 0x1111
dma-write h 0x4444
expect p0 A[1] == 0x4444
expect c1 A[1] == 0
unpin h
check
