# SPDX-License-Identifier: GPL-2.0-only
# mTHP: a pin of one page makes the whole folio maybe pinned (_pincount
# is per folio), so fork cannot share any exclusive page of it: the batch
# fails (folio_try_dup_anon_rmap_ptes: -EBUSY) and, page by page, each
# exclusive page is copied for the child (copy_present_page).  The parent
# keeps its mTHP writable; the child sees no later DMA.  gup_test pins:
# vm:6.12.
title mTHP: fork of a pinned mTHP gives the child 4 KiB copies
broken-under v5.7 v5.8
requires gup_test
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
label big p0 A[0]
pin h p0 A[1] rw pin longterm
fork p0 c1
expect p0 A[0] is big
expect p0 A[0] writable
expect p0 A[9] exclusive
expect c1 A[0] !thp
expect c1 A[9] !thp
expect c1 A[9] exclusive
expect c1 A[0] == 0x1111
dma-write h 0x4444
expect p0 A[1] == 0x4444
expect c1 A[1] == 0
unpin h
exit c1
check
