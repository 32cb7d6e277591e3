# SPDX-License-Identifier: GPL-2.0-only
# MAP_SHARED|MAP_ANONYMOUS memory is shmem too (shmem_zero_setup): a read
# fault maps the cached neighbours of its window (do_fault_around,
# filemap_map_pages) and MADV_PAGEOUT unmaps a page and writes it to swap
# (shmem_writepage): the two behaviours in which the model once
# disagreed with the kernel.
title shared anonymous memory: fault-around, and pageout to swap
requires swap
mmap p0 S 4 anon shared
write p0 S[1] 0x11
write p0 S[3] 0x33
madvise p0 S dontneed
read p0 S[2]
expect p0 S[1] present
expect p0 S[3] present
swapout p0 S[3]
expect p0 S[3] none
expect p0 S[3] == 0x33
