# SPDX-License-Identifier: GPL-2.0-only
# do_fault_around cuts its window to the VMA: after munmap of the tail of
# a shmem region, the pages of the tail stay in the page cache (the
# object is still mapped), but a fault in front of them maps none of them.
title shmem fault-around does not map past the end of the VMA
mmap p0 S 8 shmem shared
write p0 S[2] 0x2
write p0 S[6] 0x6
madvise p0 S dontneed
munmap p0 S[5..7]
read p0 S[3]
expect p0 S[2] present
expect p0 S[3] present
expect p0 S[4] none
