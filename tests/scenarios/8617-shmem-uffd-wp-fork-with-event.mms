# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests "wp-fork-with-event" on shmem: with EVENT_FORK the
# child's VMA stays registered, so fork copies the page tables
# (vma_needs_copy: userfaultfd_wp(dst_vma)): the protected PTE keeps its
# bit, the marker is copied (copy_nonpresent_pte, copy_pte_marker); a
# child's store is a fault for the child's own uffd.
title shmem uffd-wp: fork with EVENT_FORK copies bits and markers
requires uffd
uffd p0 event-fork
mmap p0 S 2 shmem shared
write p0 S[0] 0x1111
uffd-wp p0 S on
fork p0 c1
expect c1 S[0] present
expect c1 S[0] uffd-wp
expect c1 S[1] marker
expect c1 S[0] same p0 S[0]
write c1 S[0] 0x2222
expect c1 uffd-faults 1
expect p0 uffd-faults 0
expect p0 S[0] uffd-wp
