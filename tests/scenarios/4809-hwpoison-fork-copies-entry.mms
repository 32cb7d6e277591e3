# SPDX-License-Identifier: GPL-2.0-only
# fork after the poison: copy_nonpresent_pte copies a hwpoison entry as it
# is (no rss, no swap count), so the child's access gets BUS_MCEERR_AR too
# (hwpoison.fork).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: fork copies the hwpoison entry
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0] => SIGBUS:MCEERR_AR
fork p0 c1
expect c1 A[0] poisoned
read c1 A[0] => SIGBUS:MCEERR_AR
expect c1 sigbus MCEERR_AR 1
check
