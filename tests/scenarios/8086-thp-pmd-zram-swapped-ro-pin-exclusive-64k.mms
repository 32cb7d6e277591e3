# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 with a PMD-mapped THP swapped out to zram while 64 KiB mTHPs
# are on too: every swap PTE has its page's exclusive bit, and the pin's
# fault reads back the 64 KiB block around it whole (alloc_swap_folio
# never reads a PMD-size folio), exclusive and writable: no unshare, the
# pin sees the write that follows.  gup_test pins: vm:6.12.
title THP: R/O longterm pin of an exclusive THP page swapped to zram, back as 64K
requires swap thp gup_test
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
thp-sizes 2M 64K
mmap p0 A 512 thp
write p0 A[3] 0x1111
expect p0 A[3] pmd
swapout p0 A
expect p0 A[3] swapped
pin h p0 A[3] ro pin longterm
expect p0 A[3] order 4
expect p0 A[3] exclusive
expect p0 A[16] swapped
label L p0 A[3]
write p0 A[3] 0x2222
expect p0 A[3] is L
expect h == 0x2222
unpin h
check
