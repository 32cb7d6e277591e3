# SPDX-License-Identifier: GPL-2.0-only
# A pinned page that is still in the swap cache: unmap_poisoned_folio drops
# TTU_HWPOISON for a swap-cache page, so try_to_unmap_one takes the swap
# path, where folio_try_share_anon_rmap_pte refuses a maybe-pinned
# exclusive page: the PTE stays.  The unmap failed, so kill_procs signals
# the caller anyway (forcekill, BUS_MCEERR_AR), and memory failure gives
# up (MF_MSG_UNMAP_FAILED, EBUSY, masked by the signal): the poisoned page
# stays mapped and readable (hwpoison.unmap).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: a pinned swap-cache page cannot be unmapped, stays mapped
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
swapout p0 A
read p0 A[0]
pin H p0 A[0] rw pin longterm
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] present
expect p0 A[0] poisoned
expect p0 A[0] == 0x1111
unpin H
check
