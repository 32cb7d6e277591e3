# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_POISON puts a PTE_MARKER_POISONED marker in each none PTE of a
# registered range (mm/userfaultfd.c mfill_atomic_pte_poison); any access
# to it is VM_FAULT_HWPOISON, a SIGBUS (mm/memory.c handle_pte_marker:
# poison before uffd-wp).  A PTE that is not none is refused with EEXIST.
# pagemap reads the marker as swapped, type 31 (not uffd-wp).
title uffd-poison: a poisoned marker, SIGBUS on access, EEXIST on a page
requires uffd
mmap p0 A 2
write p0 A[1] 0x1
uffd-poison p0 A[0]
expect p0 A[0] marker
expect p0 A[0] !uffd-wp
read p0 A[0] => SIGBUS
write p0 A[0] 0x5 => SIGBUS
uffd-poison p0 A[1] => EEXIST
expect p0 A[1] == 0x1
