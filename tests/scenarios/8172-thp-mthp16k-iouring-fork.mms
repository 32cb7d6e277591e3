# SPDX-License-Identifier: GPL-2.0-only
# cow.c "fork() with an iouring fixed buffer" with a 16 KiB mTHP: the
# io_uring buffer pins (FOLL_PIN | FOLL_LONGTERM) one page, which makes
# the whole folio maybe pinned (_pincount), so fork cannot share any
# exclusive page of it (folio_try_dup_anon_rmap_ptes fails, page by
# page copy_present_page): the child gets a 4 KiB copy of each.  The
# parent's write lands in the pinned page and the fixed buffer sees it.
title mTHP 16K: fork with an io_uring fixed buffer
broken-under v5.7 v5.8
requires iouring
thp-sizes 16K
mmap p0 A 4 thp
write p0 A[0] 0x1111
write p0 A[3] 0x5555
label L p0 A[0]
pin h p0 A[0] rw pin longterm
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect c1 A[3] !same p0 A[3]
expect c1 A[3] !thp
expect c1 A[3] exclusive
expect p0 A[0] is L
expect p0 A[0] thp
expect p0 A[0] mapcount 1
write p0 A[0] 0x2222
expect p0 A[0] is L
expect h == 0x2222
expect c1 A[0] == 0x1111
expect c1 A[3] == 0x5555
unpin h
exit c1
check
