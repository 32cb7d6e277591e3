# SPDX-License-Identifier: GPL-2.0-only
# A VMA registered for uffd-wp has no fault-around (mm/memory.c
# should_fault_around, uffd_disable_fault_around): every page must fault
# on its own.  After unprotecting (no markers left) a read of S[2] maps
# only S[2], though S[1] and S[3] are in the page cache.
title shmem uffd-wp: a registered VMA does not fault around
requires uffd
mmap p0 S 4 shmem shared
write p0 S[1] 0x1
write p0 S[3] 0x3
uffd-wp p0 S on
uffd-wp p0 S off
madvise p0 S dontneed
read p0 S[2]
expect p0 S[2] present
expect p0 S[1] none
expect p0 S[3] none
