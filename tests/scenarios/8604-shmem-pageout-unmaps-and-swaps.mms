# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT of a shmem page mapped once: reclaim unmaps it (the PTE is
# cleared, not a swap PTE: mm/rmap.c try_to_unmap_one), then
# shmem_writepage moves it from the page cache into the swap cache and
# leaves its swap entry in the mapping (mm/shmem.c).  The next fault
# swaps it back in (shmem_swapin_folio); with a swap file the write is
# still in flight when reclaim looks again, so the page stays in the swap
# cache and comes back the same.  pagemap shows a none PTE: the swap
# entry is the mapping's, no kernel interface shows it per page here.
title shmem pageout unmaps the page and swaps it out
requires swap
mmap p0 S 4 shmem shared
write p0 S[0] 0x1111
label orig p0 S[0]
swapout p0 S[0]
expect p0 S[0] none
expect p0 S[0] !swapped
expect p0 S[0] == 0x1111
expect p0 S[0] present
expect p0 S[0] is orig
expect p0 S[0] mapcount 1
