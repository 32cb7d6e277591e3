# SPDX-License-Identifier: GPL-2.0-only
# UFFDIO_POISON next to a real memory error.  mfill_atomic_pte_poison puts
# a PTE_MARKER_POISONED marker in a none PTE (a page there is EEXIST); a
# fault on it is VM_FAULT_HWPOISON (handle_pte_marker, before any
# uffd-wp), so a load gets SIGBUS BUS_MCEERR_AR as on the hwpoison entry
# MADV_HWPOISON left next door.  The marker is no poisoned page: `marker`,
# not `poisoned`.  fork copies both (copy_pte_marker keeps a poison marker
# whatever the child's registration), MADV_DONTNEED drops both
# (hwpoison.uffd-poison).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: a UFFDIO_POISON marker faults as a hwpoison entry does
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires uffd
mmap p0 A 3
write p0 A[0] 0x1111
write p0 A[2] 0x2222
poison p0 A[0] => SIGBUS:MCEERR_AR
uffd-poison p0 A[1]
uffd-poison p0 A[2] => EEXIST
expect p0 A[1] marker
expect p0 A[1] !poisoned
expect p0 A[0] poisoned
read p0 A[1] => SIGBUS:MCEERR_AR
read p0 A[0] => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 3
fork p0 c1
expect c1 A[1] marker
read c1 A[1] => SIGBUS:MCEERR_AR
expect c1 A[2] == 0x2222
madvise p0 A dontneed
expect p0 A[1] none
expect p0 A[0] none
check
