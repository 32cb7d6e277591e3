# SPDX-License-Identifier: GPL-2.0-only
# MADV_REMOVE after memory failure of a shmem page.  The hole punch
# (shmem_fallocate) unmaps with unmap_mapping_range without even_cows,
# and zap_nonpresent_ptes keeps a hwpoison entry when it does not zap
# COW pages: p0's entry stays, and p0 still gets SIGBUS there.  The
# poisoned folio leaves the file (shmem_undo_range), held by memory
# failure: c1, which did not map the page, faults a new zero page into
# the hole; p0 reaches it only after MADV_DONTNEED drops its entry
# (hwpoison.shmem).
title hwpoison: MADV_REMOVE drops a poisoned shmem page but not the entry
requires hwpoison
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1 shmem shared
write p0 A[0] 0x1111
fork p0 c1
poison p0 A[0] => SIGBUS:MCEERR_AR
madvise p0 A[0] remove
expect p0 A[0] poisoned
read c1 A[0]
expect c1 A[0] == 0
read p0 A[0] => SIGBUS:MCEERR_AR
madvise p0 A[0] dontneed
read p0 A[0]
expect p0 A[0] == 0
write p0 A[0] 0x2222
expect c1 A[0] == 0x2222
check
