# SPDX-License-Identifier: GPL-2.0-only
# Writing "4" to /proc/PID/clear_refs (fs/proc/task_mmu.c:
# clear_refs_write, CLEAR_REFS_SOFT_DIRTY) clears VM_SOFTDIRTY, so
# soft-dirty tracking is on, and write-protects every present PTE with
# its soft-dirty bit cleared (clear_soft_dirty).  PG_anon_exclusive is
# untouched: the next write faults, do_wp_page reuses the exclusive page
# and pte_mkdirty makes the PTE writable and soft-dirty again.
title clear-refs soft-dirty: the next write reuses the exclusive page
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
expect p0 A[0] soft-dirty
expect p0 A[0] writable
clear-refs p0 soft-dirty
expect p0 A[0] !soft-dirty
expect p0 A[0] readonly
expect p0 A[0] exclusive
expect p0 A[0] is L
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] soft-dirty
expect p0 A[0] writable
expect p0 A[0] == 0x2222
check
