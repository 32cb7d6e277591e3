# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED of a write-protected shmem page leaves a uffd-wp marker in
# the empty slot (mm/memory.c zap_install_uffd_wp_if_needed: the data
# stays in the page cache, so must its protection); the next store is
# still a fault for the handler, on the same page.
title shmem uffd-wp: MADV_DONTNEED keeps the protection as a marker
requires uffd
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
label orig p0 S[0]
uffd-wp p0 S on
madvise p0 S dontneed
expect p0 S[0] marker
expect p0 S[0] uffd-wp
expect p0 S[0] == 0x1111
expect p0 S[0] uffd-wp
expect p0 uffd-faults 0
write p0 S[0] 0x2222
expect p0 uffd-faults 1
expect p0 S[0] is orig
