# SPDX-License-Identifier: GPL-2.0-only
# Large swap-in needs the faulting slot to have one user (do_swap_page
# skips the swap cache only then): after fork both processes' swap PTEs
# use each slot, so a fault reads one page into the swap cache (with its
# readahead window), mapped R/O and not exclusive, as for any page fork
# shared; the other process's fault then finds it there.
title THP: a swapped-out mTHP shared by fork comes back one page at a time
requires swap
swapdev sync
thp-sizes 64K
mmap p0 A 16 thp
write p0 A[0] 0x1111
swapout p0 A
expect p0 A[0] swapped
fork p0 p1
read p0 A[0]
expect p0 A[0] == 0x1111
expect p0 A[0] order 0
expect p0 A[0] !exclusive
expect p0 A[0] !writable
read p1 A[0]
expect p1 A[0] == 0x1111
expect p1 A[0] order 0
expect p1 A[0] mapcount 2
check
