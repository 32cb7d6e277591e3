# SPDX-License-Identifier: GPL-2.0-only
# A page fork shares, poisoned by the parent: the parent (the caller) is
# always collected and gets BUS_MCEERR_AR; the child, with the default
# PR_MCE_KILL and vm.memory_failure_early_kill 0, is not collected
# (task_early_kill, find_early_kill_thread) and hears nothing until it
# touches the page: both PTEs are hwpoison entries (try_to_unmap walks
# every mapping), and its load gets BUS_MCEERR_AR (hwpoison.collect).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: a shared page, late kill: the child learns on access
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] poisoned
expect c1 A[0] poisoned
expect p0 sigbus 1
expect c1 sigbus 0
read c1 A[0] => SIGBUS:MCEERR_AR
expect c1 sigbus MCEERR_AR 1
expect c1 sigbus MCEERR_AO 0
check
