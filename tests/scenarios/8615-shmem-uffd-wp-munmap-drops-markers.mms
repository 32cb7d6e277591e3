# SPDX-License-Identifier: GPL-2.0-only
# munmap drops markers with the PTEs (unmap_vmas: ZAP_FLAG_DROP_MARKER);
# part of a registered shmem region unmapped and mapped again is a new
# VMA, not registered: no marker, no fault for the handler.
title shmem uffd-wp: munmap drops the markers
requires uffd
mmap p0 S 4 shmem shared
uffd-wp p0 S on
expect p0 S[1] marker
munmap p0 S[1]
expect p0 S[1] none
expect p0 S[2] marker
write p0 S[2] 0x1
expect p0 uffd-faults 1
