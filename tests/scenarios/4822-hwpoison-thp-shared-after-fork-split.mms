# SPDX-License-Identifier: GPL-2.0-only
# A THP that fork shares, PMD-mapped in both processes, poisoned by the
# parent: split_huge_page splits every huge PMD mapping it, the child's too,
# then the poisoned page's PTEs become hwpoison entries in both; the child,
# early-kill, gets BUS_MCEERR_AO, the caller BUS_MCEERR_AR.  The other
# pages stay shared, as small pages (hwpoison.thp, hwpoison.collect).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: a THP shared after fork is split in both processes
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
fork p0 c1
mce-kill c1 early
expect c1 A[3] pmd
poison p0 A[3] => SIGBUS:MCEERR_AR
expect p0 A[3] poisoned
expect c1 A[3] poisoned
expect c1 sigbus MCEERR_AO 1
expect c1 A[0] !pmd
expect c1 A[0] same p0 A[0]
expect c1 A[0] == 0x1111
check
