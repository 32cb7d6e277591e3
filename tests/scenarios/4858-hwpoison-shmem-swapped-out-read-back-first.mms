# SPDX-License-Identifier: GPL-2.0-only
# A shmem page reclaim swapped out (the PTE is none, the file holds the
# swap entry).  MADV_HWPOISON's GUP faults it back: shmem_swapin_folio
# puts it in the page cache, dirty, and maps it; then it is poisoned as a
# dirty page: the caller gets BUS_MCEERR_AR, and the folio stays in the
# page cache (hwpoison.shmem).
title hwpoison: a swapped-out shmem page is read back, then poisoned dirty
requires hwpoison swap
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
mmap p0 A 1 shmem shared
write p0 A[0] 0x1111
swapout p0 A[0]
expect p0 A[0] none
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] poisoned
madvise p0 A[0] dontneed
read p0 A[0] => SIGBUS:MCEERR_AR
check
