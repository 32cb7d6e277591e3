# SPDX-License-Identifier: GPL-2.0-only
# cow.c A10 (GUP-fast) with THP (PMD-mapped): GUP-fast sees that the
# page needs unsharing (gup_fast_pmd_leaf: gup_must_unshare) and falls
# back to the slow path, which does what A9 does. Fork shares the PMD; the
# parent's R/O longterm pin of a page of it must unshare (follow_huge_pmd:
# gup_must_unshare -> do_huge_pmd_wp_page with FAULT_FLAG_UNSHARE), which
# cannot reuse a THP the child still maps: the PMD is split and that one
# page copied into an exclusive, read-only 4 KiB page.  The parent's write
# then reuses the copy, and the pin sees it.  gup_test: vm:6.12.
title THP: R/O longterm GUP-fast pin of a page of a shared PMD-mapped THP
broken-under v5.7 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
label orig p0 A[3]
fork p0 c1
expect p0 A[3] pmd
pin h p0 A[3] ro pin longterm fast
expect p0 A[3] isnot orig
expect p0 A[3] !thp
expect p0 A[3] exclusive
expect p0 A[0] !pmd
write p0 A[3] 0x2222
expect h == 0x2222
expect c1 A[3] == 0x3333
expect c1 A[3] pmd
unpin h
exit c1
check
