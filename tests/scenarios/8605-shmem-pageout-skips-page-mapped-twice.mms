# SPDX-License-Identifier: GPL-2.0-only
# MADV_PAGEOUT leaves alone a folio mapped more than once
# (madvise_cold_or_pageout_pte_range: folio_mapcount != nr_pages): a
# shmem page the fork child mapped too stays mapped in both.
title shmem pageout skips a page another process maps
requires swap
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
fork p0 c1
read c1 S[0]
expect p0 S[0] mapcount 2
swapout p0 S[0]
expect p0 S[0] present
expect c1 S[0] present
expect p0 S[0] mapcount 2
