# SPDX-License-Identifier: GPL-2.0-only
# MADV_HWPOISON of an address never touched: madvise_inject_error's GUP
# read-faults it, which maps the shared zero page, and memory_failure gets
# the zero page.  It sets PG_hwpoison on it (TestSetPageHWPoison comes first)
# but the zero page is a reserved kernel page: me_kernel ignores it
# (MF_IGNORED), nothing is unmapped or signalled, and madvise fails with
# EBUSY.  The zero page stays mapped, readable, and poisoned: a second
# MADV_HWPOISON finds it poisoned already and tells the caller, which maps
# it (kill_accessing_process: BUS_MCEERR_AR) (hwpoison.zero-page).
# Model-only on a live kernel: the zero page would stay poisoned until the
# next boot, for every later file of the run, so the kernel backend does
# not poison it (SKIP); vm:6.12 did all of the above when it was let to
# (obs.hwpoison-zero-page).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: an untouched address poisons the zero page, which stays
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
poison p0 A[0] => EBUSY
expect p0 A[0] zeropage
expect p0 A[0] poisoned
expect p0 A[0] == 0
expect p0 sigbus 0
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] zeropage
check
