# SPDX-License-Identifier: GPL-2.0-only
# mTHP: a R/O longterm pin of a page fork shares must unshare it
# (FAULT_FLAG_UNSHARE): the child maps the folio too, so no kernel reuses
# it, and wp_page_copy gives the parent an exclusive, still read-only
# 4 KiB copy, which the pin then holds.  gup_test pins: vm:6.12.
title mTHP: R/O pin of a shared mTHP page unshares 4 KiB
broken-under v5.7 v5.8 v5.9 v5.18
requires gup_test
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[7] 0x1111
label orig p0 A[7]
fork p0 c1
pin h p0 A[7] ro pin longterm
expect p0 A[7] isnot orig
expect p0 A[7] !thp
expect p0 A[7] exclusive
expect p0 A[7] readonly
expect p0 A[8] thp
expect c1 A[7] is orig
write p0 A[7] 0x2222
expect h == 0x2222
expect c1 A[7] == 0x1111
unpin h
exit c1
check
