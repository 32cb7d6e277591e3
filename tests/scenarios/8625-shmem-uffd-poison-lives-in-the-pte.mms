# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_POISON on shmem marks the PTE, not the file: the poisoned
# marker SIGBUSes this mapping, while the page cache is untouched; fork
# does not copy a shared region's PTEs (vma_needs_copy: no anon_vma, the
# child not registered), so the child faults the page from the page
# cache.  MADV_DONTNEED drops the marker (zap_nonpresent_ptes).
title shmem uffd-poison: the marker is the mapping's, not the file's
requires uffd
mmap p0 S 2 shmem shared
write p0 S[1] 0x11
madvise p0 S[1] dontneed
uffd-poison p0 S[1]
read p0 S[1] => SIGBUS
fork p0 c1
expect c1 S[1] none
expect c1 S[1] == 0x11
madvise p0 S[1] dontneed
expect p0 S[1] none
expect p0 S[1] == 0x11
