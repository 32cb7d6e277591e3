# SPDX-License-Identifier: GPL-2.0-only
# The same shared page, but the child asked for early kill
# (prctl(PR_MCE_KILL, PR_MCE_KILL_SET, PR_MCE_KILL_EARLY): PF_MCE_PROCESS and
# PF_MCE_EARLY): collect_procs_anon adds it, and kill_proc sends it
# BUS_MCEERR_AO (send_sig_mceerr) while the caller gets BUS_MCEERR_AR.  A
# second child that chose late kill hears nothing (hwpoison.collect).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: a shared page, early kill: the child gets BUS_MCEERR_AO
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
fork p0 c2
mce-kill c1 early
mce-kill c2 late
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 1
expect c1 sigbus MCEERR_AO 1
expect c1 sigbus MCEERR_AR 0
expect c2 sigbus 0
expect c1 A[0] poisoned
expect c2 A[0] poisoned
check
