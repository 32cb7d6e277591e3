# SPDX-License-Identifier: GPL-2.0-only
# With swap more than half full (vm_swap_full: free slots * 2 < all
# slots), a swap-in frees the slot of a page no swap PTE needs any more
# (do_swap_page: should_try_to_free_swap, mem_cgroup_swap_full), and the
# page, now referenced by the fault alone, is mapped exclusive and
# writable even on a read fault of a not-exclusive swap PTE.
# A device of 16 pages has 15 slots (the first is the header).  The pages
# were shared (fork, then the child exits), so their swap PTEs are not
# exclusive.  With 8 of 15 slots used, the read of A[0] frees its slot;
# then 7 of 15 are used, swap is no longer full, and the read of A[1]
# keeps its slot and maps it R/O, not exclusive, as 4002 does.
# Before v6.11 the swap-in maps A[0] writable only on a write fault.
title swap: more than half full, a swap-in frees the slot
broken-under v5.7 v5.8 v5.9 v5.18 v5.19 v5.19,swp_exclusive=off v6.1
requires swap
swapdev file pages 16
mmap p0 A 8
write p0 A[0] 0x1000
write p0 A[1] 0x1001
write p0 A[2] 0x1002
write p0 A[3] 0x1003
write p0 A[4] 0x1004
write p0 A[5] 0x1005
write p0 A[6] 0x1006
write p0 A[7] 0x1007
fork p0 c1
exit c1
swapout p0 A
expect p0 A[0] swapped
read p0 A[0]
expect p0 A[0] exclusive
expect p0 A[0] writable
read p0 A[1]
expect p0 A[1] !exclusive
expect p0 A[1] readonly
write p0 A[1] 0x2001
expect p0 A[1] exclusive
check
