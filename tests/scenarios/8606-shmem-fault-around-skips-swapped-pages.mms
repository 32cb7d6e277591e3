# SPDX-License-Identifier: GPL-2.0-only
# Fault-around maps only folios in the page cache: a shmem index whose
# page was swapped out holds a swap entry (a value entry of the mapping),
# which filemap_map_pages skips (next_uptodate_folio); it is swapped in by
# a fault of its own (mm/shmem.c shmem_swapin_folio).
title shmem fault-around skips pages that are in swap
requires swap
mmap p0 S 4 shmem shared
write p0 S[0] 0x10
write p0 S[1] 0x11
swapout p0 S[1]
madvise p0 S[0] dontneed
read p0 S[2]
expect p0 S[0] present
expect p0 S[1] none
expect p0 S[1] == 0x11
expect p0 S[1] present
