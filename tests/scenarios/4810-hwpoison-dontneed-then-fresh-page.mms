# SPDX-License-Identifier: GPL-2.0-only
# MADV_DONTNEED zaps a hwpoison entry like any other (zap_nonpresent_ptes):
# the PTE is none, and the next write fault maps a fresh zeroed page.  The
# poisoned page is not freed: memory failure keeps it (hwpoison.zap).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: MADV_DONTNEED drops the entry, a fault gives a new page
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0] => SIGBUS:MCEERR_AR
madvise p0 A[0] dontneed
expect p0 A[0] none
expect p0 A[0] == 0
write p0 A[0] 0x2222
expect p0 A[0] present
expect p0 A[0] !poisoned
expect p0 A[0] == 0x2222
check
