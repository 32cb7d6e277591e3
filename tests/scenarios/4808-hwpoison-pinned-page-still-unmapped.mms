# SPDX-License-Identifier: GPL-2.0-only
# A long-term FOLL_PIN does not stop the recovery of an anon page:
# try_to_unmap_one's TTU_HWPOISON branch replaces the PTE before any
# folio_try_share_anon_rmap_pte could refuse, and me_pagecache_clean does
# not look at the extra references of an anon page (MF_RECOVERED).  The pin
# keeps the page allocated until it is dropped; memory failure's own
# reference keeps it out of the allocator for good (hwpoison.held).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
title hwpoison: a pinned page is unmapped all the same
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
mmap p0 A 1
write p0 A[0] 0x1111
pin H p0 A[0] rw pin longterm
poison p0 A[0] => SIGBUS:MCEERR_AR
expect p0 A[0] poisoned
read p0 A[0] => SIGBUS:MCEERR_AR
unpin H
check
