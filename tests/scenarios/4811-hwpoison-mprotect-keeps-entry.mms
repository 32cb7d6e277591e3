# SPDX-License-Identifier: GPL-2.0-only
# mprotect leaves a non-present PTE as it is (change_pte_range only touches
# migration entries and uffd-wp bits): a hwpoison entry stays one through a
# protection change and back (hwpoison.mprotect).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: mprotect keeps the hwpoison entry
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0] => SIGBUS:MCEERR_AR
mprotect p0 A ro
expect p0 A[0] poisoned
mprotect p0 A rw
expect p0 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
check
