# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 with a 64K mTHP swapped out (THP_RUN_PTE_SWAPOUT, the
# machine's swap file): reclaim splits the folio, the written page goes
# to swap with its exclusive bit (the zero-filled ones map the zero
# page), so the pin's swap-in maps it exclusive: no unshare, the pin sees
# the write that follows, on the same page.  gup_test pins: vm:6.12.
title mTHP 64K: R/O longterm pin of an exclusive swapped-out mTHP page
requires swap gup_test
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[3] 0x1111
swapout p0 A
expect p0 A[3] swapped
expect p0 A[0] zeropage
pin h p0 A[3] ro pin longterm
expect p0 A[3] exclusive
expect p0 A[3] order 0
label L p0 A[3]
write p0 A[3] 0x2222
expect p0 A[3] is L
expect h == 0x2222
unpin h
check
