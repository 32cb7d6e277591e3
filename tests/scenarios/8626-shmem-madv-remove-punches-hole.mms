# SPDX-License-Identifier: GPL-2.0-only
# MADV_REMOVE on a shared shmem mapping punches a hole in the file
# (mm/madvise.c madvise_remove, mm/shmem.c shmem_fallocate): the pages
# are unmapped from every process that maps the file (unmap_mapping_range)
# and leave the page cache and swap (shmem_truncate_range), so a later
# load reads zeros from a new page, unlike MADV_DONTNEED, which keeps the
# data in the file.
title shmem MADV_REMOVE unmaps everywhere and drops the data
requires swap
mmap p0 S 3 shmem shared
write p0 S[0] 0x1111
write p0 S[1] 0x2222
swapout p0 S[1]
fork p0 c1
read c1 S[0]
label old p0 S[0]
madvise p0 S[0..1] remove
expect p0 S[0] none
expect c1 S[0] none
expect c1 S[0] == 0
expect p0 S[0] isnot old
expect p0 S[1] == 0
