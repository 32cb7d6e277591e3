# SPDX-License-Identifier: GPL-2.0-only
# userfaultfd write-protect makes the PTE read-only (uffd.wp-bit pte_mkuffd_wp).
# not implemented yet in the model: this file must fail (exit 1) until issue 3/…
title later work: uffd-wp write-protects a page
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
expect p0 A[0] readonly
