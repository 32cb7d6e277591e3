# SPDX-License-Identifier: GPL-2.0-only
# cow.c A13 with a swapped-out PTE-mapped THP (THP_RUN_PTE_SWAPOUT):
# the PMD is split first (split, as cow.c's mprotect trick), then
# reclaim splits the folio on the swap file: the written page's swap PTE
# keeps its exclusive bit; mprotect RO, clear-refs, mprotect RW, then the
# pin's swap-in maps it exclusive, no unshare: the pin sees the write
# that follows.  gup_test pins: vm:6.12.
title THP: R/O longterm pin of an exclusive swapped-out PTE-mapped THP page
requires swap thp gup_test
broken-under v5.9 v5.18
mmap p0 A 512 thp
write p0 A[3] 0x1111
split p0 A[0]
expect p0 A[3] !pmd
swapout p0 A
expect p0 A[3] swapped
mprotect p0 A ro
clear-refs p0 soft-dirty
mprotect p0 A rw
pin h p0 A[3] ro pin longterm
expect p0 A[3] exclusive
label L p0 A[3]
write p0 A[3] 0x2222
expect p0 A[3] is L
expect h == 0x2222
unpin h
check
