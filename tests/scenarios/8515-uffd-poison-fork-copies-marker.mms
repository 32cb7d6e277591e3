# SPDX-License-Identifier: GPL-2.0-only
# fork copies a poisoned marker whatever the child's registration
# (include/linux/mm_inline.h copy_pte_marker: "always copy error
# entries"), where the VMA's page tables are copied at all: here the
# region has anon pages, so an anon_vma (vma_needs_copy).  Without
# EVENT_FORK the child is not registered, yet its access is a SIGBUS.
title uffd-poison: fork copies the poisoned marker
requires uffd
mmap p0 A 2
write p0 A[1] 0x1
uffd-poison p0 A[0]
fork p0 c1
expect c1 A[0] marker
read c1 A[0] => SIGBUS
expect c1 A[1] == 0x1
