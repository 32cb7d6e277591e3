# SPDX-License-Identifier: GPL-2.0-only
# Without EVENT_FORK the child's VMA is not registered: fork does not
# even copy the page tables of a VMA with markers only (no anon_vma,
# vma_needs_copy), and a marker would be dropped anyway (copy_pte_marker),
# so the child's slot is none.
title uffd-wp: fork without EVENT_FORK leaves markers behind
requires uffd
uffd p0 wp-unpopulated
mmap p0 A 2
write p0 A[1] 0x2222
uffd-wp p0 A on
fork p0 c1
expect c1 A[0] none
expect c1 A[0] !marker
expect c1 A[1] !uffd-wp
expect p0 A[0] marker
write c1 A[0] 0x1111
expect c1 uffd-faults 0
expect c1 A[0] writable
