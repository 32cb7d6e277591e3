# SPDX-License-Identifier: GPL-2.0-only
# mremap of a write-protected shmem range without
# UFFD_FEATURE_EVENT_REMAP: the moved VMA is unregistered
# (mremap_userfaultfd_prep, userfaultfd_reset_ctx) and move_ptes clears
# the bits and drops the markers; stores to the new place are no faults.
title shmem uffd-wp: mremap drops the bits and the markers
requires uffd
mmap p0 S 4 shmem shared
write p0 S[0] 0x1
uffd-wp p0 S on
mremap p0 S[0..3] T
expect p0 T[0] !uffd-wp
expect p0 T[1] none
write p0 T[0] 0x2
write p0 T[1] 0x3
expect p0 uffd-faults 0
