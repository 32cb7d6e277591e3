# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork: without UFFD_FEATURE_EVENT_FORK the child's
# VMA is not registered (dup_userfaultfd), so fork's copy leaves the
# uffd-wp bit out of the child's PTE (__copy_present_ptes).  The parent
# keeps it; its write goes to its handler, which unprotects the page,
# and the write then copies the page fork shared.
title uffd-wp: fork without EVENT_FORK drops the bit in the child
requires uffd
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
fork p0 c1
expect c1 A[0] !uffd-wp
expect c1 A[0] same p0 A[0]
expect p0 A[0] uffd-wp
write c1 A[0] 0x2222
expect c1 uffd-faults 0
expect p0 uffd-faults 0
write p0 A[0] 0x3333
expect p0 uffd-faults 1
expect p0 A[0] !same c1 A[0]
expect p0 A[0] == 0x3333
expect c1 A[0] == 0x2222
