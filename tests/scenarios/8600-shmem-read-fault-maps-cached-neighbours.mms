# SPDX-License-Identifier: GPL-2.0-only
# A read fault on shmem maps, besides the faulting page, the pages of its
# fault-around window that are already in the page cache and uptodate
# (mm/memory.c do_read_fault, do_fault_around; mm/filemap.c
# filemap_map_pages).  The window is fault_around_bytes (64 KiB: 16
# pages), aligned in the address space; a hole in it stays none (only
# ->fault fills a hole, for the faulting page alone).
title shmem read fault maps the cached neighbours of its window
mmap p0 S 16 shmem shared
write p0 S[1] 0x11
write p0 S[3] 0x33
madvise p0 S dontneed
expect p0 S[1] none
expect p0 S[3] none
read p0 S[2]
expect p0 S[2] present
expect p0 S[1] present
expect p0 S[3] present
expect p0 S[5] none
expect p0 S[1] mapcount 1
expect p0 S[3] == 0x33
