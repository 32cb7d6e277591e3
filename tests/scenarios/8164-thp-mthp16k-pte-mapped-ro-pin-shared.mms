# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 ("R/O GUP pin on R/O-mapped shared page") with a PTE-mapped
# 16 KiB mTHP: fork shares every page read-only; the parent's R/O longterm
# pin of one must unshare it, and as the child maps the folio too the
# page is copied (wp_page_copy for FAULT_FLAG_UNSHARE: exclusive, still
# read-only); the write then reuses the copy and the pin sees it.
# gup_test pins: vm:6.12.
title mTHP 16K: R/O longterm pin of a page of a shared mTHP
broken-under v5.7 v5.9 v5.18
requires gup_test
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
split p0 A[0]
label orig p0 A[3]
fork p0 c1
expect p0 A[3] readonly
pin h p0 A[3] ro pin longterm
expect p0 A[3] isnot orig
expect p0 A[3] !thp
expect p0 A[3] exclusive
write p0 A[3] 0x2222
expect h == 0x2222
expect c1 A[3] == 0
expect c1 A[3] is orig
unpin h
exit c1
check
