# SPDX-License-Identifier: GPL-2.0-only
# A shmem page that was only read (filled with zeros by shmem_fault, never
# dirtied) is not written to swap by MADV_PAGEOUT: reclaim unmaps it and,
# clean, drops it from the page cache (mm/vmscan.c shrink_folio_list,
# __remove_mapping); the next fault fills the hole with a new zeroed page.
title shmem pageout drops a clean page; the next fault gets a new one
requires swap
mmap p0 S 2 shmem shared
read p0 S[0]
label first p0 S[0]
swapout p0 S[0]
expect p0 S[0] none
expect p0 S[0] == 0
expect p0 S[0] isnot first
