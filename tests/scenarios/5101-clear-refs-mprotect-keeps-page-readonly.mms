# SPDX-License-Identifier: GPL-2.0-only
# cow.c's step before its R/O pin of an R/O-mapped exclusive page:
# mprotect(PROT_READ), clear_softdirty(), mprotect(PROT_READ|PROT_WRITE).
# With soft-dirty tracking on, mprotect does not map the PTE writable at
# once (mm/mprotect.c: can_change_pte_writable refuses while
# pte_needs_soft_dirty_wp), so the exclusive page stays mapped R/O until
# a write fault reuses it.
title clear-refs soft-dirty between mprotect ro and rw keeps the PTE R/O
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[0] !soft-dirty
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] writable
expect p0 A[0] soft-dirty
check
