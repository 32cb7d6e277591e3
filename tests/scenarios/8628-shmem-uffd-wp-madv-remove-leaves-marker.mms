# SPDX-License-Identifier: GPL-2.0-only
# A hole punched under a write-protected shmem page keeps its protection
# as a PTE marker (unmap_mapping_range zaps without ZAP_FLAG_DROP_MARKER:
# zap_install_uffd_wp_if_needed), as the uffd-unit-tests expect of file
# memory: the next store to the hole is a write-protect fault first.
title shmem uffd-wp: a hole punch leaves the marker
requires uffd
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
madvise p0 S[0] remove
expect p0 S[0] marker
expect p0 S[0] uffd-wp
expect p0 S[0] == 0
write p0 S[0] 0x2
expect p0 uffd-faults 1
expect p0 S[0] == 0x2
