# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-pin-with-event on shmem: the child's VMA stays
# registered, so fork copies the PTE (vma_needs_copy) and with it the
# uffd-wp bit (__copy_present_ptes); the pinned shmem page is shared, not
# copied (copy_present_pte copies only anon pages that cannot be shared);
# the child's store goes to the child's handler and lands in the page.
title shmem uffd-wp: a pinned shmem page at fork, with EVENT_FORK
requires uffd iouring
uffd p0 event-fork
mmap p0 S 1 shmem shared
write p0 S[0] 0x1111
pin h p0 S[0] rw pin longterm
uffd-wp p0 S on
fork p0 c1
expect c1 S[0] same p0 S[0]
expect c1 S[0] uffd-wp
expect c1 S[0] !exclusive
write c1 S[0] 0x2222
expect c1 uffd-faults 1
expect p0 uffd-faults 0
expect h == 0x2222
expect p0 S[0] uffd-wp
unpin h
