# SPDX-License-Identifier: GPL-2.0-only
# A poisoned page of a THP nobody pins: memory_failure marks the folio
# has_hwpoisoned and splits it (try_to_split_thp_page, split_huge_page:
# the huge PMD becomes PTEs, the folio 512 small ones), then handles the
# poisoned 4 KiB page alone: its PTE becomes a hwpoison entry, the caller
# gets BUS_MCEERR_AR.  Its neighbours stay mapped as small pages with
# their data, and those that hold only zeros become the shared zero page
# (remap_page with RMP_USE_SHARED_ZEROPAGE, 6.12) (hwpoison.thp,
# thp.split-folio).
# Under v6.1 and before, MADV_HWPOISON is no action-required error: the
# caller hears of it only if early-kill (mf_madvise_action_required).
# And the split leaves zero-filled pages mapped (thp_split_zeropage).
title hwpoison: a poisoned THP is split, one 4 KiB page lost
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
expect p0 A[3] pmd
poison p0 A[3] => SIGBUS:MCEERR_AR
expect p0 A[3] poisoned
expect p0 A[0] !pmd
expect p0 A[0] !thp
expect p0 A[0] == 0x1111
expect p0 A[4] zeropage
read p0 A[3] => SIGBUS:MCEERR_AR
check
