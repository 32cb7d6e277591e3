# SPDX-License-Identifier: GPL-2.0-only
# vm.memory_failure_early_kill = 1 makes early kill the default of every
# process that did not choose with PR_MCE_KILL (find_early_kill_thread);
# one that chose late kill stays late, and PR_MCE_KILL_CLEAR puts a process
# back to the default (hwpoison.collect).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: the sysctl makes early kill the default
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
fork p0 c2
fork p0 c3
mce-kill c2 late
mce-kill c3 late
mce-kill c3 default
mce-early-kill on
poison p0 A[0] => SIGBUS:MCEERR_AR
mce-early-kill off
expect c1 sigbus MCEERR_AO 1
expect c2 sigbus 0
expect c3 sigbus MCEERR_AO 1
check
