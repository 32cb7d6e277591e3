# SPDX-License-Identifier: GPL-2.0-only
# The same with EVENT_FORK: the child's swap PTE keeps uffd-wp
# (copy_nonpresent_pte, userfaultfd_wp(dst_vma)); the child's swap-in
# maps the page R/O and its store goes to the child's own handler.
title uffd-wp: fork of a protected swap PTE with EVENT_FORK
requires uffd swap
uffd p0 event-fork
mmap p0 A 1
write p0 A[0] 0x1111
uffd-wp p0 A on
swapout p0 A
fork p0 c1
expect c1 A[0] swapped
expect c1 A[0] uffd-wp
expect p0 A[0] uffd-wp
write c1 A[0] 0x2222
expect c1 uffd-faults 1
expect p0 uffd-faults 0
expect c1 A[0] == 0x2222
expect p0 A[0] == 0x1111
