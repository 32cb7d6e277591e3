# SPDX-License-Identifier: GPL-2.0-only
# A memory error nobody touched, as a scrubber finds one: hwpoison-inject's
# corrupt-pfn calls memory_failure(pfn, MF_SW_SIMULATED), with no
# MF_ACTION_REQUIRED and no caller.  get_hwpoison_page takes the page,
# the PTEs still become hwpoison entries, but only early-kill processes
# are collected (task_early_kill without force_early): c1 gets
# BUS_MCEERR_AO, p0 and c2, late by default, nothing until they touch it
# (BUS_MCEERR_AR then).  The write returns 0: recovered (hwpoison.inject,
# hwpoison.collect).
title hwpoison: corrupt-pfn tells only early-kill processes, with AO
requires hwpoison
mmap p0 A 1
write p0 A[0] 0x1111
fork p0 c1
fork p0 c2
mce-kill c1 early
corrupt p0 A[0]
expect c1 sigbus MCEERR_AO 1
expect p0 sigbus 0
expect c2 sigbus 0
expect p0 A[0] poisoned
expect c2 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
read c2 A[0] => SIGBUS:MCEERR_AR
expect c1 sigbus MCEERR_AR 0
check
