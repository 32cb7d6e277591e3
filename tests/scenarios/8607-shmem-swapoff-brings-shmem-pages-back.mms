# SPDX-License-Identifier: GPL-2.0-only
# swapoff reads the swap entries of shmem objects back into their page
# cache (mm/swapfile.c try_to_unuse, mm/shmem.c shmem_unuse); the PTEs
# stay none, the next fault finds the page in the page cache.
title swapoff brings shmem pages back into the page cache
requires swap
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
swapout p0 S[0]
swapoff
expect p0 S[0] none
expect p0 S[0] == 0x1111
expect p0 S[0] present
