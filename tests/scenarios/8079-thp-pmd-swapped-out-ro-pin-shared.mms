# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 with a swapped-out PMD-mapped THP: fork shares the swap
# entry; the parent's R/O longterm pin faults the page in, not exclusive
# (the child still holds the slot), and must unshare it: an exclusive,
# read-only 4 KiB copy that the pin holds and the next write reuses.
# gup_test pins: vm:6.12.
title THP: R/O longterm pin of a shared swapped-out THP page
broken-under v5.7 v5.8 v5.9 v5.18
requires swap thp gup_test
mmap p0 A 512 thp
write p0 A[3] 0x1111
swapout p0 A
fork p0 c1
pin h p0 A[3] ro pin longterm
expect p0 A[3] exclusive
expect p0 A[3] readonly
write p0 A[3] 0x2222
expect h == 0x2222
expect c1 A[3] == 0x1111
unpin h
exit c1
check
