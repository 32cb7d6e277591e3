# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_UNREGISTER of a write-protected shmem range unprotects it first
# (userfaultfd_clear_vma: uffd_wp_range clears the bits, drops the
# uffd-wp markers) and gives the VMA its protection back; a poisoned
# marker stays (change_pte_range skips it).  Stores then never reach the
# handler.
title shmem uffd-unregister: bits and markers go, a poison marker stays
requires uffd
mmap p0 S 3 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
uffd-poison p0 S[2] => EEXIST
uffd-unregister p0 S
expect p0 S[0] !uffd-wp
expect p0 S[1] none
expect p0 S[2] none
write p0 S[0] 0x2
write p0 S[1] 0x3
expect p0 uffd-faults 0
uffd-poison p0 S[2]
uffd-unregister p0 S
expect p0 S[2] marker
read p0 S[2] => SIGBUS
