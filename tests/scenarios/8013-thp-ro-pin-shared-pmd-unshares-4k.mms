# SPDX-License-Identifier: GPL-2.0-only
# A R/O pin of a THP shared since fork must not pin a page the process
# may later replace (follow_huge_pmd: gup_must_unshare on the head):
# the unshare fault (do_huge_pmd_wp_page with FAULT_FLAG_UNSHARE) cannot
# reuse the folio, splits the PMD, and do_wp_page copies one 4 KiB page,
# exclusive and still read-only, which is pinned.
title R/O pin of a shared THP unshares one 4 KiB page
broken-under v5.7 v5.8 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 anon private rw thp
write p0 A[0] 0x1111
label thp p0 A[0]
fork p0 c1
pin h p0 A[4] ro pin
expect p0 A[4] !thp
expect p0 A[4] exclusive
expect p0 A[4] readonly
expect p0 A[5] same c1 A[5]
expect p0 A[5] !pmd
expect c1 A[4] pmd
expect h == 0
unpin h
check
