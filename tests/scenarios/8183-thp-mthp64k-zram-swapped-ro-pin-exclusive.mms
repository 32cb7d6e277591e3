# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 ("R/O GUP pin on R/O-mapped exclusive page") with a 64K
# mTHP swapped out to zram: every swap PTE keeps its page's exclusive
# bit, and the pin's fault reads the folio back whole (alloc_swap_folio:
# one user per slot), exclusive and writable, so no unshare: the pin sees
# the write that follows, on the same page.  gup_test pins: vm:6.12.
title mTHP 64K: R/O longterm pin of an exclusive mTHP page swapped to zram
requires swap gup_test
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
swapdev sync
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[3] 0x1111
swapout p0 A
expect p0 A[3] swapped
pin h p0 A[3] ro pin longterm
expect p0 A[3] order 4
expect p0 A[0] order 4
expect p0 A[3] exclusive
label L p0 A[3]
write p0 A[3] 0x2222
expect p0 A[3] is L
expect h == 0x2222
unpin h
check
