# SPDX-License-Identifier: GPL-2.0-only
# A poisoned page of a PMD-mapped THP: memory_failure marks the folio
# has_hwpoisoned and tries to split it (try_to_split_thp_page); a long-term
# pin is a reference the split cannot account for (can_split_folio), so the
# split fails, kill_procs_now tells everyone mapping the folio (the caller
# BUS_MCEERR_AR) and madvise fails with EHWPOISON, which the signal masks
# here.  Nothing is unmapped: the huge PMD stays, its other pages readable
# (hwpoison.thp).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
# And an unsplit THP is ignored there: EBUSY, nobody told
# (mf_unsplit_thp_kill).
title hwpoison: a pinned THP cannot split, the caller is signalled
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
expect p0 A[3] pmd
pin H p0 A[3] rw pin longterm
poison p0 A[3] => SIGBUS:MCEERR_AR
expect p0 A[3] pmd
expect p0 A[3] poisoned
expect p0 A[4] !poisoned
expect p0 A[0] == 0x1111
unpin H
check
