# SPDX-License-Identifier: GPL-2.0-only
# MADV_HWPOISON of a written, exclusive anon page: madvise_inject_error takes
# the page with GUP and calls memory_failure(MF_ACTION_REQUIRED).  PG_hwpoison
# is set, hwpoison_user_mappings collects the caller through the anon rmap,
# try_to_unmap_one (TTU_HWPOISON) turns the PTE into a hwpoison entry, and as
# the page was dirty kill_procs sends the caller SIGBUS with BUS_MCEERR_AR
# (force_sig_mceerr), which arrives during madvise; me_pagecache_clean drops
# the anon page (MF_RECOVERED).  A later load faults on the entry:
# do_swap_page returns VM_FAULT_HWPOISON, do_sigbus sends BUS_MCEERR_AR again
# (hwpoison.unmap, hwpoison.fault).  The neighbour page is untouched.
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: an exclusive page becomes a hwpoison entry, SIGBUS on access
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 2
write p0 A[0] 0x1111
write p0 A[1] 0x2222
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] poisoned
expect p0 A[0] !present
expect p0 A[0] !swapped
expect p0 sigbus MCEERR_AR 1
read p0 A[0] => SIGBUS:MCEERR_AR
write p0 A[0] 0x3333 => SIGBUS:MCEERR_AR
expect p0 sigbus MCEERR_AR 3
expect p0 A[1] == 0x2222
expect p0 A[1] !poisoned
check
