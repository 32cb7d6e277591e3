# SPDX-License-Identifier: GPL-2.0-only
# A THP mapped by PTEs (its PMD split first): memory_failure sets
# PG_hwpoison, then splits the folio, and unmap_folio's try_to_migrate_one
# turns the PTE of the page already poisoned into a hwpoison entry, which
# remap_page leaves alone.  When hwpoison_user_mappings looks, the page is
# mapped nowhere: nobody is collected or signalled, and madvise returns 0.
# The data is lost silently; the next access gets BUS_MCEERR_AR.  Through
# a huge PMD (4821) the frozen split maps the page back first, and the
# caller is told at once (hwpoison.thp, thp.split-folio).
title hwpoison: a PTE-mapped THP loses the page in the split, no signal
requires thp
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
split p0 A[0]
expect p0 A[3] !pmd
expect p0 A[3] thp
poison p0 A[3]
expect p0 sigbus 0
expect p0 A[3] poisoned
expect p0 A[0] !thp
expect p0 A[0] == 0x1111
read p0 A[3] => SIGBUS:MCEERR_AR
check
