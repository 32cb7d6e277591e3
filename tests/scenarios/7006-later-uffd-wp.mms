# SPDX-License-Identifier: GPL-2.0-only
# userfaultfd write-protect makes the PTE read-only (uffd.wp-bit pte_mkuffd_wp).
# Not implemented yet in the model: the file declares it todo, so it fails
# loudly, as TODO, until it is modelled.
title later work: uffd-wp write-protects a page
todo userfaultfd write-protect is not in the model yet
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
expect p0 A[0] readonly
