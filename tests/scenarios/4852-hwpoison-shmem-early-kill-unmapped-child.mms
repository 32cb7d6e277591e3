# SPDX-License-Identifier: GPL-2.0-only
# A shmem page mapped by p0 alone: fork does not copy the PTEs of a
# shared mapping, so c1 and c2 map the file but not the page.
# collect_procs_file goes by the file's VMAs, not the PTEs: c1, early
# kill, gets BUS_MCEERR_AO although nothing of it is unmapped; c2, late
# kill, hears nothing until it touches the page, when shmem_fault finds
# the poisoned folio in the page cache (__do_fault: VM_FAULT_HWPOISON,
# BUS_MCEERR_AR) (hwpoison.shmem, hwpoison.collect).
title hwpoison: a shmem page tells early-kill processes that only map the file
requires hwpoison
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1 shmem shared
write p0 A[0] 0x1111
fork p0 c1
fork p0 c2
mce-kill c1 early
mce-kill c2 late
expect c1 A[0] none
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 1
expect c1 sigbus MCEERR_AO 1
expect c2 sigbus 0
expect c1 A[0] none
read c2 A[0] => SIGBUS:MCEERR_AR
expect c2 sigbus MCEERR_AR 1
check
