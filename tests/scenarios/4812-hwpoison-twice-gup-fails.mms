# SPDX-License-Identifier: GPL-2.0-only
# A second MADV_HWPOISON of the same address: GUP faults on the hwpoison
# entry, VM_FAULT_HWPOISON without FOLL_HWPOISON is -EFAULT
# (vm_fault_to_errno), and madvise fails with it; no signal is sent, as a
# fault taken by GUP raises none (hwpoison.gup).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: poisoning a hwpoison entry again fails with EFAULT
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
poison p0 A[0] => SIGBUS:MCEERR_AR
poison p0 A[0] => EFAULT
expect p0 sigbus 1
check
