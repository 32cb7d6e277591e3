# SPDX-License-Identifier: GPL-2.0-only
# cow.c A10 (GUP-fast) with a 64 KiB mTHP: fork shares every page; GUP-fast
# sees that the R/O longterm pin must unshare (gup_must_unshare) and
# falls back to the slow path, which copies the page (the child maps the
# folio too, so no kernel reuses it): an exclusive, read-only 4 KiB
# copy.  The write then reuses the copy and the pin sees it.  gup_test:
# vm:6.12.
title mTHP 64K: R/O longterm GUP-fast pin of a page of a shared mTHP
broken-under v5.7 v5.9 v5.18
requires gup_test
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
write p0 A[3] 0x3333
label orig p0 A[3]
fork p0 c1
pin h p0 A[3] ro pin longterm fast
expect p0 A[3] isnot orig
expect p0 A[3] !thp
expect p0 A[3] exclusive
expect p0 A[0] thp
write p0 A[3] 0x2222
expect h == 0x2222
expect c1 A[3] == 0x3333
expect c1 A[3] is orig
unpin h
exit c1
check
