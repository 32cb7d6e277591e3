# SPDX-License-Identifier: GPL-2.0-only
# PR_MCE_KILL is a task flag (PF_MCE_PROCESS, PF_MCE_EARLY), and fork keeps
# the task flags: a child of an early-kill process is early-kill too and
# gets BUS_MCEERR_AO when its parent poisons the page they share; the
# count of signals starts at 0 in the child (hwpoison.collect).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: fork inherits PR_MCE_KILL
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
mce-kill p0 early
fork p0 c1
expect c1 sigbus 0
poison p0 A[0] => SIGBUS:MCEERR_AR
expect c1 sigbus MCEERR_AO 1
expect p0 sigbus MCEERR_AO 0
check
