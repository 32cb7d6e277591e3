# SPDX-License-Identifier: GPL-2.0-only
# A pinned THP could not be split when A[3] was poisoned (4815): A[3] was
# left mapped, poisoned, and memory failure kept no reference to it.  Once
# the pin is gone, a memory error in A[5] splits the THP: the huge PMD is
# split frozen, so every page, A[3] too, is mapped back, and only A[5]
# becomes a hwpoison entry.  A[3] stays mapped and poisoned, as the
# kernel leaves it (hwpoison.thp).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
# And an unsplit THP is ignored there: EBUSY, nobody told
# (mf_unsplit_thp_kill).
title hwpoison: a page an unsplittable THP left mapped stays so after a split
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
write p0 A[5] 0x5555
pin H p0 A[3] rw pin longterm
poison p0 A[3] => SIGBUS:MCEERR_AR
unpin H
expect p0 A[3] pmd
poison p0 A[5] => SIGBUS:MCEERR_AR
expect p0 A[5] poisoned
expect p0 A[5] !present
expect p0 A[3] present
expect p0 A[3] poisoned
expect p0 A[3] !thp
expect p0 A[3] == 0x3333
check
