# SPDX-License-Identifier: GPL-2.0-only
# cow.c A9 ("R/O GUP pin on R/O-mapped shared page") with a 64K
# mTHP swapped out to zram: fork shares every slot and clears the
# parent's exclusive bits; the pin's fault reads one page through the
# swap cache (two users: no large swap-in), not exclusive, so the R/O
# longterm pin unshares it into an exclusive 4 KiB copy that the write
# then reuses; the child keeps the old data.  gup_test pins: vm:6.12.
title mTHP 64K: R/O longterm pin of a shared mTHP page swapped to zram
requires swap gup_test
broken-under v5.7 v5.8 v5.9 v5.18
swapdev sync
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[3] 0x1111
swapout p0 A
fork p0 c1
pin h p0 A[3] ro pin longterm
expect p0 A[3] exclusive
expect p0 A[3] readonly
expect p0 A[3] order 0
write p0 A[3] 0x2222
expect h == 0x2222
expect c1 A[3] == 0x1111
unpin h
exit c1
check
