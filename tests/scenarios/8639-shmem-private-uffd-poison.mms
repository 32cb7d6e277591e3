# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' poison on shmem-private: UFFDIO_POISON puts a poisoned
# marker in the none PTE of a private memfd mapping; an access is SIGBUS
# and the file is untouched; fork copies the marker (the VMA has an
# anon_vma from the first write, so its PTEs are copied, and a poisoned
# marker is copied whether or not the child stays registered);
# MADV_DONTNEED drops it and the next load reads the file's page.
title private shmem uffd-poison: a marker in the PTE, copied by fork
requires uffd
mmap p0 F 2 shmem private
write p0 F[0] 0x11
uffd-poison p0 F[1]
expect p0 F[1] marker
expect p0 F[1] !uffd-wp
read p0 F[1] => SIGBUS
fork p0 c1
expect c1 F[1] marker
read c1 F[1] => SIGBUS
expect c1 F[0] == 0x11
madvise p0 F[1] dontneed
expect p0 F[1] none
expect p0 F[1] == 0
expect p0 F[1] !exclusive
