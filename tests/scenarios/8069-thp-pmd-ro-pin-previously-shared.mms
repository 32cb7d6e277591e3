# SPDX-License-Identifier: GPL-2.0-only
# cow.c A11 with THP (PMD-mapped): the child exits before the pin, so the
# unshare fault finds the THP's only reference is this PMD
# (do_huge_pmd_wp_page) and reuses it: the head becomes PageAnonExclusive,
# the PMD stays, read-only, no copy.  The write then reuses it too, and
# the pin sees it.  gup_test: vm:6.12.
title THP: R/O longterm pin of a previously shared PMD-mapped THP
broken-under v5.7 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 thp
write p0 A[0] 0x1111
label orig p0 A[5]
fork p0 c1
exit c1
expect p0 A[5] !exclusive
pin h p0 A[5] ro pin longterm
expect p0 A[5] is orig
expect p0 A[5] pmd
expect p0 A[5] exclusive
write p0 A[5] 0x2222
expect p0 A[5] is orig
expect h == 0x2222
unpin h
check
