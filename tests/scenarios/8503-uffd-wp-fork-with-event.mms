# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-with-event: with UFFD_FEATURE_EVENT_FORK the
# child's VMA stays registered to a uffd of its own (the UFFD_EVENT_FORK
# message hands it to the handler), and fork keeps the uffd-wp bit in the
# child's PTE.  The child's write goes to the child's uffd; the parent's
# count does not move.
title uffd-wp: fork with EVENT_FORK keeps the bit in the child
requires uffd
uffd p0 event-fork
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
fork p0 c1
expect c1 A[0] uffd-wp
expect c1 A[0] same p0 A[0]
expect p0 A[0] uffd-wp
write c1 A[0] 0x2222
expect c1 uffd-faults 1
expect p0 uffd-faults 0
expect c1 A[0] !same p0 A[0]
expect c1 A[0] !uffd-wp
expect p0 A[0] uffd-wp
expect p0 A[0] == 0x1111
write p0 A[0] 0x3333
expect p0 uffd-faults 1
expect c1 uffd-faults 1
