# SPDX-License-Identifier: GPL-2.0-only
# A write fault on the swap PTE of a non-exclusive page (no exclusive bit):
# do_swap_page frees the swap cache, the fault then holds the only reference,
# so the page is mapped exclusive and writable without a copy (swapin.fault
# steps 7 and 9; obs.swapin-swap-file pg3: same PFN, AE=1, swapcache=0).
title swap: write swap-in of a non-exclusive page reuses it
requires swap
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
fork p0 c1
exit c1
swapout p0 A
expect p0 A[0] swapped
write p0 A[0] 0x2222
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
expect p0 A[0] == 0x2222
check
