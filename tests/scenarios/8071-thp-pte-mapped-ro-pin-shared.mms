# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 with THP (PTE-mapped): split, fork shares every page read-only;
# the parent's R/O longterm pin of one must unshare, and a page of a large
# folio the child still maps is copied (wp_page_copy for
# FAULT_FLAG_UNSHARE: an exclusive, read-only 4 KiB page).  The write then
# reuses the copy and the pin sees it.  gup_test: vm:6.12.
title THP: R/O longterm pin of a page of a shared PTE-mapped THP
broken-under v5.7 v5.9 v5.18
requires thp gup_test
mmap p0 A 512 thp
write p0 A[0] 0x1111
split p0 A[0]
label orig p0 A[7]
fork p0 c1
expect p0 A[7] readonly
pin h p0 A[7] ro pin longterm
expect p0 A[7] isnot orig
expect p0 A[7] !thp
expect p0 A[7] exclusive
write p0 A[7] 0x2222
expect h == 0x2222
expect c1 A[7] == 0
expect c1 A[7] is orig
unpin h
exit c1
check
