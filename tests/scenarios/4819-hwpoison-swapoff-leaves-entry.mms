# SPDX-License-Identifier: GPL-2.0-only
# swapoff after a dirty swap-cache page was poisoned (as in 4805): the
# page is still in the swap cache, poisoned, and its slot mapped by a swap
# PTE.  unuse_pte does not map a poisoned page back: the swap PTE becomes
# a hwpoison entry of that page, the slot goes with the device, and the
# next access gets BUS_MCEERR_AR (hwpoison.swapoff).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
# And swapoff leaves a swap-in error entry, whose fault is BUS_ADRERR
# (swapoff_hwpoison_entry).
title hwpoison: swapoff turns a poisoned page's swap PTE into a hwpoison entry
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
read p0 A[0]
write p0 A[0] 0x2222
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] swapped
swapoff
expect p0 A[0] poisoned
expect p0 A[0] !swapped
read p0 A[0] => SIGBUS:MCEERR_AR
check
