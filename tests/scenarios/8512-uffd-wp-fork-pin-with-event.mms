# SPDX-License-Identifier: GPL-2.0-only
# uffd-unit-tests' wp-fork-pin-with-event: the pinned page's copy at fork
# keeps uffd-wp in the child, whose VMA stays registered (copy_present_page:
# userfaultfd_pte_wp(dst_vma, src pte)); the child's store on it goes to
# the child's handler and then reuses the child's exclusive copy.
title uffd-wp: a pinned page copied at fork, with EVENT_FORK
requires uffd iouring
uffd p0 event-fork
mmap p0 A 1
write p0 A[0] 0x1111
pin h p0 A[0] rw pin longterm
uffd-wp p0 A on
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect c1 A[0] exclusive
expect c1 A[0] uffd-wp
expect p0 A[0] uffd-wp
label copy c1 A[0]
write c1 A[0] 0x2222
expect c1 uffd-faults 1
expect c1 A[0] is copy
expect p0 A[0] == 0x1111
unpin h
