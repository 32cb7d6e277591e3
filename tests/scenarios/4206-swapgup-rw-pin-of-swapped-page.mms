# SPDX-License-Identifier: GPL-2.0-only
# A R/W pin of a swapped-out exclusive page write-faults it in: the same page
# (swap cache hit), exclusive, its swap cache freed by the write (swapin.fault
# step 7). A pinned page then cannot be swapped out again (reclaim.folio) or
# shared by fork (fork.present).
title swap+GUP: R/W pin swaps the page in; it then stays resident
requires swap iouring
mmap p0 A 1
write p0 A[0] 0x1111
label L p0 A[0]
swapout p0 A
pin h p0 A[0] rw pin longterm
expect p0 A[0] is L
expect p0 A[0] exclusive
expect p0 A[0] writable
swapout p0 A
expect p0 A[0] present
fork p0 c1
expect c1 A[0] !same p0 A[0]
expect c1 A[0] == 0x1111
dma-write h 0x2222
expect p0 A[0] == 0x2222
unpin h
check
