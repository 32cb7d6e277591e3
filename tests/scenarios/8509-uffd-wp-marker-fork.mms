# SPDX-License-Identifier: GPL-2.0-only
# Fork over uffd-wp markers: copy_nonpresent_pte copies a marker only to
# a child whose VMA stays registered (copy_pte_marker); the page tables
# of a registered VMA are copied even without an anon_vma
# (vma_needs_copy: userfaultfd_wp(dst_vma)).  Without EVENT_FORK, 8510.
title uffd-wp: fork with EVENT_FORK copies markers
requires uffd
uffd p0 event-fork wp-unpopulated
mmap p0 A 1
uffd-wp p0 A on
fork p0 c1
expect c1 A[0] marker
expect c1 A[0] uffd-wp
expect p0 A[0] marker
write c1 A[0] 0x1111
expect c1 uffd-faults 1
expect p0 uffd-faults 0
expect p0 A[0] marker
